import { useMutation } from '@tanstack/react-query';
import { fetchJwksFromIssuer } from '../../lib/jwt/remote-keys';

/** Discovery (OIDC Discovery §4) then the JWKS it names, for an issuer the user typed, on an explicit click. */
export function useFetchDiscoveryJwks() {
  return useMutation({ mutationKey: ['debugger', 'jwks-discovery'], mutationFn: (issuer: string) => fetchJwksFromIssuer(issuer) });
}
