import type { DemoKeys } from './keys';
import { createDemoTenant } from './tenant';
import type { TenantStore } from './tenant-store';

/** Test support: the seeded demo tenant with placeholder secrets, for tests that never reach oidc-provider. */
export function testTenant(issuer = 'http://127.0.0.1:4001/'): TenantStore {
  const placeholderKey = { kty: 'EC', kid: 'test', d: 'test' };
  const keys: DemoKeys = {
    version: 1,
    signingKey: placeholderKey,
    cookieKeys: ['x'.repeat(32)],
    demoRsKey: placeholderKey,
    demoM2mSecret: 'm2m-secret-placeholder-0123456789abcdef',
    demoWebSecret: 'web-secret-placeholder-0123456789abcdef',
  };
  return createDemoTenant({ issuer, keys, appOrigins: ['http://127.0.0.1:4000'] });
}
