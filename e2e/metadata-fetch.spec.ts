import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { e2eEnv } from './support/env';

/**
 * The token editor's explicit fetches go through the companion server (POST /api/metadata): an intranet identity
 * provider on 127.0.0.1, listed in WORKBENCH_METADATA_ALLOW, verifies a token; a private or plain-http host that
 * is not listed is refused with a message naming it. The page itself only ever talks to its own origin.
 */

const idpOrigin = e2eEnv.metadataAllowedOrigin;
const issuer = `${idpOrigin}/tenant/`;
const seen: { method: string | undefined; url: string | undefined; headers: IncomingHttpHeaders }[] = [];
let idp: Server;
let token: string;

test.beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'intranet-1', alg: 'ES256', use: 'sig' };
  token = await new SignJWT({ scope: 'read:things' })
    .setProtectedHeader({ alg: 'ES256', kid: 'intranet-1', typ: 'at+jwt' })
    .setIssuer(issuer)
    .setSubject('alice')
    .setAudience('https://api.intranet.test/')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
  idp = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers });
    if (req.url === '/tenant/.well-known/openid-configuration') {
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: `${issuer}.well-known/jwks.json` }));
    }
    if (req.url === '/tenant/.well-known/jwks.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    res.writeHead(404).end();
  });
  const { hostname, port } = new URL(idpOrigin);
  await new Promise<void>((resolve, reject) => {
    idp.once('error', reject);
    idp.listen(Number(port), hostname, () => resolve());
  });
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => idp.close(() => resolve()));
});

const signatureStatus = (page: Page) => page.getByRole('status', { name: 'Signature' });

async function openFetch(page: Page) {
  await page.goto('/debugger');
  await page.getByRole('textbox', { name: 'Encoded token' }).fill(token);
  await page.getByText('Fetch a JWKS (explicit, never automatic)').click();
}

async function fetchFromDiscovery(page: Page, issuerUrl: string) {
  await page.getByRole('textbox', { name: 'Trusted issuer' }).fill(issuerUrl);
  await page.getByRole('button', { name: 'Fetch from discovery' }).click();
}

test('an intranet issuer listed in WORKBENCH_METADATA_ALLOW: discovery, then its JWKS, through the companion server', async ({ page }) => {
  const pageRequests: string[] = [];
  page.on('request', (request) => pageRequests.push(request.url()));
  await openFetch(page);
  await expect(signatureStatus(page)).toHaveText(/^Not verified: no key yet/);

  await fetchFromDiscovery(page, issuer);
  await expect(page.getByRole('status').filter({ hasText: 'Fetched' })).toHaveText(
    `Fetched 1 key into “Verification key” from ${issuer}.well-known/jwks.json, named by the discovery document of ${issuer}.`,
  );
  await expect(signatureStatus(page)).toHaveText(/^Signature verified: ES256 with kid "intranet-1"/);

  // The server made two bare GETs; the page never left its own origin.
  expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /tenant/.well-known/openid-configuration', 'GET /tenant/.well-known/jwks.json']);
  for (const { headers } of seen) {
    expect(headers.cookie).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
  }
  for (const url of pageRequests) expect(new URL(url).origin, url).toBe(e2eEnv.baseURL);
  expect(pageRequests.filter((url) => url.includes('/api/')).map((url) => new URL(url).pathname)).toEqual(['/api/metadata']);
});

test('refuses a private host, a name that resolves to loopback, and plain http, when none is listed', async ({ page }) => {
  const idpRequestsBefore = seen.length;
  await openFetch(page);
  const alert = page.getByRole('alert');

  await fetchFromDiscovery(page, 'https://127.0.0.2/');
  await expect(alert).toHaveText(/^Could not fetch: https:\/\/127\.0\.0\.2\/\.well-known\/openid-configuration: 127\.0\.0\.2 is not a public address/);
  await expect(alert).toContainText('WORKBENCH_METADATA_ALLOW');

  await fetchFromDiscovery(page, 'https://localhost/');
  await expect(alert).toHaveText(/^Could not fetch: https:\/\/localhost\/\.well-known\/openid-configuration: localhost resolves to (127\.0\.0\.1|::1), which is not a public address/);

  await page.getByRole('textbox', { name: 'JWKS URL' }).fill('http://intranet.example/jwks.json');
  await page.getByRole('button', { name: 'Fetch JWKS' }).click();
  await expect(alert).toHaveText(/^Could not fetch: http:\/\/intranet\.example\/jwks\.json is not https: metadata is fetched over https only/);

  await expect(signatureStatus(page)).toHaveText(/^Not verified: no key yet/);
  expect(seen).toHaveLength(idpRequestsBefore);
});
