import type { JsonObject } from '../jwt/decode';
import { humanizeDuration, isNumericDate } from '../jwt/time';
import { splitScope } from './scope';

/** The two ways to give a job a narrower token for a user. */
export type ReissueMethod = 'token-exchange' | 'client-credentials';

export const REISSUE_METHODS: Record<ReissueMethod, { label: string; explanation: string }> = {
  'token-exchange': {
    label: 'Token exchange (keeps the user)',
    explanation:
      'Token exchange (RFC 8693) keeps the user: sub stays the user’s, act names the client that exchanged it, and the scope is a subset of the user’s own token.',
  },
  'client-credentials': {
    label: 'Client credentials + user claim (the token belongs to the client)',
    explanation:
      'Client credentials make the token the client’s: sub becomes <client_id>@clients, gty is client-credentials, and the user only travels in a namespaced claim the tenant’s rule added.',
  },
};

/** Auth0's maximum access-token lifetime for an API (2592000 s, 30 days). */
export const MAX_API_TOKEN_LIFETIME = 2_592_000;

/** The scopes an access token carries: its `scope` string (RFC 8693 §4.2), else Auth0's RBAC `permissions` array. */
export function tokenScopes(claims: JsonObject): string[] {
  if (typeof claims.scope === 'string') return splitScope(claims.scope);
  if (Array.isArray(claims.permissions)) return [...new Set(claims.permissions.filter((p): p is string => typeof p === 'string'))];
  return [];
}

/** The scopes asked for that the subject token does not hold: a token exchange refuses them with `invalid_scope` (RFC 8693 §2.2.2). */
export function scopesBeyond(held: readonly string[], requested: readonly string[]): string[] {
  return requested.filter((scope) => !held.includes(scope));
}

export type ClaimChange = 'same' | 'changed' | 'added' | 'removed' | 'absent';

export interface ReissueDiffRow {
  claim: string;
  original: string;
  reissued: string;
  change: ClaimChange;
  /** What the change means, in words; empty when there is nothing to say. */
  note: string;
}

export type ReissueFindingCode = 'scope-narrowed' | 'scope-not-subset' | 'lifetime-over-maximum' | 'outlives-subject' | 'client-names-any-user' | 'user-kept';

export interface ReissueFinding {
  code: ReissueFindingCode;
  severity: 'ok' | 'info' | 'warn' | 'danger';
  message: string;
}

export interface ReissueDiff {
  rows: ReissueDiffRow[];
  findings: ReissueFinding[];
}

