import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { ResolvedProfile } from './config';
import { jsonPost, recordingLogger, testDeps, testOrigin } from './test-support';

const url = (path: string) => `${testOrigin}${path}`;
const get = { headers: { host: '127.0.0.1:4000' } };

const secretProfile: ResolvedProfile = {
  id: 'acme',
  label: 'Acme',
  issuer: 'https://acme.eu.auth0.com/',
  clientId: 'client-123',
  clientAuthMethod: 'client_secret_basic',
  clientSecret: 'canary-secret-9f8e7d6c5b4a',
  assertionAudience: 'issuer',
  defaultAudience: 'https://acme.eu.auth0.com/api/v2/',
  apis: [{ identifier: 'https://api.acme.test/', scopes: ['read:things'] }],
  tokenParams: [],
  timeoutMs: 5000,
  demo: false,
};

describe('companion server app', () => {
  it('answers GET /api/health with {"ok":true}', async () => {
    const res = await createApp(testDeps()).request(url('/api/health'), get);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('lists profiles without any secret', async () => {
    const app = createApp(testDeps({}, { profiles: [secretProfile], secrets: [secretProfile.clientSecret ?? ''] }));
    const res = await app.request(url('/api/profiles'), get);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      profiles: [
        {
          id: 'acme',
          label: 'Acme',
          issuer: 'https://acme.eu.auth0.com/',
          client_id: 'client-123',
          client_auth_method: 'client_secret_basic',
          default_audience: 'https://acme.eu.auth0.com/api/v2/',
          apis: [{ identifier: 'https://api.acme.test/', scopes: ['read:things'] }],
          demo: false,
        },
      ],
    });
    expect(text).not.toContain('canary-secret');
  });

  it('refuses a POST from another origin with 403 forbidden_origin', async () => {
    const res = await createApp(testDeps()).request(url('/api/health'), jsonPost({}, { origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'forbidden_origin', message: expect.any(String) } });
  });

  it('refuses a POST with Origin "null" and a cross-site POST without Origin', async () => {
    const app = createApp(testDeps());
    expect((await app.request(url('/api/health'), jsonPost({}, { origin: 'null' }))).status).toBe(403);
    const noOrigin = jsonPost({}, { 'sec-fetch-site': 'cross-site' });
    delete (noOrigin.headers as Record<string, string>).origin;
    expect((await app.request(url('/api/health'), noOrigin)).status).toBe(403);
  });

  it('refuses even a GET that another site makes the browser send (Sec-Fetch-Site)', async () => {
    const app = createApp(testDeps());
    for (const site of ['cross-site', 'same-site']) {
      const res = await app.request(url('/api/profiles'), { headers: { host: '127.0.0.1:4000', 'sec-fetch-site': site } });
      expect(res.status).toBe(403);
    }
    const own = await app.request(url('/api/profiles'), { headers: { host: '127.0.0.1:4000', 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(200);
  });

  it('escapes control characters so a path cannot forge a log line', async () => {
    const logger = recordingLogger();
    await createApp(testDeps({ logger })).request(url('/api/x%0AGET%20/api/admin%20200%201ms'), get);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).not.toContain('\n');
    expect(logger.lines[0]).toContain('\\x0a');
  });

  it('accepts a POST from each of its own loopback origins', async () => {
    const app = createApp(testDeps());
    for (const origin of [testOrigin, 'http://localhost:4000']) {
      const res = await app.request(url('/api/nope'), jsonPost({}, { origin }));
      expect(res.status).toBe(404);
    }
  });

  it('refuses API requests whose Host is not ours (DNS rebinding)', async () => {
    const res = await createApp(testDeps()).request('http://rebind.evil.example:4000/api/profiles', { headers: { host: 'rebind.evil.example:4000' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'forbidden_host' } });
  });

  it('caps JSON bodies at 64 KB with 413 payload_too_large', async () => {
    const res = await createApp(testDeps()).request(url('/api/health'), jsonPost({ pad: 'x'.repeat(65 * 1024) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await createApp(testDeps()).request(url('/api/nothing/here'), get);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('maps an unexpected exception to a JSON 500 without a stack trace, and logs no secret', async () => {
    const logger = recordingLogger();
    const app = createApp(testDeps({ logger }, { profiles: [secretProfile], secrets: ['canary-secret-9f8e7d6c5b4a'] }));
    app.get('/boom', () => {
      throw new Error(`failed while holding canary-secret-9f8e7d6c5b4a at /src/x.ts:1:1`);
    });
    const res = await app.request(url('/boom'), get);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'Internal error' } });
    expect(text).not.toContain('canary');
    expect(logger.lines.join('\n')).not.toContain('canary-secret');
  });

  it('logs method, path and status, never the query string', async () => {
    const logger = recordingLogger();
    await createApp(testDeps({ logger })).request(url('/api/health?token=eyJhbGciOi.secret.part'), get);
    expect(logger.lines).toEqual([expect.stringMatching(/^GET \/api\/health 200 \d+ms$/)]);
  });

  describe('serving the built app', () => {
    const dist = mkdtempSync(join(tmpdir(), 'tw-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'app-abc.js'), 'console.log(1)');
    const issuerProfile = { ...secretProfile, issuer: 'https://tenant.example.com/' };
    const app = createApp(testDeps({ distDir: dist }, { profiles: [issuerProfile] }));

    it('falls back to index.html for client-side routes, with a strict CSP', async () => {
      const res = await app.request(url('/scopes?kind=m2m'), get);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("connect-src 'self' https://tenant.example.com");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('serves hashed assets as immutable', async () => {
      const res = await app.request(url('/assets/app-abc.js'), get);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('immutable');
    });

    it('does not fall back to index.html under /api', async () => {
      const res = await app.request(url('/api/missing'), get);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
    });
  });
});
