import { describe, expect, it } from 'vitest';
import type { Verdict, VerifiedClaims } from '../jwt/verify';
import { diffConclusions } from './introspection-diff';
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
});
