import { createPrivateKey } from 'node:crypto';
import type { ResolvedProfile } from '../config';
import { demoApiBaseUrl } from './demo-api';
import type { DemoKeys } from './keys';
import { demoApiIdentifier, demoApiScopes, demoClientIds, managementApiAudience, managementApiScopes } from './tenant';

/** The built-in profiles for the embedded demo tenant: one per kind of client authentication it has. */
export function demoProfiles(issuer: string, keys: DemoKeys, timeoutMs: number): ResolvedProfile[] {
  const apis = [
    { identifier: demoApiIdentifier, name: 'Demo appointments API', scopes: [...demoApiScopes], baseUrl: demoApiBaseUrl(issuer) },
    { identifier: managementApiAudience(issuer), name: 'Demo Management API', scopes: [...managementApiScopes] },
  ];
  const common = { issuer, apis, timeoutMs, demo: true, assertionAudience: 'issuer' as const, tokenParams: [] as readonly string[] };
  return [
    {
      ...common,
      id: 'demo',
      label: 'Demo tenant: demo-m2m (client_secret_basic)',
      clientId: demoClientIds.m2m,
      clientAuthMethod: 'client_secret_basic',
      clientSecret: keys.demoM2mSecret,
      defaultAudience: demoApiIdentifier,
      // The tenant's claim rule reads it (client credentials with a user claim).
      tokenParams: ['user_id'],
    },
    {
      ...common,
      id: 'demo-rs',
      label: 'Demo tenant: demo-rs resource server (private_key_jwt)',
      clientId: demoClientIds.rs,
      clientAuthMethod: 'private_key_jwt',
      privateKey: { key: createPrivateKey({ key: keys.demoRsKey as never, format: 'jwk' }), alg: 'ES256', kid: keys.demoRsKey.kid },
      defaultAudience: demoApiIdentifier,
    },
    {
      ...common,
      id: 'demo-web',
      label: 'Demo tenant: demo-web regular web app (client_secret_post)',
      clientId: demoClientIds.web,
      clientAuthMethod: 'client_secret_post',
      clientSecret: keys.demoWebSecret,
      defaultAudience: demoApiIdentifier,
    },
    {
      ...common,
      id: 'demo-spa',
      label: 'Demo tenant: demo-spa single-page app (public)',
      clientId: demoClientIds.spa,
      clientAuthMethod: 'none',
      defaultAudience: demoApiIdentifier,
    },
  ];
}
