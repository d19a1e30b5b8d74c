import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { base64url, calculateJwkThumbprint, CompactEncrypt, CompactSign, decodeJwt, decodeProtectedHeader, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { e2eEnv } from './support/env';
import { clientCredentialsToken, demoApi } from './support/demo-tenant';

const SECRET = 'a-string-secret-at-least-256-bits-long!!';
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({ sub: 'alice', iss: 'https://tenant.example.com/', aud: 'https://api.example.com/', scope: 'read:appointments', iat: now() - 60, exp: now() + 3600 });

async function sign(payload: object, alg: string, key: CryptoKey | Uint8Array, header: object = {}): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg, typ: 'JWT', ...header }).sign(key);
}

const tokenBox = (page: Page) => page.getByRole('textbox', { name: 'Encoded token' });
const signatureStatus = (page: Page) => page.getByRole('status', { name: 'Signature' });
const verificationKey = (page: Page) => page.getByRole('textbox', { name: 'Verification key' });
const findings = (page: Page) => page.getByRole('list', { name: 'Findings' });

test.describe('paste → decode → verify', () => {
  test('HS256 with the secret as UTF-8, pasted with a Bearer prefix and quotes', async ({ page }) => {
    const token = await sign(claims(), 'HS256', new TextEncoder().encode(SECRET));
    await page.goto('/debugger');
    await tokenBox(page).fill(`Bearer "${token}"`);
    await expect(signatureStatus(page)).toHaveText(/^Not verified: no key yet/);
    await expect(page.getByRole('status', { name: 'Token type' })).toHaveText(/^Access token for an API/);
    await expect(page.getByRole('status', { name: 'Token validity' })).toHaveText(/^Valid now: expires in 59 min/);
    await expect(findings(page)).toContainText('input-cleaned');
    await expect(page.getByRole('textbox', { name: 'Payload' })).toContainText('"sub": "alice"');
    await expect(page.getByRole('textbox', { name: 'Header' })).toContainText('"alg": "HS256"');
    await verificationKey(page).fill(SECRET);
    await expect(signatureStatus(page)).toHaveText(/^Signature verified/);
    await verificationKey(page).fill(`${SECRET}x`);
    await expect(signatureStatus(page)).toHaveText(/^Invalid signature/);
  });

  test('HS256 with the secret as base64 (Auth0 legacy client secret)', async ({ page }) => {
    const secretBytes = new Uint8Array(32).map((_, i) => (i * 37 + 11) % 256);
    const token = await sign(claims(), 'HS256', secretBytes);
    const asBase64 = Buffer.from(secretBytes).toString('base64');
    await page.goto('/debugger');
    await tokenBox(page).fill(token);
    await verificationKey(page).fill(asBase64);
    await expect(signatureStatus(page)).toHaveText(/^Invalid signature/);
    await page.getByRole('combobox', { name: 'Secret encoding' }).selectOption({ label: 'base64' });
    await expect(signatureStatus(page)).toHaveText(/^Signature verified/);
    await page.getByRole('combobox', { name: 'Secret encoding' }).selectOption({ label: 'base64url' });
    await verificationKey(page).fill(Buffer.from(secretBytes).toString('base64url'));
    await expect(signatureStatus(page)).toHaveText(/^Signature verified/);
  });

  test('a malformed token says what is wrong and where', async ({ page }) => {
    const token = await sign(claims(), 'HS256', new TextEncoder().encode(SECRET));
    await page.goto('/debugger');
    await tokenBox(page).fill(`${token}=`);
    await expect(signatureStatus(page)).toHaveText(/^Malformed token: '=' padding in the signature \(segment 3\), character 44/);
    await expect(page.getByRole('textbox', { name: 'Payload' })).toContainText('"sub": "alice"');
  });
});

