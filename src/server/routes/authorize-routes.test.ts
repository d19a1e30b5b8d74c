import { SignJWT, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import type { ResolvedProfile } from '../config';
import { silentLogger } from '../logger';

const issuer = 'http://127.0.0.1:4901/';
const appOrigin = 'http://127.0.0.1:4900';
const { privateKey } = await generateKeyPair('RS256');

function profile(overrides: Partial<ResolvedProfile>): ResolvedProfile {
  return {
    id: 'web', label: 'web', issuer, clientId: 'demo-web', clientAuthMethod: 'client_secret_post', clientSecret: 'web-secret',
    assertionAudience: 'issuer', defaultAudience: null, apis: [], timeoutMs: 2000, demo: true, ...overrides,
  };
}

/** A fake authorization server: discovery plus a token endpoint that records what it was sent. */
function fakeAs(tokenBody: Record<string, unknown>, status = 200, tokenEndpoint = `${issuer}oauth/token`) {
  const tokenRequests: Request[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.url.endsWith('/.well-known/openid-configuration')) {
      return Response.json({ issuer, authorization_endpoint: `${issuer}authorize`, token_endpoint: tokenEndpoint });
    }
    tokenRequests.push(request);
    return new Response(JSON.stringify(tokenBody), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, tokenRequests };
}

function app(fetchImpl: typeof fetch, profiles: ResolvedProfile[] = [profile({})]) {
  return createApp({
    config: { profiles, upstreamTimeoutMs: 2000, secrets: [] },
    logger: silentLogger,
    allowedOrigins: [appOrigin],
    allowedHosts: ['127.0.0.1:4900'],
    distDir: null,
    accessKey: null,
    fetch: fetchImpl,
  });
}

function exchange(target: ReturnType<typeof app>, body: unknown, origin = appOrigin) {
  return target.request('http://127.0.0.1:4900/api/authorize/exchange', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, host: '127.0.0.1:4900' },
    body: JSON.stringify(body),
  });
}

const validBody = { profile: 'web', client_id: 'demo-web', code: 'the-code', redirect_uri: `${appOrigin}/callback`, nonce: 'nn' };

describe('POST /api/callback/form-post', () => {
  it('moves the form_post parameters into the /callback fragment with a 303, storing nothing', async () => {
    const response = await app(fakeAs({}).fetchImpl).request('http://127.0.0.1:4900/api/callback/form-post', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:4901', host: '127.0.0.1:4900' },
      body: 'code=abc&state=s%2B1&iss=http%3A%2F%2F127.0.0.1%3A4901%2F',
    });
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location.startsWith('/callback#')).toBe(true);
    const fragment = new URLSearchParams(location.slice('/callback#'.length));
    expect(Object.fromEntries(fragment)).toEqual({ tw_response_mode: 'form_post', code: 'abc', state: 's+1', iss: issuer });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a body that is not a form', async () => {
    const response = await app(fakeAs({}).fetchImpl).request('http://127.0.0.1:4900/api/callback/form-post', {
      method: 'POST', headers: { 'content-type': 'application/json', host: '127.0.0.1:4900' }, body: '{}',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_request');
  });
});

describe('POST /api/authorize/exchange', () => {
  it('redeems the code at the profile issuer token endpoint with the profile secret', async () => {
    const idToken = await new SignJWT({ nonce: 'nn' }).setProtectedHeader({ alg: 'RS256' }).setIssuer(issuer).setAudience('demo-web').setSubject('alice').setIssuedAt().setExpirationTime('5m').sign(privateKey);
    const as = fakeAs({ access_token: 'at', token_type: 'Bearer', id_token: idToken, scope: 'openid' });
    const response = await exchange(app(as.fetchImpl), validBody);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ access_token: 'at', id_token: idToken, scope: 'openid' });
    expect(as.tokenRequests[0]?.url).toBe(`${issuer}oauth/token`);
    const sent = new URLSearchParams(await as.tokenRequests[0]!.text());
    expect(Object.fromEntries(sent)).toMatchObject({ code: 'the-code', client_id: 'demo-web', client_secret: 'web-secret', redirect_uri: `${appOrigin}/callback` });
  });

  it('never sends the secret to a token endpoint off the issuer origin', async () => {
    const as = fakeAs({ access_token: 'at', token_type: 'Bearer' }, 200, 'https://evil.example/token');
    const response = await exchange(app(as.fetchImpl), { ...validBody, nonce: undefined });
    expect(response.status).toBe(502);
    expect((await response.json()).error.code).toBe('upstream_endpoint_refused');
    expect(as.tokenRequests).toEqual([]);
  });

  it('passes the AS error through as upstream_error', async () => {
    const response = await exchange(app(fakeAs({ error: 'invalid_grant', error_description: 'grant request is invalid' }, 400).fetchImpl), validBody);
    expect(response.status).toBe(502);
    expect((await response.json()).error).toMatchObject({ code: 'upstream_error', upstream: { error: 'invalid_grant', error_description: 'grant request is invalid' } });
  });

  it('refuses unknown profiles, a client id that is not the profile\'s, public profiles, bad bodies and other origins', async () => {
    const target = app(fakeAs({}).fetchImpl, [profile({}), profile({ id: 'spa', clientId: 'demo-spa', clientAuthMethod: 'none', clientSecret: undefined })]);
    expect((await (await exchange(target, { ...validBody, profile: 'nope' })).json()).error.code).toBe('unknown_profile');
    expect((await (await exchange(target, { ...validBody, client_id: 'demo-spa' })).json()).error.code).toBe('invalid_request');
    expect((await (await exchange(target, { ...validBody, profile: 'spa', client_id: 'demo-spa' })).json()).error.code).toBe('unsupported_client_auth');
    expect((await (await exchange(target, { ...validBody, redirect_uri: 'not a url' })).json()).error.code).toBe('invalid_request');
    expect((await (await exchange(target, validBody, 'https://evil.example')).json()).error.code).toBe('forbidden_origin');
  });
});
