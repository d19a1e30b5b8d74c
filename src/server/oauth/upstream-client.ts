import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { redeemAuthorizationCode } from '../../lib/oauth/code-exchange';
import type { TokenResponse } from '../../lib/oauth/code-exchange';
import { OAuthFlowError } from '../../lib/oauth/oauth-error';
import type { CodeExchangeRequest } from '../../shared/authorize-contract';
import type { UpstreamMeta } from '../../shared/oauth-contract';
import { clientCredentialsAnswerSchema, exchangeAnswerSchema, introspectionAnswerSchema, jwksAnswerSchema, userinfoAnswerSchema } from '../../shared/oauth-contract';
import type { ResolvedProfile } from '../config';
import { ApiError } from '../errors';
import { clientAuthFor } from './client-auth';
import { liveCredentialsIn } from './secret-scrubber';
import type { SecretScrubber } from './secret-scrubber';
import { allowsInsecure, sameOriginEndpoint } from './discovery';
import type { DiscoveryCache, DiscoveryDocument, EndpointName } from './discovery';
import { createTokenCache, tokenCacheKey } from './token-cache';
import { formatScope, splitScope } from '../../lib/oauth/scope';
import { readOAuthAnswer } from './upstream-response';
import { upstreamFetch } from './upstream-fetch';
import { sendApiCall } from './api-call';
import type { ApiCall } from './api-call';

interface UpstreamResult<T> {
  body: T;
  meta: UpstreamMeta;
}

interface UpstreamClientOptions {
  fetch: typeof fetch;
  /** Scrubs the configured secrets from anything an authorization server says back. */
  scrubber: SecretScrubber;
  discovery: DiscoveryCache;
  now?: () => number;
}

type TokenTypeHint = 'access_token' | 'refresh_token';
type RequestOptions = { [oauth.customFetch]: typeof fetch; [oauth.allowInsecureRequests]?: boolean };
type ClientCredentialsAnswer = z.infer<typeof clientCredentialsAnswerSchema>;

const tokenExchangeGrantType = 'urn:ietf:params:oauth:grant-type:token-exchange';
const accessTokenType = 'urn:ietf:params:oauth:token-type:access_token';

const anyBody = z.unknown();

/** The ApiError (timeout, unreachable, refused endpoint) that the server's own upstream code threw, if any. */
function apiErrorIn(error: unknown): ApiError | undefined {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current instanceof ApiError) return current;
  }
  return undefined;
}

/**
 * A failed code redemption as an ApiError. `upstream` (the AS's error and HTTP status) is attached only when the
 * token endpoint really answered (`answeredStatus`): a failure raised here, before any answer, is never dressed up as one.
 */
function redemptionError(error: unknown, scrubber: SecretScrubber, answeredStatus: number | undefined): unknown {
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
  // On the wire, codes are snake_case: ERR_NONCE_MISMATCH → nonce_mismatch.
  return new ApiError(502, 'upstream_error', message, { upstream: { error: error.code.replace(/^ERR_/, '').toLowerCase(), error_description: message, status: answeredStatus } });
}

/**
 * The companion server's OAuth client for configured profiles: discovery (cached per issuer), then one call to an
 * endpoint the discovery document names on the issuer's own origin, authenticated with the profile's credentials.
 * Protocol messages are built by oauth4webapi; answers are validated with zod and errors mapped to stable codes.
 */
