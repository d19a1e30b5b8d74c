import { createHash, randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { e2eEnv } from './support/env';
import { clientCredentialsToken, demoApi, managementApi, signInAs } from './support/demo-tenant';

const redirectUri = `${e2eEnv.baseURL}/callback`;

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Log in at the demo AS as `user` with the authorization code + PKCE flow, and redeem the code. */
async function logInAndRedeem(page: Page, request: APIRequestContext, params: Record<string, string>, user: 'alice' | 'bob' = 'alice') {
  const { verifier, challenge } = pkce();
  const state = randomBytes(12).toString('base64url');
  const url = new URL('authorize', e2eEnv.issuer);
  const query: Record<string, string> = {
    client_id: 'demo-spa',
    response_type: 'code',
    redirect_uri: redirectUri,
    state,
    nonce: randomBytes(12).toString('base64url'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...params,
  };
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  await page.goto(url.href);
  await expect(page.getByRole('heading', { name: 'Demo tenant' })).toBeVisible();
  // The URL the tenant redirected to, read from the navigation itself: the app's callback page clears its query at once.
  const redirected = page.waitForRequest((req) => req.isNavigationRequest() && req.url().startsWith(redirectUri));
  await signInAs(page, user);
  const back = new URL((await redirected).url());
  expect(back.searchParams.get('state')).toBe(state);
  const code = back.searchParams.get('code');
  expect(code).toBeTruthy();
  const res = await request.post(`${e2eEnv.issuer}oauth/token`, {
    form: { grant_type: 'authorization_code', client_id: 'demo-spa', code: code ?? '', redirect_uri: redirectUri, code_verifier: verifier },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as { access_token: string; id_token?: string; scope?: string; refresh_token?: string };
}

test('discovery names Auth0-style endpoints under an issuer with a trailing slash', async ({ request }) => {
  const res = await request.get(`${e2eEnv.issuer}.well-known/openid-configuration`);
  const doc = (await res.json()) as Record<string, string>;
  expect(doc.issuer).toBe(e2eEnv.issuer);
  expect(doc.authorization_endpoint).toBe(`${e2eEnv.issuer}authorize`);
  expect(doc.token_endpoint).toBe(`${e2eEnv.issuer}oauth/token`);
  expect(doc.userinfo_endpoint).toBe(`${e2eEnv.issuer}userinfo`);
  expect(doc.introspection_endpoint).toBe(`${e2eEnv.issuer}oauth/introspect`);
  expect(doc.revocation_endpoint).toBe(`${e2eEnv.issuer}oauth/revoke`);
  expect(doc.jwks_uri).toBe(`${e2eEnv.issuer}.well-known/jwks.json`);
});

test('a client-credentials token request for demo-m2m succeeds, with Auth0 claims', async ({ request }) => {
  const token = await clientCredentialsToken(request, demoApi);
  const claims = decodeJwt(token);
  expect(decodeProtectedHeader(token).alg).toBe('RS256');
  expect(claims).toMatchObject({
    iss: e2eEnv.issuer,
    aud: demoApi,
    sub: 'demo-m2m@clients',
    azp: 'demo-m2m',
    gty: 'client-credentials',
    scope: 'read:appointments write:appointments',
  });
  expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(86_400);
});

test('a demo user logs in with code + PKCE and gets an ID token and a JWT access token for the demo API', async ({ page, request }) => {
  const tokens = await logInAndRedeem(page, request, { scope: 'openid profile email read:appointments write:appointments', audience: demoApi }, 'bob');
  // The app's /callback page rendered the redirect.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(tokens.id_token).toBeTruthy();
  const id = decodeJwt(tokens.id_token ?? '');
  expect(id).toMatchObject({ iss: e2eEnv.issuer, aud: 'demo-spa', sub: 'auth0|bob' });
  const access = decodeJwt(tokens.access_token);
  expect(access.aud).toContain(demoApi);
  expect(access.sub).toBe('auth0|bob');
  // RBAC: bob may only read; the write scope he asked for is not granted.
  expect(access.scope).toBe('openid profile email read:appointments');
  expect(access.permissions).toEqual(['read:appointments']);
});

test('without an audience the access token is opaque (32 characters), as at Auth0', async ({ page, request }) => {
  const tokens = await logInAndRedeem(page, request, { scope: 'openid profile' });
  expect(tokens.access_token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(tokens.id_token).toBeTruthy();
});

test('a user token for the Management API keeps only user-context scopes: update:users is silently dropped', async ({ page, request }) => {
  const tokens = await logInAndRedeem(page, request, { scope: 'openid read:current_user update:users', audience: managementApi });
  const access = decodeJwt(tokens.access_token);
  expect(access.aud).toContain(managementApi);
  expect(String(access.scope).split(' ')).toEqual(['openid', 'read:current_user']);
  expect(tokens.scope).toContain('read:current_user');
  expect(tokens.scope).not.toContain('update:users');
});

test('cancelling at the login page returns access_denied to the app', async ({ page }) => {
  const { challenge } = pkce();
  const url = new URL('authorize', e2eEnv.issuer);
  Object.entries({ client_id: 'demo-spa', response_type: 'code', redirect_uri: redirectUri, scope: 'openid', state: 's1', code_challenge: challenge, code_challenge_method: 'S256' }).forEach(([k, v]) =>
    url.searchParams.set(k, v),
  );
  await page.goto(url.href);
  const redirected = page.waitForRequest((req) => req.isNavigationRequest() && req.url().startsWith(redirectUri));
  await page.getByRole('button', { name: /Cancel/ }).click();
  const back = new URL((await redirected).url());
  expect(back.searchParams.get('error')).toBe('access_denied');
  expect(back.searchParams.get('state')).toBe('s1');
});
