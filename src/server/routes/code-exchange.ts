import { Hono } from 'hono';
import { redeemAuthorizationCode } from '../../lib/oauth/code-exchange';
import { OAuthFlowError } from '../../lib/oauth/oauth-error';
import { codeExchangeRequestSchema } from '../../shared/authorize-contract';
import type { TokenResponseBody } from '../../shared/authorize-contract';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { clientAuthFor } from '../oauth/client-auth';
import { allowsInsecure, createDiscoveryCache, sameOriginEndpoint } from '../oauth/discovery';
import { createSecretScrubber } from '../oauth/secret-scrubber';
import type { SecretScrubber } from '../oauth/secret-scrubber';
import { upstreamFetch } from '../oauth/upstream-fetch';

/** The ApiError (timeout, unreachable, refused endpoint) that the server's own upstream code threw, if any. */
function apiErrorIn(error: unknown): ApiError | undefined {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current instanceof ApiError) return current;
  }
  return undefined;
}

/**
 * A failed redemption as an ApiError. `upstream` (the AS's error and HTTP status) is attached only when the token
 * endpoint really answered (`answeredStatus`): a failure raised here, before any answer, is never dressed up as one.
 */
function toApiError(error: unknown, scrubber: SecretScrubber, answeredStatus: number | undefined): ApiError | unknown {
  const own = apiErrorIn(error);
  if (own) return own;
  if (!(error instanceof OAuthFlowError)) return error;
  const message = scrubber.errorText(error.message);
  if (answeredStatus === undefined) return new ApiError(502, 'upstream_error', message);
  if (error.code === 'ERR_TOKEN_ERROR' && error.error) {
    return new ApiError(502, 'upstream_error', message, {
      upstream: {
        error: scrubber.errorText(error.error),
        ...(error.errorDescription ? { error_description: scrubber.errorText(error.errorDescription) } : {}),
        status: answeredStatus,
      },
    });
  }
  return new ApiError(502, 'upstream_error', message, { upstream: { error: error.code.replace(/^ERR_/, '').toLowerCase(), error_description: message, status: answeredStatus } });
}

/**
 * POST /api/authorize/exchange: redeems a confidential client's authorization code with the credentials of a
 * configured profile (RFC 6749 §4.1.3). The token endpoint comes from the profile issuer's discovery document and
 * must be on the issuer's origin, never from the browser, so the credentials only ever go to that server.
 */
export function codeExchangeRoutes(deps: AppDeps) {
  const scrubber = createSecretScrubber(deps.config);
  const discovery = createDiscoveryCache(deps.fetch, scrubber);

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
    if (profile.clientAuthMethod === 'none') {
      throw new ApiError(400, 'unsupported_client_auth', `Profile "${profile.id}" is a public client: the browser redeems its code with PKCE`);
    }
    let answeredStatus: number | undefined;
    const fetchToken = upstreamFetch(deps.fetch, profile.timeoutMs);
    try {
      const { document } = await discovery.get(profile);
      const tokenEndpoint = sameOriginEndpoint(profile, document, 'token_endpoint');
      const tokens = await redeemAuthorizationCode({
        issuer: document.issuer,
        tokenEndpoint,
        clientId: profile.clientId,
        clientAuth: await clientAuthFor(profile, tokenEndpoint),
        code: body.code,
        redirectUri: body.redirect_uri,
        fetch: async (input, init) => {
          const response = await fetchToken(input, init);
          answeredStatus = response.status;
          return response;
        },
        allowInsecure: allowsInsecure(profile.issuer),
        ...(body.iss === undefined ? {} : { iss: body.iss }),
        ...(body.code_verifier === undefined ? {} : { codeVerifier: body.code_verifier }),
        ...(body.nonce === undefined ? {} : { expectedNonce: body.nonce }),
        ...(body.max_age === undefined ? {} : { maxAge: body.max_age }),
      });
      c.header('Cache-Control', 'no-store');
      return c.json(scrubber.json(tokens) satisfies TokenResponseBody);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw toApiError(error, scrubber, answeredStatus);
    }
  });
}
