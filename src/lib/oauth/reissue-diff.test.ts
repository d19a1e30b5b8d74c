import { describe, expect, it } from 'vitest';
import { diffReissuedClaims, scopesBeyond, tokenScopes } from './reissue-diff';

const iat = 1_700_000_000;
const userToken = { iss: 'https://demo.test/', sub: 'user-alice', aud: 'https://api.demo.test/', azp: 'demo-spa', scope: 'read:appointments write:appointments', iat, exp: iat + 3600 };

const row = (diff: ReturnType<typeof diffReissuedClaims>, claim: string) => diff.rows.find((r) => r.claim === claim);
const codes = (diff: ReturnType<typeof diffReissuedClaims>) => diff.findings.map((f) => f.code);

describe('tokenScopes', () => {
  it('reads scope, else permissions, else nothing', () => {
    expect(tokenScopes({ scope: 'a  b a' })).toEqual(['a', 'b']);
    expect(tokenScopes({ permissions: ['x', 'y', 3, 'x'] })).toEqual(['x', 'y']);
    expect(tokenScopes({})).toEqual([]);
  });
});

describe('scopesBeyond', () => {
  it('names the requested scopes the subject does not hold', () => {
    expect(scopesBeyond(['a', 'b'], ['b', 'c', 'd'])).toEqual(['c', 'd']);
    expect(scopesBeyond(['a', 'b'], ['a'])).toEqual([]);
  });
});

describe('diffReissuedClaims', () => {
  it('token exchange: same sub, act added, scope narrowed, the API lifetime beyond the subject', () => {
    const exchanged = { ...userToken, azp: 'demo-m2m', act: { sub: 'demo-m2m@clients' }, scope: 'write:appointments', iat: iat + 600, exp: iat + 600 + 86400 };
    const diff = diffReissuedClaims(userToken, exchanged);
    expect(row(diff, 'sub')).toMatchObject({ change: 'same', note: 'Same user.' });
    expect(row(diff, 'act')).toMatchObject({ change: 'added', reissued: '{"sub":"demo-m2m@clients"}' });
    expect(row(diff, 'azp')).toMatchObject({ change: 'changed', original: 'demo-spa', reissued: 'demo-m2m' });
    expect(row(diff, 'gty')).toBeUndefined();
    expect(row(diff, 'scope')).toMatchObject({ change: 'changed', note: 'Narrowed ✓ (dropped read:appointments).' });
    expect(row(diff, 'lifetime (exp − iat)')).toMatchObject({ original: '3600 s (1 h)', reissued: '86400 s (1 d)' });
    expect(codes(diff)).toEqual(['scope-narrowed', 'outlives-subject', 'user-kept']);
  });

  it('client credentials: the client’s sub, gty, the namespaced user claim and the trust trade-off', () => {
    const minted = { iss: 'https://demo.test/', sub: 'demo-m2m@clients', aud: 'https://api.demo.test/', azp: 'demo-m2m', gty: 'client-credentials', scope: 'write:appointments', 'https://demo.test/user_id': 'user-alice', iat, exp: iat + 86400 };
    const diff = diffReissuedClaims(userToken, minted);
    expect(row(diff, 'sub')).toMatchObject({ change: 'changed', reissued: 'demo-m2m@clients', note: 'The token belongs to the client now, not to the user.' });
    expect(row(diff, 'gty')).toMatchObject({ change: 'added', reissued: 'client-credentials' });
    expect(row(diff, 'https://demo.test/user_id')).toMatchObject({ change: 'added', reissued: 'user-alice' });
    expect(codes(diff)).toContain('client-names-any-user');
    expect(codes(diff)).not.toContain('user-kept');
  });

  it('flags a scope beyond the original and a lifetime over the API maximum', () => {
    const widened = { ...userToken, act: { sub: 'demo-m2m@clients' }, scope: 'read:appointments write:appointments delete:appointments', exp: iat + 2_592_001 };
    const diff = diffReissuedClaims(userToken, widened);
    expect(row(diff, 'scope')?.note).toBe('Not in the original: delete:appointments.');
    expect(codes(diff)).toEqual(expect.arrayContaining(['scope-not-subset', 'lifetime-over-maximum']));
    expect(codes(diff)).not.toContain('scope-narrowed');
  });

  it('compares RBAC permissions when there is no scope claim', () => {
    const diff = diffReissuedClaims({ ...userToken, scope: undefined, permissions: ['a', 'b'] }, { ...userToken, scope: 'a' });
    expect(row(diff, 'scope')).toMatchObject({ original: 'a b', reissued: 'a' });
  });
});
