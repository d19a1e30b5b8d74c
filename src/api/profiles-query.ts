import { queryOptions, useQuery } from '@tanstack/react-query';
import { profilesResponseSchema } from '../shared/api-contract';
import type { ProfileSummary } from '../shared/api-contract';
import { getJson } from './companion-client';

/** Query keys for the companion server's own data, generic to specific. */
export const companionKeys = {
  all: ['companion'] as const,
  profiles: () => [...companionKeys.all, 'profiles'] as const,
};

/** GET /api/profiles: the configured authorization servers, as summaries (never a secret). */
async function fetchProfiles(): Promise<ProfileSummary[]> {
  return (await getJson('/api/profiles', profilesResponseSchema)).profiles;
}

/** One key for the profiles, whichever tool asks: every tool shares the one cached list. */
export const profilesQueryOptions = () => queryOptions({ queryKey: companionKeys.profiles(), queryFn: fetchProfiles, staleTime: 5 * 60_000 });

export function useProfiles() {
  return useQuery(profilesQueryOptions());
}
