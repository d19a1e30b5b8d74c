import { useMutation } from '@tanstack/react-query';
import { postJson } from '../../api/companion-client';
import type { ClientCredentialsRequest, ClientCredentialsResponse } from '../../shared/oauth-contract';
import { clientCredentialsResponseSchema } from '../../shared/oauth-contract';

/** POST /api/token: a client-credentials token, minted (or reused from the server's cache) with the profile's credentials. */
export function requestClientCredentials(request: ClientCredentialsRequest): Promise<ClientCredentialsResponse> {
  return postJson('/api/token', request, clientCredentialsResponseSchema);
}

/** Creates a credential, so it is a mutation. */
export function useClientCredentials() {
  return useMutation({ mutationKey: ['introspect', 'client-credentials'], mutationFn: requestClientCredentials });
}
