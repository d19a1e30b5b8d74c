import { queryOptions, useQuery } from '@tanstack/react-query';
import { profilesResponseSchema } from '../../shared/api-contract';
import { requestCompanion } from './companion-client';

/** GET /api/profiles: the configured authorization servers, as summaries (never a secret). */
export const profilesQueryOptions = () =>
  queryOptions({
    queryKey: ['introspect', 'profiles'],
    queryFn: async () => (await requestCompanion('/api/profiles', profilesResponseSchema)).profiles,
    staleTime: 5 * 60_000,
  });

export function useProfiles() {
  return useQuery(profilesQueryOptions());
}
