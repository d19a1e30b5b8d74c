import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../test-support';
import { startDemoAuthorizationServer, type DemoAuthorizationServer } from './provider';
import { managementApiAudience } from './tenant';

let as: DemoAuthorizationServer;
const lines: string[] = [];
const configSecret = 'config-secret-0123456789abcdefghij';

beforeAll(async () => {
  as = await startDemoAuthorizationServer({
    host: '127.0.0.1',
    port: await freePort(),
    appOrigins: ['http://127.0.0.1:4000'],
    dataDir: mkdtempSync(join(tmpdir(), 'tw-demo-log-')),
    logSecrets: [configSecret],
    logSink: { info: (m) => lines.push(m), error: (m) => lines.push(m) },
  });
});
afterAll(() => as.close());
afterEach(() => vi.restoreAllMocks());

describe("the demo tenant's errors go to the server's redacting logger", () => {
  it('logs an unexpected Management API error there, with the secrets redacted, and never on console.error', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(as.tenant.users, 'list').mockImplementation(() => {
      throw new Error(`store broke near ${as.keys.demoM2mSecret} and ${configSecret}`);
    });
    const key = await importJWK(as.keys.signingKey, 'RS256');
    const token = await new SignJWT({ scope: 'read:users', azp: 'demo-m2m' })
      .setProtectedHeader({ alg: 'RS256', kid: as.keys.signingKey.kid, typ: 'at+jwt' })
      .setIssuer(as.issuer)
      .setAudience(managementApiAudience(as.issuer))
      .setSubject('demo-m2m@clients')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    const res = await fetch(`${as.issuer}api/v2/users`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(500);
    const line = lines.find((l) => l.startsWith('demo AS: Management API error: store broke near'));
    expect(line).toBeDefined();
    expect(line).not.toContain(as.keys.demoM2mSecret);
    expect(line).not.toContain(configSecret);
    expect(line).toContain('[redacted]');
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('logs a failed request of the front there too', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(as.tenant, 'grantedScopes').mockImplementation(() => {
      throw new Error(`front broke near ${as.keys.demoWebSecret}`);
    });
    const body = 'grant_type=client_credentials&client_id=demo-m2m&audience=https%3A%2F%2Fapi.demo.test%2F';
    const res = await fetch(`${as.issuer}oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(res.status).toBe(500);
    const line = lines.find((l) => l.includes('front broke near'));
    expect(line).toBe('demo AS: POST request failed: front broke near [redacted]');
    expect(consoleError).not.toHaveBeenCalled();
  });
});
