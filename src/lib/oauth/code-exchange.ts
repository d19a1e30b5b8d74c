import * as oauth from 'oauth4webapi';
import { isLoopbackHost } from './issuer';
import { OAuthFlowError } from './oauth-error';

/** The token response members the workbench shows (RFC 6749 §5.1, OIDC Core §3.1.3.3). */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in?: number;
  readonly id_token?: string;
  readonly refresh_token?: string;
  readonly scope?: string;
}

export interface CodeRedemption {
  readonly issuer: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  /** How the client authenticates (oauth4webapi's ClientSecretBasic, PrivateKeyJwt, ...); public clients send none (PKCE only). */
  readonly clientAuth?: oauth.ClientAuth;
  readonly code: string;
  /** The `iss` of the authorization response, when there was one (RFC 9207). */
  readonly iss?: string;
  readonly redirectUri: string;
  readonly codeVerifier?: string;
  readonly expectedNonce?: string;
  readonly maxAge?: number;
  readonly fetch?: typeof fetch;
  /** Allows http; by default only towards this machine (the embedded demo authorization server). */
  readonly allowInsecure?: boolean;
}

function isLocalUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

function toFlowError(error: unknown): OAuthFlowError {
  if (error instanceof OAuthFlowError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    return new OAuthFlowError('ERR_TOKEN_ERROR', error.error_description ?? error.error, {
      error: error.error,
      ...(error.error_description === undefined ? {} : { errorDescription: error.error_description }),
      cause: error,
    });
  }
  if (error instanceof oauth.OperationProcessingError) {
    const claim = (error.cause as { claim?: unknown } | undefined)?.claim;
    if (error.code === oauth.JWT_CLAIM_COMPARISON && claim === 'nonce') {
      return new OAuthFlowError('ERR_NONCE_MISMATCH', "The ID token's nonce does not match the one that was sent.", { cause: error });
    }
    return new OAuthFlowError('ERR_TOKEN_RESPONSE_INVALID', error.message, { cause: error });
  }
  if (error instanceof TypeError) return new OAuthFlowError('ERR_TOKEN_ERROR', `The token endpoint could not be reached: ${error.message}`, { cause: error });
  return new OAuthFlowError('ERR_TOKEN_RESPONSE_INVALID', error instanceof Error ? error.message : 'The token response is invalid.', { cause: error });
}

/**
 * Redeems an authorization code at the token endpoint (RFC 6749 §4.1.3, RFC 7636 §4.5) with oauth4webapi,
 * which validates the response and the ID token claims (iss, aud, exp, nonce). A code works once: call this once.
 */
export async function redeemAuthorizationCode(input: CodeRedemption): Promise<TokenResponse> {
  const as: oauth.AuthorizationServer = { issuer: input.issuer, token_endpoint: input.tokenEndpoint };
  const client: oauth.Client = { client_id: input.clientId };
  const clientAuth = input.clientAuth ?? oauth.None();
  const options = {
    ...(input.fetch ? { [oauth.customFetch]: input.fetch } : {}),
    ...((input.allowInsecure ?? isLocalUrl(input.tokenEndpoint)) ? { [oauth.allowInsecureRequests]: true } : {}),
  };
  try {
    const callback = oauth.validateAuthResponse(
      as,
      client,
      new URLSearchParams({ code: input.code, ...(input.iss === undefined ? {} : { iss: input.iss }) }),
      oauth.expectNoState,
    );
    const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, callback, input.redirectUri, input.codeVerifier ?? oauth.nopkce, options);
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: input.expectedNonce ?? oauth.expectNoNonce,
      ...(input.maxAge === undefined ? {} : { maxAge: input.maxAge }),
    });
    return {
      access_token: result.access_token,
      token_type: result.token_type,
      ...(result.expires_in === undefined ? {} : { expires_in: result.expires_in }),
      ...(result.id_token === undefined ? {} : { id_token: result.id_token }),
      ...(result.refresh_token === undefined ? {} : { refresh_token: result.refresh_token }),
      ...(result.scope === undefined ? {} : { scope: result.scope }),
    };
  } catch (error) {
    throw toFlowError(error);
  }
}
