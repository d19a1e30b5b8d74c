import { useMutation } from '@tanstack/react-query';
import { requestClientCredentials } from '../../api/client-credentials';

/** Creates a credential, so it is a mutation. */
export function useClientCredentials() {
  return useMutation({ mutationKey: ['introspect', 'client-credentials'], mutationFn: requestClientCredentials });
}