function show(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function lifetime(claims: JsonObject): number | undefined {
  return isNumericDate(claims.exp) && isNumericDate(claims.iat) ? claims.exp - claims.iat : undefined;
}

function changeOf(original: string, reissued: string): ClaimChange {
  if (original === reissued) return original === '' ? 'absent' : 'same';
  if (original === '') return 'added';
  if (reissued === '') return 'removed';
  return 'changed';
}

const COMPARED = ['sub', 'act', 'azp', 'gty', 'aud'] as const;

/**
 * Compares a re-issued access token's claims with the original's, claim by claim (sub, act, azp, gty, scope, aud, exp
 * and the lifetime, plus namespaced claims the re-issue added), and says what the differences mean. Both are unverified.
 */
export function diffReissuedClaims(original: JsonObject, reissued: JsonObject): ReissueDiff {
  const rows: ReissueDiffRow[] = [];
  const findings: ReissueFinding[] = [];
  const isClientToken = typeof reissued.sub === 'string' && reissued.sub.endsWith('@clients');
  const notes: Partial<Record<(typeof COMPARED)[number], string>> = {
    sub: isClientToken ? 'The token belongs to the client now, not to the user.' : reissued.sub === original.sub ? 'Same user.' : '',
    act: reissued.act !== undefined ? 'The actor: who holds the token on the user’s behalf (RFC 8693 §4.1).' : '',
    azp: 'The client the token was issued to.',
    aud: 'The API the token is for.',
    gty: reissued.gty === 'client-credentials' ? 'Issued by a client-credentials grant.' : '',
  };
  for (const claim of COMPARED) {
    const before = show(original[claim]);
    const after = show(reissued[claim]);
    const change = changeOf(before, after);
    if (change === 'absent') continue;
    rows.push({ claim, original: before, reissued: after, change, note: change === 'same' && claim !== 'sub' ? '' : (notes[claim] ?? '') });
  }

  const held = tokenScopes(original);
  const granted = tokenScopes(reissued);
  const beyond = scopesBeyond(held, granted);
  const dropped = held.filter((scope) => !granted.includes(scope));
  rows.push({
    claim: 'scope',
    original: held.join(' '),
    reissued: granted.join(' '),
    change: changeOf(held.join(' '), granted.join(' ')),
    note: beyond.length > 0 ? `Not in the original: ${beyond.join(' ')}.` : dropped.length > 0 ? `Narrowed ✓ (dropped ${dropped.join(' ')}).` : 'The same scopes.',
  });
  if (beyond.length > 0 && !isClientToken) {
    findings.push({ code: 'scope-not-subset', severity: 'danger', message: `The re-issued token holds scopes the original did not (${beyond.join(' ')}): a token exchange must refuse that with invalid_scope.` });
  } else if (dropped.length > 0 && beyond.length === 0) {
    findings.push({ code: 'scope-narrowed', severity: 'ok', message: `The scope is narrowed to ${granted.join(' ') || 'nothing'}.` });
  }

  for (const [name, value] of Object.entries(reissued)) {
    if (!name.includes('://') || show(original[name]) === show(value)) continue;
    rows.push({ claim: name, original: show(original[name]), reissued: show(value), change: changeOf(show(original[name]), show(value)), note: 'A namespaced claim a tenant rule added.' });
  }

  const before = lifetime(original);
  const after = lifetime(reissued);
  rows.push({
    claim: 'exp',
    original: isNumericDate(original.exp) ? String(original.exp) : '',
    reissued: isNumericDate(reissued.exp) ? String(reissued.exp) : '',
    change: changeOf(show(original.exp), show(reissued.exp)),
    note: isNumericDate(original.exp) && isNumericDate(reissued.exp) && reissued.exp > original.exp ? `Outlives the original by ${humanizeDuration(reissued.exp - original.exp)}.` : '',
  });
  rows.push({
    claim: 'lifetime (exp − iat)',
    original: before === undefined ? '' : `${before} s (${humanizeDuration(before)})`,
    reissued: after === undefined ? '' : `${after} s (${humanizeDuration(after)})`,
    change: changeOf(String(before ?? ''), String(after ?? '')),
    note: 'The API’s token lifetime, whatever was left of the original.',
  });
  if (after !== undefined && after > MAX_API_TOKEN_LIFETIME) {
    findings.push({ code: 'lifetime-over-maximum', severity: 'warn', message: `It lives ${humanizeDuration(after)}, over the API maximum of ${humanizeDuration(MAX_API_TOKEN_LIFETIME)} (Auth0’s 2592000 s).` });
  }
  if (isNumericDate(original.exp) && isNumericDate(reissued.exp) && reissued.exp > original.exp) {
    findings.push({ code: 'outlives-subject', severity: 'info', message: `It outlives the original by ${humanizeDuration(reissued.exp - original.exp)}: the job can finish after the user’s token expires.` });
  }

  if (isClientToken) {
    findings.push({
      code: 'client-names-any-user',
      severity: 'warn',
      message: 'Trust trade-off: anyone holding this client’s secret can mint a token that names any user; the API must trust the client, not the user.',
    });
  } else if (reissued.sub !== undefined && reissued.sub === original.sub) {
    findings.push({ code: 'user-kept', severity: 'ok', message: `The user is kept (sub ${show(reissued.sub)}).` });
  }
  return { rows, findings };
}
