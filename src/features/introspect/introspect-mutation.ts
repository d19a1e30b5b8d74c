import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { postJson } from '../../api/companion-client';
import { ASYMMETRIC_SIGNING_ALGS } from '../../lib/jwt/algorithms';
import { decodeToken } from '../../lib/jwt/decode';
import type { DecodedJws } from '../../lib/jwt/decode';
import { tokenValidity } from '../../lib/jwt/time';
import { verifyToken } from '../../lib/jwt/verify';
import type { IntrospectRequest, IntrospectResponse } from '../../shared/oauth-contract';
import { introspectResponseSchema } from '../../shared/oauth-contract';
import type { LocalConclusion } from '../../lib/oauth/introspection-diff';
import { jwksQueryOptions } from './jwks-query';

export interface IntrospectionOutcome {
  /** The AS's answer, or the error that came instead (a refusal is data here, not a failure of the panel). */
  remote: { ok: true; answer: IntrospectResponse } | { ok: false; error: unknown };
  /** Local verification against the issuer's JWKS, for JWTs only. */
  local: { ok: true; conclusion: LocalConclusion; kids: string[] } | { ok: false; error: unknown } | undefined;
}

/** POST /api/introspect (RFC 7662) through the companion server, which authenticates with the profile's credentials. */
export function introspect(request: IntrospectRequest): Promise<IntrospectResponse> {
  return postJson('/api/introspect', request, introspectResponseSchema);
}

async function verifyLocally(queryClient: QueryClient, profileId: string, decoded: DecodedJws, now: number): Promise<{ conclusion: LocalConclusion; kids: string[] }> {
  const jwks = await queryClient.fetchQuery(jwksQueryOptions(profileId));
  const { meta: _meta, ...keySet } = jwks;
  // Asymmetric algorithms only: an issuer's JWKS holds public keys, never an HMAC secret.
  const verdict = await verifyToken(decoded, JSON.stringify(keySet), { algorithms: ASYMMETRIC_SIGNING_ALGS, encoding: 'utf8' });
  return {
    conclusion: { verdict, validity: tokenValidity(decoded.claims, now), claims: verdict.claims ?? decoded.claims },
    kids: jwks.keys.map((k) => (typeof k.kid === 'string' ? k.kid : '')).filter(Boolean),
  };
}

/**
 * Introspection is a mutation, not a query: it is an explicit action on a credential, and a raw token must never
 * become a query key. A JWT is also verified locally, side by side, against the JWKS fetched through /api/jwks.
 */
export function useIntrospection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['introspect', 'introspect'],
    mutationFn: async (request: IntrospectRequest & { now: number }): Promise<IntrospectionOutcome> => {
      const { now, ...body } = request;
      const decoded = decodeToken(body.token.trim());
      const [remote, local] = await Promise.allSettled([
        introspect(body),
        decoded.kind === 'jws' ? verifyLocally(queryClient, body.profile, decoded, now) : Promise.resolve(undefined),
      ]);
      return {
        remote: remote.status === 'fulfilled' ? { ok: true, answer: remote.value } : { ok: false, error: remote.reason },
        local: local.status === 'rejected' ? { ok: false, error: local.reason } : local.value ? { ok: true, ...local.value } : undefined,
      };
    },
  });
}
