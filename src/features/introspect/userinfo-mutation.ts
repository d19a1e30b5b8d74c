import { useMutation } from '@tanstack/react-query';
import { postJson } from '../../api/companion-client';
import type { UserinfoRequest, UserinfoResponse } from '../../shared/oauth-contract';
import { userinfoResponseSchema } from '../../shared/oauth-contract';

/** POST /api/userinfo (OIDC Core §5.3): spends the access token at the UserInfo endpoint, so a mutation. */
export function fetchUserinfo(request: UserinfoRequest): Promise<UserinfoResponse> {
  return postJson('/api/userinfo', request, userinfoResponseSchema);
}

export function useUserinfo() {
  return useMutation({ mutationKey: ['introspect', 'userinfo'], mutationFn: fetchUserinfo });
}
