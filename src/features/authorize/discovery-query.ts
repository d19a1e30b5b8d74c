import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchDiscovery } from '../../lib/oauth/discovery';

/** The issuer's discovery document, read from the browser; only ever fetched when the user asks ("Fetch discovery"). */
export const discoveryQueryOptions = (issuer: string) =>
  queryOptions({ queryKey: ['authorize', 'discovery', issuer], queryFn: () => fetchDiscovery(issuer), staleTime: Infinity, enabled: false });

/** The cached document for this issuer, if it was fetched; `refetch` is the explicit fetch. */
export function useDiscovery(issuer: string | undefined) {
  return useQuery({ ...discoveryQueryOptions(issuer ?? ''), enabled: false });
}
