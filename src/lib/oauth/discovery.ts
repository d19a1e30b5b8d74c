import * as oauth from 'oauth4webapi';
import { isLoopbackHost } from './issuer';
import type { AuthorizationServerEndpoints } from './issuer';
import { OAuthFlowError } from './oauth-error';

export interface DiscoveredServer extends AuthorizationServerEndpoints {
  readonly responseTypesSupported?: readonly string[];
  readonly responseModesSupported?: readonly string[];
  readonly scopesSupported?: readonly string[];
  readonly codeChallengeMethodsSupported?: readonly string[];
  readonly jwksUri?: string;
}

/** Fetches and validates an issuer's discovery document (OpenID Connect Discovery §4; the issuer must match exactly). */
export async function fetchDiscovery(issuer: string, fetchImpl: typeof fetch = fetch): Promise<DiscoveredServer> {
  let issuerUrl: URL;
  try {
    issuerUrl = new URL(issuer);
  } catch (cause) {
    throw new OAuthFlowError('ERR_DISCOVERY_FAILED', 'The issuer is not a URL.', { cause });
  }
  const options = {
    [oauth.customFetch]: fetchImpl,
    ...(isLoopbackHost(issuerUrl.hostname) ? { [oauth.allowInsecureRequests]: true } : {}),
  };
  try {
    const as = await oauth.processDiscoveryResponse(issuerUrl, await oauth.discoveryRequest(issuerUrl, options));
    if (!as.authorization_endpoint || !as.token_endpoint) {
      throw new OAuthFlowError('ERR_DISCOVERY_FAILED', 'The discovery document has no authorization or token endpoint.');
    }
    return {
      issuer: as.issuer,
      authorizationEndpoint: as.authorization_endpoint,
      tokenEndpoint: as.token_endpoint,
      source: 'discovery',
      ...(as.response_types_supported ? { responseTypesSupported: as.response_types_supported } : {}),
      ...(as.response_modes_supported ? { responseModesSupported: as.response_modes_supported } : {}),
      ...(as.scopes_supported ? { scopesSupported: as.scopes_supported } : {}),
      ...(as.code_challenge_methods_supported ? { codeChallengeMethodsSupported: as.code_challenge_methods_supported } : {}),
      ...(as.jwks_uri ? { jwksUri: as.jwks_uri } : {}),
    };
  } catch (error) {
    if (error instanceof OAuthFlowError) throw error;
    if (error instanceof TypeError) {
      // fetch rejects with a bare TypeError for network failures, missing CORS and Content-Security-Policy blocks alike.
      throw new OAuthFlowError('ERR_DISCOVERY_FAILED', `${issuerUrl.origin} could not be reached: it is down, does not allow CORS, or is not a configured issuer (this page may only connect to those).`, { cause: error });
    }
    throw new OAuthFlowError('ERR_DISCOVERY_FAILED', error instanceof Error ? error.message : 'Discovery failed.', { cause: error });
  }
}
