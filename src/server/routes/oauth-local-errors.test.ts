import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fakeAsFetch, stubProfile, testApp, testOrigin } from '../test-support';

/**
 * Failures raised by the server itself are reported as its own (internal_error, naming what is misconfigured),
 * never dressed up as an authorization server's answer; and a hostile answer is upstream_error, never a crash.
 */
const issuer = 'http://127.0.0.1:4902/';

describe('a private key that cannot sign with the configured alg', () => {
  // RS256 with a P-256 key: config loading refuses it now, but the request path must not lie about it either.
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const d = privateKey.export({ format: 'jwk' }).d ?? '';
  const misconfigured = stubProfile(issuer, { id: 'mismatch', clientId: 'c', clientAuthMethod: 'private_key_jwt', clientSecret: undefined, privateKey: { key: privateKey, alg: 'RS256', kid: 'k1' } });
  const as = fakeAsFetch(issuer, () => Response.json({ active: false }));
  const app = testApp([misconfigured], { fetch: as.fetchImpl });

  it('is a 500 internal_error naming the profile, without upstream or key material, and nothing is sent', async () => {
    const responses = [
      await app.post('/api/introspect', { profile: 'mismatch', token: 't' }),
      await app.post('/api/authorize/exchange', { profile: 'mismatch', client_id: 'c', code: 'x', redirect_uri: `${testOrigin}/callback` }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(500);
      const text = await response.text();
      const { error } = JSON.parse(text) as { error: Record<string, unknown> };
      expect(error.code).toBe('internal_error');
      expect(error.message).toMatch(/Profile "mismatch" is misconfigured: its private key cannot sign RS256/);
      expect(error).not.toHaveProperty('upstream');
      expect(text).not.toContain(d);
    }
    expect(as.requests).toEqual([]);
  });
});

describe('an upstream answer that is hostile', () => {
  it('maps JSON nested 200 000 deep to upstream_error', async () => {
    const deep = `{"active":true,"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const app = testApp([stubProfile(issuer)], { fetch: fakeAsFetch(issuer, () => new Response(deep, { headers: { 'content-type': 'application/json' } })).fetchImpl });
    const response = await app.post('/api/introspect', { profile: 'stub', token: 't' });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('upstream_error');
  });

  it('hands out a huge day-long token, but does not cache it (memory stays bounded)', async () => {
    let issued = 0;
    const huge = () => Response.json({ access_token: `${(issued += 1)}.${'x'.repeat(200_000)}`, token_type: 'Bearer', expires_in: 86_400 });
    const app = testApp([stubProfile(issuer)], { fetch: fakeAsFetch(issuer, huge).fetchImpl });
    for (let i = 0; i < 2; i += 1) {
      const response = await app.post('/api/token', { profile: 'stub' });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { meta: unknown }).meta).toMatchObject({ cached: false, cachedUntil: null });
    }
    expect(issued).toBe(2);
  });

  it('attaches upstream, with its real HTTP status, only to what the token endpoint really answered', async () => {
    const refusing = testApp([stubProfile(issuer)], { fetch: fakeAsFetch(issuer, () => Response.json({ error: 'invalid_client' }, { status: 401 })).fetchImpl });
    const refused = await refusing.post('/api/authorize/exchange', { profile: 'stub', client_id: 'stub-client', code: 'x', redirect_uri: `${testOrigin}/callback` });
    expect(((await refused.json()) as { error: unknown }).error).toMatchObject({ code: 'upstream_error', upstream: { error: 'invalid_client', status: 401 } });
  });
});
