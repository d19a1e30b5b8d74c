import { useMutation } from '@tanstack/react-query';
import { fetchPublicMetadata } from '../../api/public-metadata';

/**
 * A JWK Set from a URL the user typed, fetched by the companion server on an explicit click. A mutation, not a
 * query: it runs only when asked, and its result is copied into the editable "Verification key" field on purpose.
 */
export function useFetchJwks() {
  return useMutation({ mutationKey: ['debugger', 'jwks-url'], mutationFn: (url: string) => fetchPublicMetadata({ jwksUri: url.trim() }) });
}
