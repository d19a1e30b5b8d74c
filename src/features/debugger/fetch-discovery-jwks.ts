import { useMutation } from '@tanstack/react-query';
import { fetchPublicMetadata } from '../../api/public-metadata';

/** Discovery (OIDC Discovery §4) then the JWKS it names, for an issuer the user typed, fetched by the companion server on an explicit click. */
export function useFetchDiscoveryJwks() {
  return useMutation({ mutationKey: ['debugger', 'jwks-discovery'], mutationFn: (issuer: string) => fetchPublicMetadata({ issuer: issuer.trim() }) });
}
