import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import type { ProfileSummary } from '../../shared/api-contract';
import { initializeAuthorizeRequest, useAuthorizeActions } from './authorize-store';

/**
 * `/authorize?profile=demo-spa&audience=…&scope=…` (the lessons' links): a fresh request for that profile, with the
 * audience and scope given, once the profiles are known. The parameters leave the address bar once applied.
 */
export function useProfileDeepLink(profiles: readonly ProfileSummary[] | undefined) {
  const [searchParams, setSearchParams] = useSearchParams();
  const { profileSelected, paramChanged } = useAuthorizeActions();
  const profileParam = searchParams.get('profile');
  const audience = searchParams.get('audience');
  const scope = searchParams.get('scope');
  const profile = profileParam ? profiles?.find((p) => p.id === profileParam) : undefined;
  useEffect(() => {
    if (!profile) return;
    // Not cancelled when the parameters leave the URL: that re-runs this effect before the request is ready.
    void initializeAuthorizeRequest(`${window.location.origin}/callback`, { startOver: true }).then(() => {
      profileSelected({ id: profile.id, issuer: profile.issuer, clientId: profile.client_id, clientKind: profile.client_auth_method === 'none' ? 'public' : 'confidential' });
      paramChanged('audience', audience ?? undefined);
      if (scope !== null) paramChanged('scope', scope);
    });
    setSearchParams({}, { replace: true });
  }, [profile, audience, scope, profileSelected, paramChanged, setSearchParams]);
}
