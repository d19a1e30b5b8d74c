import { Hono } from 'hono';
import { codeExchangeRequestSchema } from '../../shared/authorize-contract';
import type { TokenResponseBody } from '../../shared/authorize-contract';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { configuredProfile, jsonBody } from './request-input';

/**
 * POST /api/authorize/exchange: redeems a confidential client's authorization code with the credentials of a
 * configured profile (RFC 6749 §4.1.3). The token endpoint comes from the profile issuer's discovery document and
 * must be on the issuer's origin, never from the browser, so the credentials only ever go to that server.
 */
export function codeExchangeRoutes(deps: AppDeps) {
  return new Hono().post('/exchange', jsonBody(codeExchangeRequestSchema, 'exchange request'), async (c) => {
    const { profile: profileId, client_id: clientId, ...request } = c.req.valid('json');
    const profile = configuredProfile(deps.config, profileId);
    if (profile.clientId !== clientId) {
      throw new ApiError(400, 'invalid_request', `The code was issued to ${clientId}, but profile "${profile.id}" is client ${profile.clientId}`, {
        details: [{ path: 'client_id', message: 'does not match the profile' }],
      });
    }
    if (profile.clientAuthMethod === 'none') {
      throw new ApiError(400, 'unsupported_client_auth', `Profile "${profile.id}" is a public client: the browser redeems its code with PKCE`);
    }
    const tokens = await deps.upstream.redeemCode(profile, request);
    c.header('Cache-Control', 'no-store');
    return c.json(tokens satisfies TokenResponseBody);
  });
}
