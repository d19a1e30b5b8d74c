import { classifyToken } from '../jwt/classify';
import type { TokenClassification, TokenTypeKind } from '../jwt/classify';
import { decodeToken } from '../jwt/decode';
import type { JsonObject, UnverifiedClaims } from '../jwt/decode';
import { cleanTokenInput } from '../jwt/lenient-input';
import { splitScope } from '../oauth/scope';

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
  /** Why `use` was judged so: the token editor's classification evidence. */
  useEvidence: string[];
  /** true: issued to a user; false: a client-credentials token; null: cannot tell. */
  userBound: boolean | null;
  subject: string | null;
  expiresAt: Date | null;
  notBefore: Date | null;
  header: JsonObject | null;
  claims: UnverifiedClaims | null;
}

// RFC 6749 §3.3 scope-token characters.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

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

function claimScopes(claims: JsonObject): string[] {
  const scope = claims.scope ?? claims.scp;
  const fromScope = typeof scope === 'string' ? splitScope(scope) : Array.isArray(scope) ? scope.filter((s): s is string => typeof s === 'string') : [];
  // Auth0 RBAC puts API permissions in `permissions` as well.
  const permissions = Array.isArray(claims.permissions) ? claims.permissions.filter((s): s is string => typeof s === 'string') : [];
  return [...new Set([...fromScope, ...permissions])];
}

const USE_OF_KIND: Record<TokenTypeKind, TokenUse> = {
  'access-token': 'access',
  'client-credentials': 'access',
  'id-token': 'id',
  jws: 'unknown',
  jwe: 'unknown',
  opaque: 'unknown',
  malformed: 'unknown',
  empty: 'unknown',
};

/** The token editor's classification, said the scope picker's way: the one source of truth is `classifyToken`. */
export function tokenUseOf(classification: TokenClassification): { use: TokenUse; evidence: string[] } {
  const use = USE_OF_KIND[classification.kind];
  return { use, evidence: use === 'unknown' ? [] : classification.evidence };
}

function judgeUserBound(claims: JsonObject): boolean | null {
  if (claims.gty === 'client-credentials') return false;
  const sub = typeof claims.sub === 'string' ? claims.sub : null;
  if (sub === null) return claims.client_id !== undefined ? false : null;
  if (sub.endsWith('@clients')) return false;
  if (sub === claims.client_id || sub === claims.azp) return false;
  return true;
}

const seconds = (value: unknown): Date | null => (typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000) : null);
const audiencesOf = (aud: unknown): string[] => (typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : []);

/** A scope string has spaces or `resource:action` words; a single word without a colon is an opaque token. */
function scopeStringWords(text: string): string[] | null {
  const words = splitScope(text);
  return words.every((w) => SCOPE_TOKEN.test(w)) && (words.length > 1 || text.includes(':')) ? words : null;
}

/**
 * Reads pasted text locally (no network, no signature check) with the token editor's strict decoder and classifier:
 * a JWT, an encrypted or opaque token, or a scope string.
 */
export function readTokenFacts(input: string): UnverifiedTokenFacts {
  const text = input.trim().replace(/^bearer\s+/i, '');
  if (text === '') return base('empty');
  const decoded = decodeToken(cleanTokenInput(text).token);
  if (decoded.kind === 'jwe') return base('encrypted');
  if (decoded.kind === 'jws' && decoded.claims) {
    const { header, claims } = decoded;
    const { use, evidence } = tokenUseOf(classifyToken(decoded));
    return {
      ...base('jwt'),
      scopes: claimScopes(claims),
      audiences: audiencesOf(claims.aud),
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
  // Not a readable JWT: a scope string, else an opaque or a malformed token (a JWS whose payload is no claims set is malformed here).
  const words = scopeStringWords(text);
  if (words) return scopeStringFacts(words);
  if (decoded.kind === 'opaque' || decoded.kind === 'empty') return base('opaque');
  // The editor still guesses the type from the parts that decoded; say the same here.
  const { use, evidence } = tokenUseOf(classifyToken(decoded));
  return { ...base('malformed'), use, useEvidence: evidence };
}
