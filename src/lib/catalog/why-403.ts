import type { ApiDefinition, ApiOperation, TokenKind } from './api-model';
import { alternativeBlock } from './resolve-scopes';
import { scopeReachRefusal } from './scope-reach';
import type { CallSubject, ReachRefusal } from './scope-reach';
import type { UnverifiedTokenFacts } from './token-facts';

/** Why a call is refused. The UI switches on `code`. */
export type Why403Cause =
  | { code: 'EMPTY_INPUT' }
  | { code: 'MALFORMED_TOKEN' }
  | { code: 'ENCRYPTED_TOKEN' }
  /** `audience`: the API's audience, to request an access token with. */
  | { code: 'ID_TOKEN'; evidence: string[]; audience?: string }
  | { code: 'OPAQUE_TOKEN' }
  | { code: 'TOKEN_EXPIRED'; expiredAt: Date }
  | { code: 'TOKEN_NOT_YET_VALID'; notBefore: Date }
  /** `fromIssuer`: `expected` was derived from the token's `iss`, since the API names no tenant. */
  | { code: 'WRONG_AUDIENCE'; audiences: string[]; expected: string; missingTrailingSlash: boolean; fromIssuer?: boolean }
  | { code: 'MISSING_SCOPE'; anyOf: string[][] }
  | { code: 'USER_SCOPE_UNAVAILABLE'; scopes: string[] }
  | { code: 'NEEDS_USER_TOKEN'; scopes: string[] }
  /**
   * The token holds an accepted scope, but not one that reaches this call (another user's id, a field outside the
   * scope's part of the user): the API answers 403 all the same. `reachingAlternatives`: the accepted ones that would.
   */
  | { code: 'OUTSIDE_REACH'; refusals: ReachRefusal[]; reachingAlternatives: string[][] };

/** Things worth knowing even when the call passes. */
export type Why403Note =
  | { code: 'UNVERIFIED' }
  | { code: 'SCOPE_STRING_ONLY' }
  | { code: 'OWN_USER_ONLY'; scope: string }
  | { code: 'FEATURE_FLAG'; lifecycle: 'EA' | 'beta' }
  | { code: 'LEGACY_ENDPOINT' };

export interface Why403Verdict {
  outcome: 'passes' | 'fails';
  causes: Why403Cause[];
  notes: Why403Note[];
  /** The alternative the token satisfies, when it passes. */
  satisfiedBy: readonly string[] | null;
}

export interface TokenCheckOptions {
  now?: Date;
  /** Seconds of leeway on exp / nbf. */
  clockTolerance?: number;
  /** The token kind to assume when the input cannot tell (a plain scope string). */
  assumedKind?: TokenKind;
  /** The call as the form will send it (path parameters, body fields): scopes are then judged on what they reach. */
  call?: Omit<CallSubject, 'sub'>;
}

/** User-bound or client-credentials: from the token when it tells, else the assumed kind. */
function tokenKindOf(facts: UnverifiedTokenFacts, assumedKind: TokenKind | undefined): TokenKind | null {
  if (facts.userBound === true) return 'user';
  if (facts.userBound === false) return 'm2m';
  return assumedKind ?? null;
}

const MANAGEMENT_AUDIENCE = /^https:\/\/[^/\s]+\/api\/v2\/$/;
// The demo authorization server runs on loopback over plain HTTP.
const LOOPBACK_MANAGEMENT_AUDIENCE = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/api\/v2\/$/;

/** Whether `audience` names the API (RFC 7519 §4.1.3; Auth0's Management API is `https://{tenant}/api/v2/`). */
export function audienceMatches(api: ApiDefinition, audience: string): boolean {
  if (api.audience.type === 'exact') return audience === api.audience.identifier;
  if (api.audience.tenantDomain) return audience === `https://${api.audience.tenantDomain}/api/v2/`;
  return MANAGEMENT_AUDIENCE.test(audience) || LOOPBACK_MANAGEMENT_AUDIENCE.test(audience);
}

/** The Management API audience of the tenant that issued a token: `${origin}/api/v2/` of an https (or loopback) `iss`. */
function managementAudienceOfIssuer(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return null;
  }
  const audience = `${url.origin}/api/v2/`;
  return MANAGEMENT_AUDIENCE.test(audience) || LOOPBACK_MANAGEMENT_AUDIENCE.test(audience) ? audience : null;
}

/**
 * The audience the API expects, for messages. The Management API's is per tenant: the configured tenant's, else the
 * one of the token's issuer (`iss`), else the `https://{tenant}/api/v2/` pattern.
 */
export function expectedAudience(api: ApiDefinition, issuer?: string | null): string {
  if (api.audience.type === 'exact') return api.audience.identifier;
  if (api.audience.tenantDomain) return `https://${api.audience.tenantDomain}/api/v2/`;
  return (issuer ? managementAudienceOfIssuer(issuer) : null) ?? 'https://{tenant}/api/v2/';
}

const issuerOf = (facts: UnverifiedTokenFacts): string | null => (typeof facts.claims?.iss === 'string' ? facts.claims.iss : null);