test.describe('RS256', () => {
  test('verifies with a PEM public key', async ({ page }) => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const token = await sign(claims(), 'RS256', privateKey);
    await page.goto('/debugger');
    await tokenBox(page).fill(token);
    await verificationKey(page).fill(await exportSPKI(publicKey));
    await expect(page.getByText('Detected: PEM public key (SPKI).')).toBeVisible();
    await expect(signatureStatus(page)).toHaveText(/^Signature verified: RS256/);
  });

  test('an HS256 token against that public key is the algorithm-confusion attack', async ({ page }) => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const forged = await sign(claims(), 'HS256', new TextEncoder().encode(pem));
    await page.goto('/debugger');
    await tokenBox(page).fill(forged);
    await verificationKey(page).fill(pem);
    await expect(signatureStatus(page)).toHaveText(/^Invalid signature: algorithm confusion/);
    await expect(findings(page)).toContainText('alg-confusion');
  });

  test('verifies a real demo-tenant token with a JWKS pasted, and with one fetched from discovery', async ({ page, request }) => {
    const token = await clientCredentialsToken(request, demoApi);
    const jwks = await (await request.get(`${e2eEnv.issuer}.well-known/jwks.json`)).json();
    await page.goto('/debugger');
    await tokenBox(page).fill(token);
    await expect(page.getByRole('status', { name: 'Token type' })).toHaveText(/^Client-credentials access token/);
    await verificationKey(page).fill(JSON.stringify(jwks));
    await expect(signatureStatus(page)).toHaveText(/^Signature verified: RS256 with kid/);

    await verificationKey(page).fill('');
    await expect(signatureStatus(page)).toHaveText(/^Not verified/);
    await page.getByText('Fetch a JWKS (explicit, never automatic)').click();
    await page.getByRole('textbox', { name: 'Trusted issuer' }).fill(e2eEnv.issuer);
    await page.getByRole('button', { name: 'Fetch from discovery' }).click();
    await expect(signatureStatus(page)).toHaveText(/^Signature verified: RS256 with kid/);
  });

  test('with a JWKS and no kid, each key is tried and the one that verified is named', async ({ page }) => {
    const first = await generateKeyPair('RS256', { extractable: true });
    const second = await generateKeyPair('RS256', { extractable: true });
    const token = await sign(claims(), 'RS256', second.privateKey);
    const keys = [{ ...(await exportJWK(first.publicKey)), kid: 'one' }, { ...(await exportJWK(second.publicKey)), kid: 'two' }];
    await page.goto('/debugger');
    await tokenBox(page).fill(token);
    await verificationKey(page).fill(JSON.stringify({ keys }));
    await expect(signatureStatus(page)).toHaveText(/^Signature verified: RS256 with kid "two", key 2 of the JWKS/);
  });
});

