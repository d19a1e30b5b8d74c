import { describe, expect, it } from 'vitest';
import type { Verdict, VerifiedClaims } from '../jwt/verify';
import { diffConclusions, isJwtIntrospectionRefusal } from './introspection-diff';
import type { LocalConclusion } from './introspection-diff';

const verified: Verdict = { kind: 'verified', reason: 'ok', text: 'Signature verified: ok', detail: 'ok' };
const local = (claims: Record<string, unknown>, validity: LocalConclusion['validity']['kind'] = 'valid'): LocalConclusion => ({ verdict: verified, validity: { kind: validity, text: '' }, claims: claims as VerifiedClaims });

describe('diffConclusions', () => {
  it('agrees when introspection and the JWT say the same', () => {
    const rows = diffConclusions({ kind: 'answer', active: true, exp: 100, scope: 'b a' }, local({ exp: 100, scope: 'a b' }));
    expect(rows.map((r) => r.agree)).toEqual([true, true, true]);
  });

  it('shows a revoked JWT: the signature is fine, but the server says inactive', () => {
    const rows = diffConclusions({ kind: 'answer', active: false }, local({ exp: 100, scope: 'a' }));
    expect(rows[0]).toMatchObject({ field: 'active', introspection: 'false', agree: false });
    expect(rows.slice(1).map((r) => r.agree)).toEqual([undefined, undefined]);
  });

  it('shows a scope and exp that differ', () => {
    const rows = diffConclusions({ kind: 'answer', active: true, exp: 200, scope: 'a' }, local({ exp: 100, scope: 'a b' }));
    expect(rows.map((r) => r.agree)).toEqual([true, false, false]);
  });

  it('says nothing compares when the server refused', () => {
    const rows = diffConclusions({ kind: 'refused', error: 'unsupported_token_type' }, local({ exp: 100 }, 'expired'));
    expect(rows[0]).toMatchObject({ introspection: 'not answered (unsupported_token_type)', local: 'false (expired)', agree: undefined });
  });

  it('fills the rows an introspection would hold from the verified JWT when the server refuses JWTs by design', () => {
    const remote = { kind: 'refused', error: 'unsupported_token_type' } as const;
    expect(isJwtIntrospectionRefusal(remote)).toBe(true);
    expect(isJwtIntrospectionRefusal({ kind: 'refused', error: 'invalid_client' })).toBe(false);
    const rows = diffConclusions(remote, local({ exp: 100, scope: 'read:x', sub: 'm2m@clients', azp: 'm2m', aud: ['https://api/'], iss: 'https://as/' }));
    expect(rows.map((r) => r.field)).toEqual(['active', 'exp', 'scope', 'sub', 'client_id', 'aud', 'iss']);
    expect(rows.find((r) => r.field === 'client_id')?.local).toBe('m2m');
    expect(rows.find((r) => r.field === 'aud')?.local).toBe('https://api/');
    expect(rows.every((r) => r.agree === undefined && r.note?.includes('local verification only'))).toBe(true);
  });

  it('adds no local-only rows for other refusals', () => {
    const rows = diffConclusions({ kind: 'refused', error: 'invalid_client' }, local({ exp: 100 }));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.note === undefined)).toBe(true);
  });
});
