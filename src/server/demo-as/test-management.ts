import { bearerVerifier } from './bearer-token';
import { BurstLimiter } from './burst-limit';
import { managementApi } from './management-api';
import { managementApiAudience } from './tenant';
import type { TestSigner } from './test-bearer';
import { testTenant } from './test-tenant';

/** Test support: the demo Management API in-process over a fresh seeded tenant, called with tokens `signer` signs. */
export function testManagementApi(signer: TestSigner) {
  const { issuer } = signer;
  const audience = managementApiAudience(issuer);
  const tenant = testTenant(issuer);
  const app = managementApi({ tenant, verifier: bearerVerifier(issuer, signer.signingKey), audience, limiter: new BurstLimiter(1_000_000, 1_000_000) });
  const call = async (method: string, path: string, scope: string, body?: unknown, sub = 'demo-m2m@clients') => {
    const token = await signer.sign({ aud: audience, sub, scope });
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const res = await app.request(`${issuer.slice(0, -1)}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  return { tenant, call };
}
