import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { lintClientAssertion } from './assertion-lint';
import { buildClientAssertion } from './build-assertion';

const issuer = 'https://tenant.example.com/';
const endpoint = 'https://tenant.example.com/oauth/token';
const now = 1_800_000_000;
const { privateKey } = await generateKeyPair('ES256', { extractable: true });

async function assertion(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'ES256', kid: 'k1', typ: 'client-authentication+jwt' }) {
  return new SignJWT(claims).setProtectedHeader(header as never).sign(privateKey);
}
const good = { iss: 'client-1', sub: 'client-1', aud: issuer, iat: now, exp: now + 60, jti: 'abc123' };
const bySeverity = (results: ReturnType<typeof lintClientAssertion>, id: string) => results.find((r) => r.id === id)?.severity;

describe('lintClientAssertion (RFC 7523)', () => {
  it('passes a well-formed assertion', async () => {
    const results = lintClientAssertion(await assertion(good), { clientId: 'client-1', issuer, endpoint, registeredKids: ['k1'], now });
    expect(results.filter((r) => r.severity !== 'ok')).toEqual([]);
  });

  it('flags iss ≠ sub, a sub that is not the client, and a missing jti', async () => {
    const results = lintClientAssertion(await assertion({ ...good, sub: 'someone', jti: undefined }), { clientId: 'client-1', issuer, now });
    expect(bySeverity(results, 'iss-sub')).toBe('error');
    expect(bySeverity(results, 'sub-client')).toBe('error');
    expect(bySeverity(results, 'jti')).toBe('error');
  });

  it('prefers the issuer as aud, warns on the endpoint, refuses anything else', async () => {
    expect(bySeverity(lintClientAssertion(await assertion({ ...good, aud: endpoint }), { issuer, endpoint, now }), 'aud')).toBe('warning');
    expect(bySeverity(lintClientAssertion(await assertion({ ...good, aud: 'https://other/' }), { issuer, endpoint, now }), 'aud')).toBe('error');
  });

  it('wants a short exp, and refuses an expired one', async () => {
    expect(bySeverity(lintClientAssertion(await assertion({ ...good, exp: now + 3600 }), { now }), 'exp')).toBe('warning');
    expect(bySeverity(lintClientAssertion(await assertion({ ...good, exp: now - 5 }), { now }), 'exp')).toBe('error');
  });

  it('checks typ, alg and that the kid is registered', async () => {
    const results = lintClientAssertion(await assertion(good, { alg: 'ES256', kid: 'k9', typ: 'at+jwt' }), { registeredKids: ['k1'], now });
    expect(bySeverity(results, 'typ')).toBe('error');
    expect(bySeverity(results, 'kid')).toBe('error');
    expect(bySeverity(lintClientAssertion(await assertion(good, { alg: 'ES256' }), { now }), 'typ')).toBe('warning');
  });

  it('refuses something that is not a JWS', () => {
    expect(lintClientAssertion('not-a-jwt', { now })).toEqual([expect.objectContaining({ id: 'format', severity: 'error' })]);
  });
});

describe('buildClientAssertion', () => {
  it('signs an assertion with a pasted private key that the linter accepts', async () => {
    const jwk = { ...(await exportJWK(privateKey)), kid: 'pasted-key' };
    const built = await buildClientAssertion({ keyText: JSON.stringify(jwk), clientId: 'client-1', audience: issuer, now, randomId: () => 'jti-1' });
    expect(built).toMatchObject({ alg: 'ES256', kid: 'pasted-key' });
    const results = lintClientAssertion(built.assertion, { clientId: 'client-1', issuer, registeredKids: ['pasted-key'], now });
    expect(results.filter((r) => r.severity !== 'ok')).toEqual([]);
  });

  it('refuses a public key', async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    await expect(buildClientAssertion({ keyText: JSON.stringify(await exportJWK(publicKey)), clientId: 'c', audience: issuer, now })).rejects.toMatchObject({ code: 'not-private' });
  });
});
