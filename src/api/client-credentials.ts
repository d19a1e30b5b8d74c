import { postJson } from './companion-client';
import type { ClientCredentialsRequest, ClientCredentialsResponse } from '../shared/oauth-contract';
import { clientCredentialsResponseSchema } from '../shared/oauth-contract';

/** POST /api/token: a client-credentials token, minted (or reused from the server's cache) with the profile's credentials. */
export function requestClientCredentials(request: ClientCredentialsRequest): Promise<ClientCredentialsResponse> {
  return postJson('/api/token', request, clientCredentialsResponseSchema);
}
