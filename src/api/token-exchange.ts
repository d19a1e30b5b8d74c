import { postJson } from './companion-client';
import type { ExchangeRequest, ExchangeResponse } from '../shared/oauth-contract';
import { exchangeResponseSchema } from '../shared/oauth-contract';

/** POST /api/exchange: an RFC 8693 token exchange of an access token, with the profile's client authentication; never cached. */
export function requestTokenExchange(request: ExchangeRequest): Promise<ExchangeResponse> {
  return postJson('/api/exchange', request, exchangeResponseSchema);
}
