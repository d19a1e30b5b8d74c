import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api-contract';
import { metadataResponseSchema } from '../../shared/metadata-contract';
import { createApp } from '../app';
import { jsonPost, recordingLogger, startHttpStub, startTrapListener, stubProfile, testDeps, testOrigin } from '../test-support';

const jwk = { kty: 'RSA', kid: 'k1', use: 'sig', alg: 'RS256', n: 'sXch', e: 'AQAB' };

/** An intranet IdP on loopback, listed in WORKBENCH_METADATA_ALLOW; the first path segment says how it answers. */
let idp: Awaited<ReturnType<typeof startHttpStub>>;
/** A configured issuer's origin, trusted without being listed. */
let configured: Awaited<ReturnType<typeof startHttpStub>>;
/** On loopback, neither configured nor listed: nothing may ever reach it. */
let trap: Awaited<ReturnType<typeof startTrapListener>>;

function discovery(res: ServerResponse, issuer: string, jwksUri: string, extra: Record<string, unknown> = {}) {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: jwksUri, token_endpoint: `${issuer}/token`, ...extra }));
}

function answerAsTold(path: string, res: ServerResponse) {
  const o = idp.origin;
  const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'sid=idp' }).end(JSON.stringify(body));
  switch (path) {
    case '/good/.well-known/openid-configuration':
      return discovery(res, `${o}/good`, `${o}/jwks`, { secret_thing: 'not for the browser' });
    case '/jwks':
      return json({ keys: [jwk], extra: 'dropped' });
    case '/mismatch/.well-known/openid-configuration':
      return discovery(res, `${o}/someone-else`, `${o}/jwks`);
    case '/redirect/.well-known/openid-configuration':
      return void res.writeHead(302, { location: `${trap.origin}/stolen` }).end();
    case '/long-redirect':
      return void res.writeHead(301, { location: `https://idp.example/${'x'.repeat(5_000)}` }).end();
    case '/missing/.well-known/openid-configuration':
      return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>nope</h1>');
    case '/html/.well-known/openid-configuration':
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>login</h1>');
    case '/no-jwks-uri/.well-known/openid-configuration':
      return json({ issuer: `${o}/no-jwks-uri` });
    case '/private-jwks/.well-known/openid-configuration':
      return discovery(res, `${o}/private-jwks`, 'https://127.0.0.2/jwks');
    case '/localhost-jwks/.well-known/openid-configuration':
      return discovery(res, `${o}/localhost-jwks`, `https://localhost:${new URL(trap.origin).port}/jwks`);
    case '/http-jwks/.well-known/openid-configuration':
      return discovery(res, `${o}/http-jwks`, `${trap.origin}/jwks`);
    case '/file-jwks/.well-known/openid-configuration':
      return discovery(res, `${o}/file-jwks`, 'file:///etc/passwd');
    case '/not-a-jwks':
      return json({ keys: 'all of them' });
    case '/private-jwk':
      return json({ keys: [jwk, { ...jwk, kid: 'k2', d: 'private-exponent', p: 'prime' }] });
    case '/oct-jwk':
      return json({ keys: [{ kty: 'oct', kid: 'hmac', k: 'c2VjcmV0' }] });
    case '/deep':
      return json({ keys: [{ kty: 'RSA', x: JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`) as unknown }] });
    case '/keyless-jwk':
      return json({ keys: [{ kid: 'no-kty' }] });
    case '/big':
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(`{"keys":[],"pad":"${'b'.repeat(600_000)}"}`);
    case '/hang':
      return;
    default:
      return void res.writeHead(404).end();
  }
}

beforeAll(async () => {
  trap = await startTrapListener('127.0.0.1');
  idp = await startHttpStub((req, res) => {
    req.resume();
    answerAsTold(new URL(req.url ?? '/', 'http://stub').pathname, res);
  });
  configured = await startHttpStub((req, res) => {
    req.resume();
    const path = new URL(req.url ?? '/', 'http://stub').pathname;
    if (path === '/.well-known/openid-configuration') return discovery(res, `${configured.origin}/`, `${configured.origin}/keys`);
    // A configured issuer knows its client's secret (stubProfile's): careless answers are scrubbed like any other.
    if (path === '/careless-redirect') return void res.writeHead(302, { location: 'https://elsewhere.example/keys?client_secret=stub-secret-value' }).end();
    if (path === '/careless-jwks') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ ...jwk, kid: 'stub-secret-value' }] }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
});
afterAll(async () => {
  await Promise.all([idp.stop(), configured.stop(), trap.stop()]);
});

function app(options: Parameters<typeof testDeps>[0] = {}) {
  const deps = testDeps(options, { profiles: [stubProfile(`${configured.origin}/`)], upstreamTimeoutMs: 400 });
  return createApp({ ...deps, metadata: { allowOrigins: [idp.origin] } });
}
const post = (body: unknown, headers: Record<string, string> = {}, options: Parameters<typeof testDeps>[0] = {}) =>
  app(options).request(`${testOrigin}/api/metadata`, jsonPost(body, headers));

async function errorOf(res: Response): Promise<ApiErrorBody['error'] & { status: number }> {
  const body = (await res.json()) as ApiErrorBody;
  return { ...body.error, status: res.status };
}

describe('POST /api/metadata fetches public metadata', () => {
  it('an issuer: its discovery document, then the JWKS it names; only the validated members come back', async () => {
    const res = await post({ issuer: `${idp.origin}/good` });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = metadataResponseSchema.parse(await res.json());
    expect(body).toEqual({
      discovery: { issuer: `${idp.origin}/good`, jwks_uri: `${idp.origin}/jwks` },
      jwks: { keys: [jwk] },
      fetchedFrom: { discovery: `${idp.origin}/good/.well-known/openid-configuration`, jwks: `${idp.origin}/jwks` },
    });
  });

  it('a JWKS by URL', async () => {
    const res = await post({ jwksUri: `${idp.origin}/jwks` });
    expect(await res.json()).toEqual({ jwks: { keys: [jwk] }, fetchedFrom: { jwks: `${idp.origin}/jwks` } });
  });

  it("a configured issuer's answer passes the secret scrubber: its client's secret never comes back", async () => {
    const res = await post({ jwksUri: `${configured.origin}/careless-jwks` });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('stub-secret-value');
    expect(text).toContain('[redacted]');
  });

  it("a configured issuer's error text is scrubbed too: a redirect's Location carrying its client's secret", async () => {
    const res = await post({ jwksUri: `${configured.origin}/careless-redirect` });
    const error = await errorOf(res);
    expect(error.code).toBe('metadata_redirect_refused');
    expect(JSON.stringify(error)).not.toContain('stub-secret-value');
  });

  it("a configured issuer's origin, plain http on loopback, without being listed", async () => {
    const res = await post({ issuer: `${configured.origin}/` });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { jwks: unknown }).jwks).toEqual({ keys: [jwk] });
  });
});

describe('POST /api/metadata refuses, with a stable code and the URL named', () => {
  it.each<[string, () => unknown, number, string, RegExp]>([
    ['http for an origin neither configured nor listed', () => ({ issuer: `${trap.origin}/` }), 403, 'metadata_url_refused', /is not https/],
    ['a private IP literal', () => ({ jwksUri: 'https://127.0.0.2/jwks' }), 403, 'metadata_address_refused', /127\.0\.0\.2 is not a public address/],
    ['an IPv6 loopback literal', () => ({ issuer: 'https://[::1]/' }), 403, 'metadata_address_refused', /::1 is not a public address/],
    ['an IPv4-mapped loopback literal', () => ({ issuer: 'https://[::ffff:7f00:1]/' }), 403, 'metadata_address_refused', /not a public address/],
    ['loopback written as one decimal number', () => ({ issuer: 'https://2130706433/' }), 403, 'metadata_address_refused', /127\.0\.0\.1 is not a public address/],
    ['the link-local metadata service', () => ({ jwksUri: 'https://169.254.169.254/latest/' }), 403, 'metadata_address_refused', /169\.254\.169\.254/],
    ['a name that resolves to loopback', () => ({ issuer: `https://localhost:${new URL(trap.origin).port}/` }), 403, 'metadata_address_refused', /localhost resolves to/],
    ['credentials in the URL', () => ({ jwksUri: `${idp.origin.replace('//', '//user:pw@')}/jwks` }), 403, 'metadata_url_refused', /credentials/],
    ['a jwks_uri on a private address', () => ({ issuer: `${idp.origin}/private-jwks` }), 403, 'metadata_address_refused', /https:\/\/127\.0\.0\.2\/jwks/],
    ['a jwks_uri on a name that resolves to loopback', () => ({ issuer: `${idp.origin}/localhost-jwks` }), 403, 'metadata_address_refused', /localhost resolves to/],
    ['a jwks_uri over http to an origin not listed', () => ({ issuer: `${idp.origin}/http-jwks` }), 403, 'metadata_url_refused', /is not https/],
    ['a jwks_uri that is not http(s)', () => ({ issuer: `${idp.origin}/file-jwks` }), 403, 'metadata_url_refused', /file:\/\/\/etc\/passwd is not an https URL/],
    ['a redirect, never followed', () => ({ issuer: `${idp.origin}/redirect` }), 502, 'metadata_redirect_refused', /answered HTTP 302, a redirect to/],
    ['a redirect to a long location, quoted short', () => ({ jwksUri: `${idp.origin}/long-redirect` }), 502, 'metadata_redirect_refused', /HTTP 301, a redirect to "https:\/\/idp\.example\/x{180}…"/],
    ['an error status', () => ({ issuer: `${idp.origin}/missing` }), 502, 'metadata_status', /missing\/\.well-known\/openid-configuration answered HTTP 404/],
    ['an answer that is not JSON', () => ({ issuer: `${idp.origin}/html` }), 502, 'metadata_invalid', /did not answer JSON/],
    ['a discovery document without jwks_uri', () => ({ issuer: `${idp.origin}/no-jwks-uri` }), 502, 'metadata_invalid', /not an OpenID discovery document/],
    ['a discovery document for another issuer', () => ({ issuer: `${idp.origin}/mismatch` }), 502, 'metadata_issuer_mismatch', /names the issuer ".*\/someone-else", not ".*\/mismatch"/],
    ['an issuer that differs only by the trailing slash', () => ({ issuer: `${idp.origin}/good/` }), 502, 'metadata_issuer_mismatch', /OIDC Discovery §4\.3/],
    ['keys that are not an array', () => ({ jwksUri: `${idp.origin}/not-a-jwks` }), 502, 'metadata_invalid', /not a JWK Set/],
    ['a JWK Set with a private key, never relayed', () => ({ jwksUri: `${idp.origin}/private-jwk` }), 502, 'metadata_invalid', /private key material \(key 2 has "d", "p"\)/],
    ['a JWK Set with a symmetric key', () => ({ jwksUri: `${idp.origin}/oct-jwk` }), 502, 'metadata_invalid', /key 1 has "k"/],
    ['a JWK nested too deep to scrub', () => ({ jwksUri: `${idp.origin}/deep` }), 502, 'metadata_invalid', /nested deeper than/],
    ['a JWK without kty', () => ({ jwksUri: `${idp.origin}/keyless-jwk` }), 502, 'metadata_invalid', /not a JWK Set/],
    ['an answer over 512 KB', () => ({ jwksUri: `${idp.origin}/big` }), 502, 'response_too_large', /512 KB/],
    ['no answer in time', () => ({ jwksUri: `${idp.origin}/hang` }), 504, 'upstream_timeout', /did not answer within 400 ms/],
    ['a host that does not resolve', () => ({ jwksUri: 'https://no-such-host.invalid/jwks' }), 502, 'upstream_unreachable', /Could not reach https:\/\/no-such-host\.invalid/],
    ['an issuer path that starts like another host: discovery stays on the issuer\'s host', () => ({ issuer: `${idp.origin}//127.0.0.2/x` }), 502, 'metadata_status', /^http:\/\/127\.0\.0\.1:\d+\/\/127\.0\.0\.2\/x\/\.well-known\/openid-configuration answered HTTP 404/],
    ['an issuer with a query', () => ({ issuer: `${idp.origin}/good?x=1` }), 400, 'invalid_request', /no query or fragment/],
    ['neither issuer nor jwksUri', () => ({}), 400, 'invalid_request', /invalid/],
    ['both at once', () => ({ issuer: `${idp.origin}/good`, jwksUri: `${idp.origin}/jwks` }), 400, 'invalid_request', /invalid/],
    ['any other member (no method, no headers, no body to pass on)', () => ({ jwksUri: `${idp.origin}/jwks`, method: 'POST' }), 400, 'invalid_request', /invalid/],
    ['a URL that is not http(s)', () => ({ jwksUri: 'gopher://example.com/' }), 400, 'invalid_request', /invalid/],
  ])('%s', async (_name, body, status, code, message) => {
    const error = await errorOf(await post(body()));
    expect(error).toMatchObject({ status, code });
    expect(error.message).toMatch(message);
  });

  it('never reaches the origin it refused', () => {
    expect(trap.connections()).toBe(0);
  });

  it('is an /api route like the others: the access key and the same-origin check apply', async () => {
    const accessKey = { key: 'k'.repeat(32), cookieName: 'workbench_key_4000' };
    expect((await post({ issuer: `${idp.origin}/good` }, {}, { accessKey })).status).toBe(401);
    expect((await post({ issuer: `${idp.origin}/good` }, { 'x-workbench-key': accessKey.key }, { accessKey })).status).toBe(200);
    expect((await errorOf(await post({ issuer: `${idp.origin}/good` }, { origin: 'https://evil.example' }))).code).toBe('forbidden_origin');
    const get = await app().request(`${testOrigin}/api/metadata?issuer=${encodeURIComponent(`${idp.origin}/good`)}`, { headers: { host: '127.0.0.1:4000' } });
    expect(get.status).toBe(404);
  });

  it('logs the path only, never the URL asked for', async () => {
    const logger = recordingLogger();
    await post({ jwksUri: `${idp.origin}/jwks` }, {}, { logger });
    expect(logger.lines).toEqual([expect.stringMatching(/^POST \/api\/metadata 200 \d+ms$/)]);
  });
});
