import { useMutation } from '@tanstack/react-query';
import { postJson } from '../../api/companion-client';
import type { RevokeRequest, RevokeResponse } from '../../shared/oauth-contract';
import { revokeResponseSchema } from '../../shared/oauth-contract';

/** POST /api/revoke (RFC 7009). */
export function revokeToken(request: RevokeRequest): Promise<RevokeResponse> {
  return postJson('/api/revoke', request, revokeResponseSchema);
}

export function useRevoke() {
  return useMutation({ mutationKey: ['introspect', 'revoke'], mutationFn: revokeToken });
}
