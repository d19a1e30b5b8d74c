import { Hono } from 'hono';
import { fetchDiscovery } from '../../lib/oauth/discovery';
import { redeemAuthorizationCode } from '../../lib/oauth/code-exchange';
import { OAuthFlowError } from '../../lib/oauth/oauth-error';
import { codeExchangeRequestSchema } from '../../shared/authorize-contract';
import type { TokenResponseBody } from '../../shared/authorize-contract';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';

function isTimeout(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return true;
  }
  return false;
}

function toApiError(error: unknown): ApiError {
  if (isTimeout(error)) return new ApiError(504, 'upstream_timeout', 'The authorization server did not answer in time');
  if (error instanceof OAuthFlowError) {
    if (error.code === 'token-error' && error.error) {
      return new ApiError(502, 'upstream_error', error.message, { upstream: { error: error.error, ...(error.errorDescription ? { error_description: error.errorDescription } : {}), status: 400 } });
    }
    if (error.code === 'discovery-failed' || (error.code === 'token-error' && !error.error)) {
      return new ApiError(502, 'upstream_unreachable', error.message);
    }
    return new ApiError(502, 'upstream_error', error.message, { upstream: { error: error.code, error_description: error.message, status: 200 } });
  }
  return new ApiError(502, 'upstream_error', 'The token response could not be processed');
}

/**
 * POST /api/authorize/exchange: redeems a confidential client's authorization code with the secret of a
 * configured profile (RFC 6749 §4.1.3). The token endpoint comes from the profile issuer's discovery, never
 * from the browser, so the secret only ever goes to the profile's own authorization server.
 */
export function codeExchangeRoutes(deps: AppDeps) {
  return new Hono().post('/exchange', async (c) => {
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      throw new ApiError(400, 'invalid_request', 'The body is not JSON');
    }
    const parsed = codeExchangeRequestSchema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(400, 'invalid_request', 'The exchange request is invalid', {
        details: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    const body = parsed.data;
    const profile = deps.config.profiles.find((candidate) => candidate.id === body.profile);
    if (!profile) throw new ApiError(404, 'unknown_profile', `No profile "${body.profile}"`);
    if (profile.clientId !== body.client_id) {
      throw new ApiError(400, 'invalid_request', `The code was issued to ${body.client_id}, but profile "${profile.id}" is client ${profile.clientId}`, {
        details: [{ path: 'client_id', message: 'does not match the profile' }],
      });
    }
    const method = profile.clientAuthMethod;
    if ((method !== 'client_secret_basic' && method !== 'client_secret_post') || !profile.clientSecret) {
      throw new ApiError(400, 'unsupported_client_auth', `Profile "${profile.id}" uses ${method}; the exchange supports client_secret_basic and client_secret_post`);
    }
    const timedFetch: typeof fetch = (input, init) => deps.fetch(input, { ...init, signal: AbortSignal.timeout(profile.timeoutMs) });
    try {
      const server = await fetchDiscovery(profile.issuer, timedFetch);
      const tokens = await redeemAuthorizationCode({
        issuer: server.issuer,
        tokenEndpoint: server.tokenEndpoint,
        clientId: profile.clientId,
        clientAuth: { method, secret: profile.clientSecret },
        code: body.code,
        redirectUri: body.redirect_uri,
        fetch: timedFetch,
        ...(body.iss === undefined ? {} : { iss: body.iss }),
        ...(body.code_verifier === undefined ? {} : { codeVerifier: body.code_verifier }),
        ...(body.nonce === undefined ? {} : { expectedNonce: body.nonce }),
        ...(body.max_age === undefined ? {} : { maxAge: body.max_age }),
      });
      c.header('Cache-Control', 'no-store');
      return c.json(tokens satisfies TokenResponseBody);
    } catch (error) {
      throw toApiError(error);
    }
  });
}
