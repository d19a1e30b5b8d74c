import { useMemo, useState } from 'react';
import { useProfiles } from '../../api/profiles-query';
import { deriveBuilderView } from '../../lib/oauth/builder-view';
import { MANAGEMENT_USER_CONTEXT_SCOPES } from '../../lib/oauth/management-api';
import { resolveIssuer } from '../../lib/oauth/issuer';
import { findPreset } from '../../lib/oauth/presets';
import { useAuthorizeRequest, useClientKind, useDomainInput, usePastedEndpoint, usePresetId, useProfileId } from './authorize-store';
import { useDiscovery } from './discovery-query';
import { readUserApis } from './user-apis';

/** The builder's derived view: endpoints, known APIs, the URL and its pitfalls, recomputed as the form changes. */
export function useBuilderView() {
  const domainInput = useDomainInput();
  const presetId = usePresetId();
  const clientKind = useClientKind();
  const request = useAuthorizeRequest();
  const pastedEndpoint = usePastedEndpoint();
  const profileId = useProfileId();
  const profiles = useProfiles();
  const issuer = resolveIssuer(domainInput)?.issuer;
  const discovery = useDiscovery(issuer);
  const profile = profiles.data?.find((candidate) => candidate.id === profileId);
  const [userApis] = useState(() => readUserApis());

  const view = useMemo(
    () =>
      deriveBuilderView({
        domainInput,
        presetAuth0: findPreset(presetId).auth0,
        clientKind,
        request,
        pastedEndpoint,
        discovered: discovery.data,
        apis: [...(profile?.apis ?? []).map((api) => ({ ...api, source: 'profile' as const })), ...userApis.map((api) => ({ ...api, source: 'user' as const }))],
        userContextScopes: MANAGEMENT_USER_CONTEXT_SCOPES,
      }),
    [domainInput, presetId, clientKind, request, pastedEndpoint, discovery.data, profile, userApis],
  );
  return { view, discovery, profiles, profile };
}
