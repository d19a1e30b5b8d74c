import { queryOptions } from '@tanstack/react-query';
import { getJson } from '../../api/companion-client';
import { jwksResponseSchema } from '../../shared/oauth-contract';

/** GET /api/jwks?profile=: the issuer's signing keys, fetched through the server only when the user introspects a JWT. */
export const jwksQueryOptions = (profileId: string) =>
  queryOptions({
    queryKey: ['introspect', 'jwks', profileId],
    queryFn: () => getJson(`/api/jwks?profile=${encodeURIComponent(profileId)}`, jwksResponseSchema),
    staleTime: 5 * 60_000,
  });
