import { useMutation } from '@tanstack/react-query';
import type { UserinfoRequest, UserinfoResponse } from '../../shared/oauth-contract';
import { userinfoResponseSchema } from '../../shared/oauth-contract';
import { requestCompanion } from './companion-client';

/** POST /api/userinfo (OIDC Core §5.3): spends the access token at the UserInfo endpoint, so a mutation. */
export function fetchUserinfo(request: UserinfoRequest): Promise<UserinfoResponse> {
  return requestCompanion('/api/userinfo', userinfoResponseSchema, request);
}

export function useUserinfo() {
  return useMutation({ mutationKey: ['introspect', 'userinfo'], mutationFn: fetchUserinfo });
}
