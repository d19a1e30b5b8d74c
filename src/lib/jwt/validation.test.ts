import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken } from './decode';
import { expressSnippet, joseSnippet, validateAgainstProfile } from './validation';
import type { ValidationProfile } from './validation';

const NOW = 1_700_000_000;
const token = `${base64url.encode('{"alg":"RS256"}')}.${base64url.encode(JSON.stringify({ iss: 'https://t.auth0.com/', aud: ['https://api/', 'x'], exp: NOW - 20, iat: NOW - 100 }))}.c2ln`;
const profile: ValidationProfile = { issuer: 'https://t.auth0.com/', audience: 'https://api/', algorithms: ['RS256'], clockTolerance: 30 };

describe('validateAgainstProfile', () => {
  it('gives a pass/fail line per expectation', () => {
    const lines = validateAgainstProfile(decodeToken(token), undefined, profile, NOW);
    const status = Object.fromEntries(lines.map((l) => [l.check, l.status]));
    expect(status).toEqual({ signature: 'fail', alg: 'pass', iss: 'pass', aud: 'pass', exp: 'pass', nbf: 'skip', iat: 'pass' });
  });

  it('fails exp beyond the tolerance, a wrong issuer (and spots the trailing slash) and a disallowed alg', () => {
    const lines = validateAgainstProfile(decodeToken(token), undefined, { ...profile, issuer: 'https://t.auth0.com', algorithms: ['ES256'], clockTolerance: 0 }, NOW);
    const byCheck = Object.fromEntries(lines.map((l) => [l.check, l]));
    expect(byCheck.exp?.status).toBe('fail');
    expect(byCheck.iss?.text).toMatch(/trailing slash/);
    expect(byCheck.alg?.status).toBe('fail');
  });
});

describe('snippets', () => {
  it('jose jwtVerify with the issuer JWKS', () => {
    const code = joseSnippet(profile);
    expect(code).toContain("createRemoteJWKSet(new URL('https://t.auth0.com/.well-known/jwks.json'))");
    expect(code).toContain("issuer: 'https://t.auth0.com/'");
    expect(code).toContain("algorithms: ['RS256']");
    expect(code).toContain('clockTolerance: 30');
  });

  it('reads HMAC secrets from the environment, never inlines them', () => {
    expect(joseSnippet({ ...profile, algorithms: ['HS256'] })).toContain('process.env.JWT_SECRET');
    expect(expressSnippet({ ...profile, algorithms: ['HS256'] })).toContain('secret: process.env.JWT_SECRET');
  });

  it('express-oauth2-jwt-bearer', () => {
    const code = expressSnippet(profile);
    expect(code).toContain("from 'express-oauth2-jwt-bearer'");
    expect(code).toContain("issuerBaseURL: 'https://t.auth0.com/'");
    expect(code).toContain("tokenSigningAlg: 'RS256'");
  });

  it('escapes quotes in user-typed values', () => {
    expect(joseSnippet({ ...profile, audience: "a'b" })).toContain("audience: 'a\\'b'");
  });
});