test.describe('edit and re-sign', () => {
  test('editing the payload re-signs with the signing key, and the result verifies', async ({ page }) => {
    const token = await sign(claims(), 'HS256', new TextEncoder().encode(SECRET));
    await page.goto('/debugger');
    await tokenBox(page).fill(token);
    await page.getByRole('textbox', { name: 'Signing key' }).fill(SECRET);
    await verificationKey(page).fill(SECRET);
    await expect(signatureStatus(page)).toHaveText(/^Signature verified/);
    const edited = { ...claims(), sub: 'bob', admin: true };
    await page.getByRole('textbox', { name: 'Payload' }).fill(JSON.stringify(edited, null, 2));
    await expect(tokenBox(page)).not.toHaveValue(token);
    await expect.poll(async () => decodeJwt(await tokenBox(page).inputValue()).sub).toBe('bob');
    await expect(signatureStatus(page)).toHaveText(/^Signature verified/);
    await expect(page.getByRole('note')).toHaveCount(0);
  });

  test('without a signing key the signature is marked stale, and invalid JSON keeps the text', async ({ page }) => {
    const token = await sign(claims(), 'HS256', new TextEncoder().encode(SECRET));
    await page.goto('/debugger');
    await tokenBox(page).fill(token);
    await verificationKey(page).fill(SECRET);
    await expect(signatureStatus(page)).toHaveText(/^Signature verified/);
    await page.getByRole('textbox', { name: 'Payload' }).fill('{\n  "sub": "mallory"\n}');
    await expect.poll(async () => decodeJwt(await tokenBox(page).inputValue()).sub).toBe('mallory');
    await expect(page.getByText('Signature stale')).toBeVisible();
    await expect(signatureStatus(page)).toHaveText(/^Invalid signature/);
    const before = await tokenBox(page).inputValue();
    await page.getByRole('textbox', { name: 'Payload' }).fill('{\n  "sub": "mallory",\n}');
    await expect(page.getByRole('alert').filter({ hasText: 'Payload: invalid JSON at line 3, column 1' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Payload' })).toContainText('"mallory",');
    await expect(tokenBox(page)).toHaveValue(before);
  });
});

test('keygen → sign → verify', async ({ page }) => {
  await page.goto('/debugger');
  await tokenBox(page).fill(await sign(claims(), 'HS256', new TextEncoder().encode(SECRET)));
  await page.getByRole('combobox', { name: 'Key type' }).selectOption({ label: 'EC P-256' });
  await page.getByRole('button', { name: 'Generate key' }).click();
  const publicJwkText = await page.getByRole('textbox', { name: 'Public JWK' }).inputValue();
  const publicJwk = JSON.parse(publicJwkText) as { kid: string };
  const thumbprint = await calculateJwkThumbprint(publicJwk as Parameters<typeof calculateJwkThumbprint>[0]);
  expect(publicJwk.kid).toBe(thumbprint);
  await expect(page.locator('.thumbprint')).toHaveText(thumbprint);
  await expect(page.getByRole('textbox', { name: 'Private key (PEM)' })).toHaveValue(/^-----BEGIN PRIVATE KEY-----/);
  await page.getByRole('button', { name: 'Sign and verify with this key' }).click();
  await expect.poll(async () => decodeProtectedHeader(await tokenBox(page).inputValue())).toMatchObject({ alg: 'ES256', kid: thumbprint });
  await expect(signatureStatus(page)).toHaveText(/^Signature verified: ES256/);
});

test('the share link carries the token in the fragment, masked and unsigned on request', async ({ page }) => {
  const token = await sign(claims(), 'HS256', new TextEncoder().encode(SECRET));
  await page.goto('/debugger');
  await tokenBox(page).fill(token);
  await expect(page.getByText('Anyone with this link can read every claim')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Mask sub' }).check();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  const url = new URL(link);
  expect(url.origin).toBe(e2eEnv.baseURL);
  expect(url.pathname).toBe('/debugger');
  expect(url.search).toBe('');
  expect(url.hash.startsWith('#token=')).toBe(true);
  const shared = url.hash.slice('#token='.length);
  expect(shared.endsWith('.')).toBe(true);
  expect(decodeJwt(shared).sub).toBe('***');
  await page.getByRole('button', { name: 'Copy share link' }).click();

  await page.goto(link);
  await expect(tokenBox(page)).toHaveValue(shared);
  await expect(page.getByRole('textbox', { name: 'Payload' })).toContainText('"sub": "***"');
  await expect(page).toHaveURL(`${e2eEnv.baseURL}/debugger`);
});

test('#access_token= and #id_token= deep links pre-fill the token', async ({ page }) => {
  const token = await sign({ ...claims(), nonce: 'n-1', aud: 'demo-spa', scope: undefined }, 'HS256', new TextEncoder().encode(SECRET));
  await page.goto(`/debugger#id_token=${token}&state=xyz`);
  await expect(tokenBox(page)).toHaveValue(token);
  await expect(page.getByRole('status', { name: 'Token type' })).toHaveText(/^ID token/);
  await expect(page.getByRole('status', { name: 'Token type' })).toContainText('send the access token to APIs, not the ID token');
  await page.goto(`/debugger#access_token=${token}`);
  await expect(tokenBox(page)).toHaveValue(token);
});

test('decoding, verifying, signing and key generation make no network request', async ({ page }) => {
  await page.goto('/debugger');
  await expect(page.getByRole('heading', { name: 'Token editor' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const requests: { url: string; method: string; type: string }[] = [];
  page.on('request', (request) => requests.push({ url: request.url(), method: request.method(), type: request.resourceType() }));

  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const token = await sign(claims(), 'RS256', privateKey);
  const pem = await exportSPKI(publicKey);
  await tokenBox(page).fill(token);
  await verificationKey(page).fill(pem);
  await expect(signatureStatus(page)).toHaveText(/^Signature verified/);
  await page.getByRole('textbox', { name: 'Signing key' }).fill(SECRET);
  await page.getByRole('textbox', { name: 'Header' }).fill('{"alg":"HS256","typ":"JWT"}');
  await verificationKey(page).fill(SECRET);
  await expect(signatureStatus(page)).toHaveText(/^Signature verified: HS256/);
  await page.getByRole('combobox', { name: 'Key type' }).selectOption({ label: 'Ed25519' });
  await page.getByRole('button', { name: 'Generate key' }).click();
  await page.getByRole('button', { name: 'Sign and verify with this key' }).click();
  await expect(signatureStatus(page)).toHaveText(/^Signature verified: EdDSA/);

  // Only the app's own code may load (lazy chunks); no API call, no third party, nothing carrying a token or key.
  const finalToken = await tokenBox(page).inputValue();
  for (const request of requests) {
    const url = new URL(request.url);
    expect(url.origin, request.url).toBe(e2eEnv.baseURL);
    expect(request.method, request.url).toBe('GET');
    expect(url.pathname, request.url).toMatch(/^\/assets\/[\w.-]+\.(js|css)$/);
    expect(url.search + url.hash, request.url).toBe('');
    for (const secret of [token, finalToken, SECRET, pem.split('\n')[1] ?? pem]) expect(request.url).not.toContain(secret);
  }
});

test('hostile claim values are rendered as text and never execute', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const hostile = {
    sub: '<img src=x onerror="window.__pwned=1;alert(1)">',
    name: '<script>window.__pwned=2;alert(2)</script>',
    '<svg onload=alert(3)>': '"><iframe src="javascript:alert(4)"></iframe>',
    'https://example.com/html': { nested: '<b onmouseover=alert(5)>x</b>' },
    exp: now() + 600,
  };
  const token = `${base64url.encode(JSON.stringify({ alg: 'HS256', kid: '<img src=y onerror=alert(6)>' }))}.${base64url.encode(JSON.stringify(hostile))}.c2ln`;
  await page.goto('/debugger');
  await tokenBox(page).fill(token);
  const table = page.locator('.claims-table');
  await expect(table).toContainText('<img src=x onerror="window.__pwned=1;alert(1)">'.replace(/"/g, '\\"'));
  await expect(table).toContainText('<script>window.__pwned=2;alert(2)</script>');
  await expect(table).toContainText('<svg onload=alert(3)>');
  await expect(page.getByRole('textbox', { name: 'Header' })).toContainText('<img src=y onerror=alert(6)>');
  await page.locator('.claims-table').hover();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('main img, main script, main iframe, main svg[onload], main b[onmouseover]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a JWE shows its protected header and decrypts with the key the user gives, then opens the nested JWT', async ({ page }) => {
  const inner = await sign(claims(), 'HS256', new TextEncoder().encode(SECRET));
  const key = new Uint8Array(32).map((_, i) => i + 1);
  const jwe = await new CompactEncrypt(new TextEncoder().encode(inner)).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' }).encrypt(key);
  await page.goto('/debugger');
  await tokenBox(page).fill(jwe);
  await expect(page.getByRole('status', { name: 'Token type' })).toHaveText(/^Encrypted token \(JWE\)/);
  await expect(findings(page)).toContainText('jwe-token');
  await expect(page.locator('pre', { hasText: '"enc": "A256GCM"' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Secret encoding' }).selectOption({ label: 'base64url' });
  await page.getByRole('textbox', { name: 'Decryption key' }).fill(base64url.encode(key));
  await page.getByRole('button', { name: 'Decrypt' }).click();
  await expect(page.getByText(inner)).toBeVisible();
  await page.getByRole('button', { name: 'Open the inner token' }).click();
  await expect(tokenBox(page)).toHaveValue(inner);
  await expect(page.getByRole('status', { name: 'Token type' })).toHaveText(/^Access token for an API/);
});

test('with a token loaded, the editor still fits a 360 px wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/debugger');
  await tokenBox(page).fill(await sign({ ...claims(), nbf: now() - 30, auth_time: now() - 900, 'https://example.com/a-rather-long-namespaced-claim-name': ['x'] }, 'HS256', new TextEncoder().encode(SECRET)));
  await verificationKey(page).fill(SECRET);
  await expect(signatureStatus(page)).toHaveText(/^Signature verified/);
  await expect(page.getByRole('img', { name: 'Timeline' })).toBeVisible();
  for (const skew of ['3600', '-3600', '0']) {
    await page.getByRole('slider', { name: 'Clock skew' }).fill(skew);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `skew ${skew}`).toBeLessThanOrEqual(0);
  }
});
