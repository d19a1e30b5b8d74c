import { useMutation } from '@tanstack/react-query';
import { postJson } from '../../api/companion-client';
import type { PendingAuthorization } from '../../lib/oauth/callback';
import { redeemAuthorizationCode } from '../../lib/oauth/code-exchange';
import type { TokenResponse } from '../../lib/oauth/code-exchange';
import { fetchDiscovery } from '../../lib/oauth/discovery';
import { codeExchangeRequestSchema, tokenResponseSchema } from '../../shared/authorize-contract';

/** A confidential client's code can only be redeemed through the profile that holds its secret, and none was picked. */
export class MissingProfileError extends Error {
  readonly code = 'no_profile';

  constructor() {
    super('A confidential client needs its secret: pick the configured profile of this client and log in again.');
    this.name = 'MissingProfileError';
  }
}

export interface CodeExchangeInput {
  readonly pending: PendingAuthorization;
  readonly code: string;
  readonly iss: string | undefined;
}

/** Public clients redeem the code from the browser with PKCE; confidential ones through the companion server and a profile's secret. */
export async function exchangeCode({ pending, code, iss }: CodeExchangeInput): Promise<TokenResponse> {
  const redirectUri = pending.redirectUri ?? '';
  if (pending.clientKind === 'confidential') {
    if (!pending.profileId) {
      throw new MissingProfileError();
    }
    const body = codeExchangeRequestSchema.parse({
      profile: pending.profileId,
      client_id: pending.clientId,
      code,
      redirect_uri: redirectUri,
      ...(pending.codeVerifier ? { code_verifier: pending.codeVerifier } : {}),
      ...(pending.nonce ? { nonce: pending.nonce } : {}),
      ...(iss ? { iss } : {}),
      ...(pending.maxAge === undefined ? {} : { max_age: pending.maxAge }),
    });
    return postJson('/api/authorize/exchange', body, tokenResponseSchema);
  }
  // A guessed token endpoint is confirmed by discovery before a code is spent on it.
  const tokenEndpoint = pending.tokenEndpointKnown ? pending.tokenEndpoint : (await fetchDiscovery(pending.issuer)).tokenEndpoint;
  const tokens = await redeemAuthorizationCode({
    issuer: pending.issuer,
    tokenEndpoint,
    clientId: pending.clientId,
    code,
    redirectUri,
    ...(iss ? { iss } : {}),
    ...(pending.codeVerifier ? { codeVerifier: pending.codeVerifier } : {}),
    ...(pending.nonce ? { expectedNonce: pending.nonce } : {}),
    ...(pending.maxAge === undefined ? {} : { maxAge: pending.maxAge }),
  });
  return tokenResponseSchema.parse(tokens);
}

/** The exchange spends the code, so it is a mutation: run once, never cached, never retried. */
export function useCodeExchange() {
  return useMutation({ mutationKey: ['authorize', 'code-exchange'], mutationFn: exchangeCode, retry: false });
}
