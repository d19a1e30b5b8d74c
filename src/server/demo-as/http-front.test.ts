import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../test-support';
import { startDemoAuthorizationServer, type DemoAuthorizationServer } from './provider';

let as: DemoAuthorizationServer;
let port: number;

beforeAll(async () => {
  port = await freePort();
  as = await startDemoAuthorizationServer({ host: '127.0.0.1', port, appOrigins: ['http://127.0.0.1:4000'], dataDir: mkdtempSync(join(tmpdir(), 'tw-demo-as-')) });
});
afterAll(() => as.close());

/** Sends a raw HTTP/1.1 request (any request-target, as a hostile page or client could) and returns the status line. */
function rawRequest(target: string, headers: Record<string, string> = {}, body = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const head = Object.entries({ host: `127.0.0.1:${port}`, connection: 'close', 'content-length': String(Buffer.byteLength(body)), ...headers })
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n');
      socket.write(`${body ? 'POST' : 'GET'} ${target} HTTP/1.1\r\n${head}\r\n\r\n${body}`);
    });
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('end', () => resolve(`${data.split('\r\n')[0] ?? ''}\n${data.split('\r\n\r\n')[1] ?? ''}`));
    socket.on('error', reject);
  });
}

describe('demo authorization server request handling', () => {
  it('answers unparseable request-targets with 400 and stays up', async () => {
    for (const target of ['//[', 'http://[', 'http://[::1/x', '//evil.example/authorize']) {
      expect(await rawRequest(target)).toMatch(/^HTTP\/1\.1 400/);
    }
    const discovery = await fetch(`${as.issuer}.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
  });

  it('answers a Basic header with bad percent-encoding as a client error, not a crash', async () => {
    const body = 'grant_type=client_credentials&audience=https%3A%2F%2Fapi.demo.test%2F';
    const status = await rawRequest('/oauth/token', { authorization: `Basic ${Buffer.from('%E0%A4%A:secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, body);
    // oidc-provider's own answer to an undecodable Basic header: 400 invalid_request, as JSON.
    expect(status).toMatch(/^HTTP\/1\.1 400/);
    expect(status).toContain('"error":"invalid_request"');
    expect((await fetch(`${as.issuer}.well-known/jwks.json`)).status).toBe(200);
  });

  it('refuses a login POST for an interaction that does not exist', async () => {
    const res = await fetch(`${as.issuer}interaction/not-a-real-uid/login`, { method: 'POST', body: 'user=alice', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/expired|does not belong/);
    expect(html).toContain('href="http://127.0.0.1:4000/authorize"');
  });

  it('shows an unknown client id on its own styled page, under a CSP that allows its style by hash, with the way back to the builder', async () => {
    const res = await fetch(`${as.issuer}authorize?client_id=no-such-app&response_type=code&scope=openid&redirect_uri=http%3A%2F%2F127.0.0.1%3A4000%2Fcallback`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).toContain('<h1>The authorization request was refused</h1>');
    expect(html).toContain('<code>invalid_client</code>');
    expect(html).toContain('does not know this client ID');
    expect(html).toContain('<a class="button" href="http://127.0.0.1:4000/authorize">Back to the Authorize-URL builder</a>');
    expect(html).not.toContain('<script');
  });

  it('answers a token request body over 64 KB with 413 and an OAuth JSON error, declared or streamed', async () => {
    const form = `grant_type=client_credentials&audience=https%3A%2F%2Fapi.demo.test%2F&pad=${'x'.repeat(70 * 1024)}`;
    const declared = await fetch(`${as.issuer}oauth/token`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(declared.status).toBe(413);
    expect(declared.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await declared.json()).toEqual({ error: 'invalid_request', error_description: 'Request bodies are limited to 64 KB' });

    const chunks = [form.slice(0, 40 * 1024), form.slice(40 * 1024)].map((c) => new TextEncoder().encode(c));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const streamed = await fetch(`${as.issuer}oauth/token`, { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'application/x-www-form-urlencoded' } } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: 'invalid_request' });
    expect((await fetch(`${as.issuer}.well-known/openid-configuration`)).status).toBe(200);
  });
});