/** Token-level reasons to refuse every call to the API, before any scope is looked at. */
export function tokenProblems(api: ApiDefinition, facts: UnverifiedTokenFacts, { now = new Date(), clockTolerance = 0 }: TokenCheckOptions = {}): Why403Cause[] {
  switch (facts.kind) {
    case 'empty':
      return [{ code: 'EMPTY_INPUT' }];
    case 'malformed':
      return [{ code: 'MALFORMED_TOKEN' }];
    case 'encrypted':
      return [{ code: 'ENCRYPTED_TOKEN' }];
    case 'opaque':
      return [{ code: 'OPAQUE_TOKEN' }];
    case 'scope-string':
      return [];
    case 'jwt':
      break;
  }
  const problems: Why403Cause[] = [];
  const expected = expectedAudience(api, issuerOf(facts));
  if (facts.use === 'id') problems.push({ code: 'ID_TOKEN', evidence: facts.useEvidence, audience: expected });
  const nowMs = now.getTime();
  if (facts.expiresAt && facts.expiresAt.getTime() + clockTolerance * 1000 <= nowMs) problems.push({ code: 'TOKEN_EXPIRED', expiredAt: facts.expiresAt });
  if (facts.notBefore && facts.notBefore.getTime() - clockTolerance * 1000 > nowMs) problems.push({ code: 'TOKEN_NOT_YET_VALID', notBefore: facts.notBefore });
  if (!facts.audiences.some((aud) => audienceMatches(api, aud))) {
    problems.push({
      code: 'WRONG_AUDIENCE',
      audiences: facts.audiences,
      expected,
      fromIssuer: expected !== expectedAudience(api),
      missingTrailingSlash: facts.audiences.some((aud) => !aud.endsWith('/') && audienceMatches(api, `${aud}/`)),
    });
  }
  return problems;
}

/** Explains locally why a call to `operation` with this token gets a 403, or that it passes the scope check. */
export function explainWhy403(api: ApiDefinition, operation: ApiOperation, facts: UnverifiedTokenFacts, options: TokenCheckOptions = {}): Why403Verdict {
  const causes = tokenProblems(api, facts, options);
  const notes: Why403Note[] = [facts.kind === 'scope-string' ? { code: 'SCOPE_STRING_ONLY' } : { code: 'UNVERIFIED' }];
  if (operation.lifecycle === 'EA' || operation.lifecycle === 'beta') notes.push({ code: 'FEATURE_FLAG', lifecycle: operation.lifecycle });
  if (operation.legacy) notes.push({ code: 'LEGACY_ENDPOINT' });

  const held = new Set(facts.scopes);
  const passing = operation.alternatives.filter((alt) => alt.every((s) => held.has(s)));
  // A current_user scope on a client-credentials token has no user to act on.
  const kind = tokenKindOf(facts, options.assumedKind);
  const usable = kind ? passing.filter((alt) => alternativeBlock(api, alt, kind) === null) : passing;
  const call: CallSubject | null = options.call ? { ...options.call, sub: facts.subject } : null;
  const refusalsOf = (alt: readonly string[]) => (call ? alt.flatMap((s) => scopeReachRefusal(api, operation, s, call) ?? []) : []);
  const reaching = usable.filter((alt) => refusalsOf(alt).length === 0);
  const satisfiedBy = reaching[0] ?? null;

  const canRead = facts.kind === 'jwt' || facts.kind === 'scope-string';
  if (canRead && satisfiedBy === null) {
    if (usable.length > 0) {
      const reachingAlternatives = operation.alternatives.filter((alt) => refusalsOf(alt).length === 0 && (!kind || alternativeBlock(api, alt, kind) === null)).map((alt) => [...alt]);
      causes.push({ code: 'OUTSIDE_REACH', refusals: usable.flatMap(refusalsOf), reachingAlternatives });
    } else if (kind === 'user' && operation.alternatives.every((alt) => alternativeBlock(api, alt, 'user') === 'not-grantable-to-users')) {
      causes.push({ code: 'USER_SCOPE_UNAVAILABLE', scopes: [...new Set(operation.alternatives.flat())] });
    } else if (kind === 'm2m' && operation.alternatives.every((alt) => alternativeBlock(api, alt, 'm2m') === 'needs-user-token')) {
      causes.push({ code: 'NEEDS_USER_TOKEN', scopes: [...new Set(operation.alternatives.flat())] });
    } else {
      const anyOf = kind ? operation.alternatives.filter((alt) => alternativeBlock(api, alt, kind) === null) : operation.alternatives;
      causes.push({ code: 'MISSING_SCOPE', anyOf: anyOf.map((alt) => alt.filter((s) => !held.has(s))) });
    }
  }
  const ownUser = satisfiedBy?.find((s) => s.includes(':current_user'));
  if (ownUser) notes.push({ code: 'OWN_USER_ONLY', scope: ownUser });

  return { outcome: causes.length === 0 ? 'passes' : 'fails', causes, notes, satisfiedBy: causes.length === 0 ? satisfiedBy : null };
}

/**
 * The causes worth showing: an ID token is refused for being one, so its audience and scopes (a client id, the
 * user's OIDC scopes) are beside the point, and advice about them would lead astray.
 */
export function decisiveCauses(causes: readonly Why403Cause[]): Why403Cause[] {
  const idToken = causes.find((c) => c.code === 'ID_TOKEN');
  return idToken ? [idToken] : [...causes];
}

export interface CallableEndpoints {
  /** Endpoints whose scope check the token passes; empty when a token-level problem refuses every call. */
  operations: ApiOperation[];
  problems: Why403Cause[];
}

/** Every endpoint of the API that the token can call, judged locally. */
export function callableEndpoints(api: ApiDefinition, facts: UnverifiedTokenFacts, options: TokenCheckOptions = {}): CallableEndpoints {
  const problems = tokenProblems(api, facts, options);
  if (problems.length > 0) return { operations: [], problems };
  const held = new Set(facts.scopes);
  const kind = tokenKindOf(facts, options.assumedKind);
  const operations = api.operations.filter((op) =>
    op.alternatives.some((alt) => alt.every((s) => held.has(s)) && (kind === null || alternativeBlock(api, alt, kind) === null)),
  );
  return { operations, problems };
}
