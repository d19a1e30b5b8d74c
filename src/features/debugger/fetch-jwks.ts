import { useMutation } from '@tanstack/react-query';
import { fetchJwks } from '../../lib/jwt/remote-keys';

/**
 * GET a JWK Set from a URL the user typed, on an explicit click. A mutation, not a query: it runs only
 * when asked, and its result is copied into the editable "Verification key" field on purpose.
 */
export function useFetchJwks() {
  return useMutation({ mutationKey: ['debugger', 'jwks-url'], mutationFn: (url: string) => fetchJwks(url) });
}
