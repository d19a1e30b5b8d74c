import { createLocalJWKSet, errors, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { toPublicJwk } from './keys';

/** RFC 6750 bearer tokens at the demo tenant's resource servers: a JWT signed by the tenant, for this audience, not expired. */

export type BearerCheck =
  | { ok: true; claims: JWTPayload; token: string }
  | { ok: false; problem: 'missing' | 'malformed' | 'invalid' | 'expired' }
  | { ok: false; problem: 'audience'; audiences: string[] };

export interface BearerVerifier {
  /** Checks an `Authorization` header value for `audience`. */
  check(authorization: string | undefined, audience: string, now?: Date): Promise<BearerCheck>;
}

const jwsCompact = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const audiencesOf = (claims: JWTPayload): string[] => (Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud]);

/** Verifies against the tenant's own signing key (its JWKS), with RS256 only, as Auth0's APIs do. */
export function bearerVerifier(issuer: string, signingKey: JWK): BearerVerifier {
  const jwks = createLocalJWKSet({ keys: [toPublicJwk(signingKey)] });
  return {
    async check(authorization, audience, now = new Date()) {
      if (authorization === undefined || authorization.trim() === '') return { ok: false, problem: 'missing' };
      const match = /^Bearer +(\S+)\s*$/i.exec(authorization);
      const token = match?.[1];
      if (!token || !jwsCompact.test(token)) return { ok: false, problem: 'malformed' };
      let claims: JWTPayload;
      let expired = false;
      try {
        ({ payload: claims } = await jwtVerify(token, jwks, { issuer, algorithms: ['RS256'], currentDate: now }));
      } catch (err) {
        // jose checks `exp` after the signature and the issuer: the payload it carries is verified.
        if (!(err instanceof errors.JWTExpired)) return { ok: false, problem: 'invalid' };
        claims = err.payload;
        expired = true;
      }
      const audiences = audiencesOf(claims);
      if (!audiences.includes(audience)) return { ok: false, problem: 'audience', audiences };
      if (expired) return { ok: false, problem: 'expired' };
      return { ok: true, claims, token };
    },
  };
}

/** The token's scopes: the `scope` claim, and RBAC `permissions` when present (Auth0 checks either). */
export function scopesOf(claims: JWTPayload): Set<string> {
  const scope = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  const permissions = Array.isArray(claims.permissions) ? claims.permissions.filter((p): p is string => typeof p === 'string') : [];
  return new Set([...scope, ...permissions]);
}