export function createUpstreamClient(options: UpstreamClientOptions) {
  const { discovery, scrubber } = options;
  const tokens = createTokenCache<{ body: ClientCredentialsAnswer; meta: UpstreamMeta; obtainedAt: number; expiresAt: number | undefined }>(options.now);
  const now = options.now ?? Date.now;

  async function call<T>(
    profile: ResolvedProfile,
    endpointName: EndpointName,
    what: string,
    send: (as: oauth.AuthorizationServer, client: oauth.Client, auth: oauth.ClientAuth, requestOptions: RequestOptions, endpoint: string) => Promise<Response>,
    schema: z.ZodType<T>,
    expectedStatus = 200,
  ): Promise<UpstreamResult<T>> {
    const { document } = await discovery.get(profile);
    const endpoint = sameOriginEndpoint(profile, document, endpointName);
    const as: oauth.AuthorizationServer = { issuer: document.issuer, [endpointName]: endpoint };
    const client: oauth.Client = { client_id: profile.clientId };
    const auth = await clientAuthFor(profile, endpoint);
    // A client assertion sent here is a live credential until it expires: whatever the AS says back is scrubbed of it.
    const sent: string[] = [];
    const sending: typeof fetch = (input, init) => {
      sent.push(...liveCredentialsIn(init?.body));
      return options.fetch(input, init);
    };
    const requestOptions: RequestOptions = {
      [oauth.customFetch]: upstreamFetch(sending, profile.timeoutMs),
      ...(allowsInsecure(profile.issuer) ? { [oauth.allowInsecureRequests]: true } : {}),
    };
    const started = performance.now();
    let response: Response;
    try {
      response = await send(as, client, auth, requestOptions, endpoint);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(502, 'upstream_error', `The ${what} request could not be built for ${new URL(endpoint).host}`);
    }
    const answer = await readOAuthAnswer(response, schema, { host: new URL(endpoint).host, timeoutMs: profile.timeoutMs, what, expectedStatus, scrubber: scrubber.withSecrets(sent) });
    const meta: UpstreamMeta = { upstreamStatus: answer.status, elapsedMs: Math.round(performance.now() - started), endpoint, authMethod: profile.clientAuthMethod };
    return { body: answer.body, meta };
  }

  const hintParameters = (hint: TokenTypeHint | undefined) => (hint ? { additionalParameters: { token_type_hint: hint } } : {});

  return {
    /** The issuer's discovery document (fetched afresh: the user asked for it). */
    async discovery(profile: ResolvedProfile): Promise<{ document: DiscoveryDocument; meta: Omit<UpstreamMeta, 'authMethod'> }> {
      const found = await discovery.get(profile, true);
      return { document: found.document, meta: { upstreamStatus: found.upstreamStatus, elapsedMs: found.elapsedMs, endpoint: found.endpoint } };
    },

    /** The issuer's JSON Web Key Set (RFC 7517 §5), from the discovery-named jwks_uri. */
    async jwks(profile: ResolvedProfile) {
      const result = await call(profile, 'jwks_uri', 'JWKS', async (_as, _client, _auth, requestOptions, endpoint) => {
        return requestOptions[oauth.customFetch](endpoint, { method: 'GET', headers: { accept: 'application/json, application/jwk-set+json' } });
      }, jwksAnswerSchema);
      const { authMethod: _unused, ...meta } = result.meta;
      return { body: result.body, meta };
    },

    /** Token introspection (RFC 7662 §2): the authorization server's answer, as-is. */
    introspect(profile: ResolvedProfile, token: string, hint?: TokenTypeHint) {
      return call(profile, 'introspection_endpoint', 'introspection', (as, client, auth, requestOptions) =>
        oauth.introspectionRequest(as, client, auth, token, { ...requestOptions, ...hintParameters(hint) }), introspectionAnswerSchema);
    },

    /** Token revocation (RFC 7009 §2): a 200 means revoked (or already invalid, which RFC 7009 §2.2 treats the same). */
    async revoke(profile: ResolvedProfile, token: string, hint?: TokenTypeHint) {
      const result = await call(profile, 'revocation_endpoint', 'revocation', (as, client, auth, requestOptions) =>
        oauth.revocationRequest(as, client, auth, token, { ...requestOptions, ...hintParameters(hint) }), anyBody);
      tokens.forget((kept) => kept.body.access_token === token);
      return result;
    },

    /** The UserInfo endpoint (OIDC Core §5.3), called with the access token as a Bearer credential. */
    userinfo(profile: ResolvedProfile, accessToken: string) {
      return call(profile, 'userinfo_endpoint', 'userinfo', (as, client, _auth, requestOptions) =>
        oauth.userInfoRequest(as, client, accessToken, requestOptions), userinfoAnswerSchema);
    },

    /**
     * A client-credentials grant (RFC 6749 §4.4), cached per (profile, audience, scope, params) until 60 s before
     * expiry. `params` are extra token-request parameters, already checked against the profile's `tokenParams`.
     * A cached answer's `expires_in` is what is left of the token's lifetime, in whole seconds (RFC 6749 §5.1
     * counts it from the response), not what the AS said when it issued the token.
     */
    async clientCredentials(profile: ResolvedProfile, audience: string | undefined, scope: string | undefined, params: Readonly<Record<string, string>> = {}) {
      const normalizedScope = formatScope(splitScope(scope)) || undefined;
      const key = tokenCacheKey(profile.id, audience, normalizedScope, params);
      const result = await tokens.get(key, async () => {
        const parameters = new URLSearchParams(Object.entries(params));
        if (audience) parameters.set('audience', audience);
        if (normalizedScope) parameters.set('scope', normalizedScope);
        const obtainedAt = now();
        const answer = await call(profile, 'token_endpoint', 'token', (as, client, auth, requestOptions) =>
          oauth.clientCredentialsGrantRequest(as, client, auth, parameters, requestOptions), clientCredentialsAnswerSchema);
        const expiresIn = answer.body.expires_in;
        const expiresAt = typeof expiresIn === 'number' && expiresIn > 0 ? obtainedAt + expiresIn * 1000 : undefined;
        return { value: { ...answer, obtainedAt, expiresAt }, expiresAt };
      });
      const { expiresAt, ...kept } = result.value;
      const secondsLeft = expiresAt === undefined ? undefined : Math.floor((expiresAt - now()) / 1000);
      const body = result.cached && secondsLeft !== undefined && Number.isFinite(secondsLeft) ? { ...kept.body, expires_in: Math.max(0, secondsLeft) } : kept.body;
      return { ...kept, body, cached: result.cached, cachedUntil: result.cachedUntil, audience: audience ?? null, scope: normalizedScope ?? null };
    },

    /** An API explorer request to a URL that `resolveCallTarget` allowed for the profile (see `sendApiCall`). */
    callApi(profile: ResolvedProfile, call: Omit<ApiCall, 'timeoutMs'>) {
      return sendApiCall(options.fetch, scrubber, { ...call, timeoutMs: profile.timeoutMs });
    },

    /**
     * OAuth 2.0 Token Exchange (RFC 8693 §2.1) of an access token, with the profile's client authentication. Never
     * cached: each answer is a new credential for a user, asked for on purpose.
     */
    async exchange(profile: ResolvedProfile, subjectToken: string, audience: string | undefined, scope: string | undefined) {
      const normalizedScope = formatScope(splitScope(scope)) || undefined;
      const parameters = new URLSearchParams({ subject_token: subjectToken, subject_token_type: accessTokenType });
      if (audience) parameters.set('audience', audience);
      if (normalizedScope) parameters.set('scope', normalizedScope);
      const answer = await call(profile, 'token_endpoint', 'token exchange', (as, client, auth, requestOptions) =>
        oauth.genericTokenEndpointRequest(as, client, auth, tokenExchangeGrantType, parameters, requestOptions), exchangeAnswerSchema);
      return { ...answer, audience: audience ?? null, scope: normalizedScope ?? null };
    },

    /**
     * Redeems a confidential client's authorization code (RFC 6749 §4.1.3) at the token endpoint that the issuer's
     * discovery document names on the issuer's origin, with the profile's credentials; oauth4webapi validates the
     * answer and the ID token (nonce, max_age, RFC 9207 `iss`).
     */
    async redeemCode(profile: ResolvedProfile, request: Omit<CodeExchangeRequest, 'profile' | 'client_id'>): Promise<TokenResponse> {
      let answeredStatus: number | undefined;
      const sent: string[] = [];
      const fetchToken = upstreamFetch((input, init) => {
        sent.push(...liveCredentialsIn(init?.body));
        return options.fetch(input, init);
      }, profile.timeoutMs);
      try {
        const { document } = await discovery.get(profile);
        const tokenEndpoint = sameOriginEndpoint(profile, document, 'token_endpoint');
        const tokens = await redeemAuthorizationCode({
          issuer: document.issuer,
          tokenEndpoint,
          clientId: profile.clientId,
          clientAuth: await clientAuthFor(profile, tokenEndpoint),
          code: request.code,
          redirectUri: request.redirect_uri,
          fetch: async (input, init) => {
            const response = await fetchToken(input, init);
            answeredStatus = response.status;
            return response;
          },
          allowInsecure: allowsInsecure(profile.issuer),
          ...(request.iss === undefined ? {} : { iss: request.iss }),
          ...(request.code_verifier === undefined ? {} : { codeVerifier: request.code_verifier }),
          ...(request.nonce === undefined ? {} : { expectedNonce: request.nonce }),
          ...(request.max_age === undefined ? {} : { maxAge: request.max_age }),
        });
        return scrubber.withSecrets(sent).json(tokens);
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw redemptionError(error, scrubber.withSecrets(sent), answeredStatus);
      }
    },

    /** The one scrubber of everything authorization servers say, for routes that reach them another way (metadata). */
    scrubber,
  };
}
export type UpstreamClient = ReturnType<typeof createUpstreamClient>;
