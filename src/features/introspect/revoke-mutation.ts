import { useMutation } from '@tanstack/react-query';
import type { RevokeRequest, RevokeResponse } from '../../shared/oauth-contract';
import { revokeResponseSchema } from '../../shared/oauth-contract';
import { requestCompanion } from './companion-client';

/** POST /api/revoke (RFC 7009). */
export function revokeToken(request: RevokeRequest): Promise<RevokeResponse> {
  return requestCompanion('/api/revoke', revokeResponseSchema, request);
}

export function useRevoke() {
  return useMutation({ mutationKey: ['introspect', 'revoke'], mutationFn: revokeToken });
}
