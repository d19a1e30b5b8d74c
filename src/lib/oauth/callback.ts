import { decodeJwt } from 'jose';
import { z } from 'zod';
import { FORM_POST_FRAGMENT_MARKER } from '../../shared/authorize-contract';
import { OAuthFlowError } from './oauth-error';

/** What the authorize page remembers for the round trip, in sessionStorage only, deleted on return. */
const pendingAuthorizationSchema = z.object({
  version: z.literal(1),
  issuer: z.string().min(1),
  authorizationEndpoint: z.string().min(1),
  tokenEndpoint: z.string().min(1),
  /** False when the token endpoint is only a guess and discovery must confirm it before the exchange. */
  tokenEndpointKnown: z.boolean(),
  clientId: z.string(),
  clientKind: z.enum(['public', 'confidential']),
  profileId: z.string().optional(),
  redirectUri: z.string().optional(),
  state: z.string().optional(),
  nonce: z.string().optional(),
  codeVerifier: z.string().optional(),
  maxAge: z.number().optional(),
  requestedScope: z.string().optional(),
  audience: z.string().optional(),
  responseType: z.string(),
  managementApiIdentifier: z.string().optional(),
  /** Scopes the audience API defines, when known, to explain dropped scopes. */
  apiScopes: z.array(z.string()).optional(),
});

export type PendingAuthorization = z.infer<typeof pendingAuthorizationSchema>;

/** Reads a pending authorization back from storage; anything malformed counts as absent. */
export function parsePendingAuthorization(text: string | null): PendingAuthorization | undefined {
  if (text === null) return undefined;
  try {
    const result = pendingAuthorizationSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

export type CallbackSource = 'query' | 'fragment' | 'form_post';

export interface CallbackResponse {
  readonly source: CallbackSource;
  readonly params: URLSearchParams;
}

/** Finds the authorization response in a callback URL: fragment (implicit, or form_post handed over by the server) or query. */
export function readCallbackResponse(href: string): CallbackResponse | undefined {
  const url = new URL(href);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  if (fragment.has(FORM_POST_FRAGMENT_MARKER)) {
    fragment.delete(FORM_POST_FRAGMENT_MARKER);
    return { source: 'form_post', params: fragment };
  }
  const looksLikeResponse = (params: URLSearchParams) => ['code', 'error', 'state', 'id_token', 'access_token'].some((name) => params.has(name));
  if (looksLikeResponse(fragment)) return { source: 'fragment', params: fragment };
  if (looksLikeResponse(url.searchParams)) return { source: 'query', params: new URLSearchParams(url.searchParams) };
  return undefined;
}

/** The successful authorization response, after the state, issuer and nonce checks. */
export interface AuthorizationResult {
  readonly code?: string;
  readonly iss?: string;
  readonly accessToken?: string;
  readonly idToken?: string;
  readonly tokenType?: string;
  readonly expiresIn?: number;
  readonly scope?: string;
}

/** Checks the ID token's `nonce` against the one that was sent (OIDC Core §3.1.3.7 step 11). Decodes only: this checks nothing else. */
function checkIdTokenNonce(idToken: string, expectedNonce: string | undefined): void {
  let nonce: unknown;
  try {
    nonce = decodeJwt(idToken).nonce;
  } catch (cause) {
    throw new OAuthFlowError('ERR_INVALID_CALLBACK', 'The ID token is not a JWT.', { cause });
  }
  if (expectedNonce === undefined ? nonce !== undefined : nonce !== expectedNonce) {
    throw new OAuthFlowError('ERR_NONCE_MISMATCH', expectedNonce === undefined
      ? 'The ID token carries a nonce, but none was sent.'
      : `The ID token's nonce does not match the one that was sent${typeof nonce === 'string' ? '' : ' (it has none)'}.`);
  }
}

/**
 * Validates an authorization response against the pending request (RFC 6749 §4.1.2, §10.12; RFC 9207):
 * state first, so that a forged error cannot pass either; then the issuer, the error, and the ID token nonce.
 */
export function validateAuthorizationResponse(pending: PendingAuthorization, params: URLSearchParams): AuthorizationResult {
  const state = params.get('state') ?? undefined;
  if (state !== pending.state) {
    throw new OAuthFlowError('ERR_STATE_MISMATCH', pending.state === undefined
      ? 'The response carries a state, but none was sent.'
      : state === undefined ? 'The response has no state.' : 'The state in the response does not match the one that was sent.');
  }
  const iss = params.get('iss') ?? undefined;
  if (iss !== undefined && iss !== pending.issuer) {
    throw new OAuthFlowError('ERR_INVALID_CALLBACK', `The response comes from issuer ${iss}, not ${pending.issuer} (RFC 9207).`);
  }
  const error = params.get('error');
  if (error !== null) {
    const errorDescription = params.get('error_description') ?? undefined;
    throw new OAuthFlowError('ERR_AUTHORIZATION_ERROR', errorDescription ?? error, { error, ...(errorDescription === undefined ? {} : { errorDescription }) });
  }
  const idToken = params.get('id_token') ?? undefined;
  if (idToken !== undefined) checkIdTokenNonce(idToken, pending.nonce);
  const code = params.get('code') ?? undefined;
  const accessToken = params.get('access_token') ?? undefined;
  if (code === undefined && accessToken === undefined && idToken === undefined) {
    throw new OAuthFlowError('ERR_INVALID_CALLBACK', 'The response has neither a code nor a token.');
  }
  const expiresIn = params.get('expires_in');
  const optional = {
    code, iss, accessToken, idToken,
    tokenType: params.get('token_type') ?? undefined,
    expiresIn: expiresIn === null || Number.isNaN(Number(expiresIn)) ? undefined : Number(expiresIn),
    scope: params.get('scope') ?? undefined,
  };
  return Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)) as AuthorizationResult;
}
