import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { JWTPayload, ProtectedHeaderParameters } from 'jose';
import { splitScopes } from './api-model';

/** What the pasted text is. */
export type TokenInputKind = 'empty' | 'jwt' | 'encrypted' | 'malformed' | 'opaque' | 'scope-string';

/** Access or ID token, judged from the header and claims. */
export type TokenUse = 'access' | 'id' | 'unknown';

/**
 * Facts read from a token WITHOUT verifying it: anyone can forge these claims.
 * The UI labels them as unverified.
 */
export interface UnverifiedTokenFacts {
  readonly verified: false;
  kind: TokenInputKind;
  scopes: string[];
  audiences: string[];
  use: TokenUse;
  /** Why `use` was judged so, as short claim facts ("typ at+jwt", "nonce claim"). */
  useEvidence: string[];
  /** true: issued to a user; false: a client-credentials token; null: cannot tell. */
  userBound: boolean | null;
  subject: string | null;
  expiresAt: Date | null;
  notBefore: Date | null;
  header: ProtectedHeaderParameters | null;
  claims: JWTPayload | null;
}

// RFC 6749 §3.3 scope-token characters.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const JWE_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const base = (kind: TokenInputKind): UnverifiedTokenFacts => ({
  verified: false,
  kind,
  scopes: [],
  audiences: [],
  use: 'unknown',
  useEvidence: [],
  userBound: null,
  subject: null,
  expiresAt: null,
  notBefore: null,
  header: null,
  claims: null,
});

/** Facts of a token known only by its scopes: a typed scope string, or what a profile will mint (`userBound: false`). */
export function scopeStringFacts(scopes: readonly string[], userBound: boolean | null = null): UnverifiedTokenFacts {
  return { ...base('scope-string'), scopes: [...new Set(scopes)], use: 'access', userBound };
}

function claimScopes(claims: JWTPayload): string[] {
  const scope = claims.scope ?? claims.scp;
  const fromScope = typeof scope === 'string' ? splitScopes(scope) : Array.isArray(scope) ? scope.filter((s): s is string => typeof s === 'string') : [];
  // Auth0 RBAC puts API permissions in `permissions` as well.
  const permissions = Array.isArray(claims.permissions) ? claims.permissions.filter((s): s is string => typeof s === 'string') : [];
  return [...new Set([...fromScope, ...permissions])];
}

function judgeUse(header: ProtectedHeaderParameters, claims: JWTPayload): { use: TokenUse; evidence: string[] } {
  const typ = typeof header.typ === 'string' ? header.typ.toLowerCase() : '';
  if (typ === 'at+jwt' || typ === 'application/at+jwt') return { use: 'access', evidence: [`typ ${header.typ}`] };
  const idEvidence = ['nonce', 'at_hash', 'c_hash', 's_hash', 'auth_time', 'sid'].filter((claim) => claim in claims).map((claim) => `${claim} claim`);
  const hasScope = 'scope' in claims || 'scp' in claims || 'permissions' in claims;
  if (hasScope) return { use: 'access', evidence: ['scope claim'] };
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : claims.aud ?? [];
  const audIsClient = audiences.length > 0 && audiences.every((aud) => !/^[a-z][a-z0-9+.-]*:/i.test(aud));
  if (audIsClient) idEvidence.push('aud is a client ID, not an API');
  if (idEvidence.length > 0) return { use: 'id', evidence: idEvidence };
  return { use: 'unknown', evidence: [] };
}

function judgeUserBound(claims: JWTPayload): boolean | null {
  if (claims.gty === 'client-credentials') return false;
  const sub = typeof claims.sub === 'string' ? claims.sub : null;
  if (sub === null) return claims.client_id !== undefined ? false : null;
  if (sub.endsWith('@clients')) return false;
  if (sub === claims.client_id || sub === claims.azp) return false;
  return true;
}

const seconds = (value: unknown): Date | null => (typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000) : null);

/** Decodes pasted text locally (no network, no signature check): a JWT, an encrypted or opaque token, or a scope string. */
export function readTokenFacts(input: string): UnverifiedTokenFacts {
  const text = input.trim().replace(/^bearer\s+/i, '');
  if (text === '') return base('empty');
  if (JWE_COMPACT.test(text)) return base('encrypted');
  if (JWS_COMPACT.test(text)) {
    let header: ProtectedHeaderParameters;
    let claims: JWTPayload;
    try {
      header = decodeProtectedHeader(text);
      claims = decodeJwt(text);
    } catch {
      return base('malformed');
    }
    const { use, evidence } = judgeUse(header, claims);
    return {
      ...base('jwt'),
      scopes: claimScopes(claims),
      audiences: typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [],
      use,
      useEvidence: evidence,
      userBound: judgeUserBound(claims),
      subject: typeof claims.sub === 'string' ? claims.sub : null,
      expiresAt: seconds(claims.exp),
      notBefore: seconds(claims.nbf),
      header,
      claims,
    };
  }
  const words = splitScopes(text);
  // A scope string has spaces or `resource:action` words; a single word without a colon is an opaque token.
  if (words.every((w) => SCOPE_TOKEN.test(w)) && (words.length > 1 || text.includes(':'))) {
    return scopeStringFacts(words);
  }
  return base('opaque');
}
