import { queryOptions, useQuery } from '@tanstack/react-query';
import { profilesResponseSchema } from '../../shared/api-contract';
import type { ProfileSummary } from '../../shared/api-contract';
import { callCompanion } from './companion-api';

/** GET /api/profiles: the configured authorization servers (summaries only, never a secret). */
export async function fetchProfiles(): Promise<ProfileSummary[]> {
  return (await callCompanion('/api/profiles', profilesResponseSchema)).profiles;
}

export const profilesQueryOptions = () => queryOptions({ queryKey: ['authorize', 'profiles'], queryFn: fetchProfiles, staleTime: 5 * 60_000 });

export function useProfiles() {
  return useQuery(profilesQueryOptions());
}
