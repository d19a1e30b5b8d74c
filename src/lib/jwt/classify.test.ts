import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { classifyToken } from './classify';
import { decodeToken } from './decode';

const jwt = (claims: object, header: object = { alg: 'RS256' }) =>
  `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(claims))}.c2ln`;
const classify = (token: string) => classifyToken(decodeToken(token));

describe('classifyToken', () => {
  it('an API access token', () => {
    const result = classify(jwt({ iss: 'https://t.auth0.com/', aud: ['https://api.demo.test/', 'https://t.auth0.com/userinfo'], scope: 'openid read:appointments', sub: 'auth0|1' }));
    expect(result.kind).toBe('access-token');
    expect(result.evidence.join()).toMatch(/scope/);
  });

  it('an RFC 9068 at+jwt access token', () => {
    expect(classify(jwt({ sub: 'x' }, { alg: 'RS256', typ: 'at+jwt' })).kind).toBe('access-token');
  });

  it('an exchanged token (RFC 8693): an access token whose act names the client acting for the user', () => {
    const result = classify(jwt({ sub: 'auth0|alice', act: { sub: 'demo-m2m@clients' }, azp: 'demo-m2m', scope: 'write:appointments', aud: 'https://api.demo.test/' }, { alg: 'RS256', typ: 'at+jwt' }));
    expect(result.kind).toBe('access-token');
    expect(result.label).toBe('Access token for an API, exchanged (RFC 8693)');
    expect(result.evidence[0]).toBe('"act" names demo-m2m@clients, acting for auth0|alice (RFC 8693 token exchange)');
    // Without act, the same claims are a plain access token.
    expect(classify(jwt({ sub: 'auth0|alice', scope: 'write:appointments' }, { alg: 'RS256', typ: 'at+jwt' })).label).toBe('Access token for an API');
  });

  it('a client-credentials token by gty and @clients', () => {
    const result = classify(jwt({ sub: 'abc@clients', gty: 'client-credentials', aud: 'https://api.demo.test/' }));
    expect(result.kind).toBe('client-credentials');
    expect(result.evidence).toHaveLength(3);
  });

  it('an ID token, with the fix', () => {
    const result = classify(jwt({ aud: 'demo-spa', nonce: 'n', at_hash: 'h', sub: 'alice' }));
    expect(result.kind).toBe('id-token');
    expect(result.fix).toContain('send the access token to APIs, not the ID token');
    expect(result.evidence.join()).toMatch(/client id/);
  });

  it('an ID token by s_hash (FAPI), which no access token carries', () => {
    expect(classify(jwt({ aud: 'demo-spa', s_hash: 'h', sub: 'alice' })).kind).toBe('id-token');
  });

  it('auth_time and sid alone do not make an ID token: RFC 9068 access tokens carry them too', () => {
    expect(classify(jwt({ aud: 'https://api.demo.test/', auth_time: 1, sid: 's', sub: 'alice' })).kind).toBe('access-token');
    expect(classify(jwt({ auth_time: 1, sid: 's', sub: 'alice' })).kind).toBe('jws');
    expect(classify(jwt({ aud: 'demo-spa', auth_time: 1, sid: 's', sub: 'alice' })).kind).toBe('id-token');
  });

  it('Auth0 RBAC permissions outweigh a nonce: permissions ride only on access tokens', () => {
    expect(classify(jwt({ aud: 'https://api.demo.test/', nonce: 'n', permissions: ['read:appointments'] })).kind).toBe('access-token');
  });

  it('an ID token without nonce, by client-id audience and user claims', () => {
    expect(classify(jwt({ aud: 'dGhpcyBpcyBh', email: 'a@b.c', sub: 'x' })).kind).toBe('id-token');
  });

  it('an opaque token; a 32-character one is Auth0 without audience', () => {
    const auth0 = classify('8gG4DVhfJ3vNzEa0VCkzFKt1xU7o2PSi');
    expect(auth0.kind).toBe('opaque');
    expect(auth0.auth0NoAudience).toBe(true);
    expect(auth0.fix).toMatch(/audience/);
    expect(classify('2YotnFZFEjr1zCsicMWpAA').auth0NoAudience).toBe(false);
  });

  it('a JWE, and an Auth0 dir-encrypted opaque token', () => {
    const header = base64url.encode(JSON.stringify({ alg: 'dir', enc: 'A256GCM', iss: 'https://t.auth0.com/' }));
    const result = classify(`${header}..aXY.Y2k.dGFn`);
    expect(result.kind).toBe('jwe');
    expect(result.auth0NoAudience).toBe(true);
  });

  it('any other JWS', () => {
    expect(classify(jwt({ foo: 1 })).kind).toBe('jws');
    expect(classify('eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AA').kind).toBe('jws');
  });
});
