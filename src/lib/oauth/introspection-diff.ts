import type { UnverifiedClaims } from '../jwt/decode';
import type { Verdict, VerifiedClaims } from '../jwt/verify';
import type { Validity } from '../jwt/time';
import { isoTime } from '../jwt/time';
import { splitScope } from './scope';

/** What the local JWT verification concluded, in the three terms introspection answers in. */
export interface LocalConclusion {
  verdict: Verdict;
  validity: Validity;
  /** What the signature vouches for when the verdict is `verified`; otherwise only what the token says. */
  claims: VerifiedClaims | UnverifiedClaims | undefined;
}

/** What the authorization server said: an RFC 7662 answer, or a refusal to introspect. */
export type RemoteConclusion = { kind: 'answer'; active: boolean; exp?: number | undefined; scope?: string | undefined } | { kind: 'refused'; error: string };

export interface DiffRow {
  field: 'active' | 'exp' | 'scope' | 'sub' | 'client_id' | 'aud' | 'iss';
  introspection: string;
  local: string;
  /** undefined when one side has nothing to compare. */
  agree: boolean | undefined;
  /** Why there is nothing to compare, when the local verification answers alone. */
  note?: string;
}

/**
 * The error oidc-provider gives, by design, for its own JWT access tokens ("Structured JWT Tokens cannot be introspected"):
 * a resource server verifies them itself. Auth0 and others do introspect JWTs.
 */
export const JWT_INTROSPECTION_REFUSAL = 'unsupported_token_type';

/** The server declined to introspect a JWT, as documented: an answer to explain, not a failure. */
export function isJwtIntrospectionRefusal(remote: RemoteConclusion): boolean {
  return remote.kind === 'refused' && remote.error === JWT_INTROSPECTION_REFUSAL;
}

const LOCAL_ONLY = 'from the local verification only (the server declines to introspect JWTs)';

/** Active in the RFC 7662 §2.2 sense: the signature checks out and the token is within exp/nbf. */
export function isLocallyActive(local: LocalConclusion): boolean {
  return local.verdict.kind === 'verified' && (local.validity.kind === 'valid' || local.validity.kind === 'no-expiry');
}

function scopeSet(scope: unknown): string[] | undefined {
  if (typeof scope !== 'string') return undefined;
  return splitScope(scope).sort();
}

const timeText = (value: unknown) => (typeof value === 'number' ? `${value} (${isoTime(value)})` : 'absent');
const claimText = (value: unknown) => (value === undefined ? 'absent' : Array.isArray(value) ? value.map(String).join(' ') : String(value));

/** Where introspection and local verification disagree about active, exp and scope. */
export function diffConclusions(remote: RemoteConclusion, local: LocalConclusion): DiffRow[] {
  const refused = remote.kind === 'refused' ? `not answered (${remote.error})` : undefined;
  const localActive = isLocallyActive(local);
  const localExp = local.claims?.exp;
  const localScope = scopeSet(local.claims?.scope);
  const rows: DiffRow[] = [
    {
      field: 'active',
      introspection: refused ?? String(remote.kind === 'answer' && remote.active),
      local: `${String(localActive)} (${local.verdict.kind === 'verified' ? local.validity.kind : local.verdict.kind})`,
      agree: remote.kind === 'answer' ? remote.active === localActive : undefined,
    },
  ];
  // An inactive answer carries no other member (RFC 7662 §2.2), so exp and scope only compare when active.
  const comparable = remote.kind === 'answer' && remote.active;
  const remoteExp = remote.kind === 'answer' ? remote.exp : undefined;
  rows.push({
    field: 'exp',
    introspection: refused ?? timeText(remoteExp),
    local: timeText(localExp),
    agree: comparable ? remoteExp === localExp : undefined,
  });
  const remoteScope = remote.kind === 'answer' ? scopeSet(remote.scope) : undefined;
  rows.push({
    field: 'scope',
    introspection: refused ?? (remoteScope ? remoteScope.join(' ') : 'absent'),
    local: localScope ? localScope.join(' ') : 'absent',
    agree: comparable ? (remoteScope ?? []).join(' ') === (localScope ?? []).join(' ') : undefined,
  });
  if (!isJwtIntrospectionRefusal(remote)) return rows;
  // The server will not say what the token is, so the rows an introspection answer would hold come from the verified JWT.
  const claims = local.claims;
  const identity: DiffRow[] = (['sub', 'client_id', 'aud', 'iss'] as const).map((field) => ({
    field,
    introspection: refused ?? '',
    local: claimText(field === 'client_id' ? (claims?.client_id ?? claims?.azp) : claims?.[field]),
    agree: undefined,
  }));
  return [...rows, ...identity].map((row) => ({ ...row, note: LOCAL_ONLY }));
}
