import catalog from '../../lib/catalog/data/auth0-management-api.json';
import { toPublicJwk, type DemoKeys } from './keys';
import { TenantStore, type Permission } from './tenant-store';

/** The demo tenant: what an Auth0 tenant would have configured, as constants and as the store seeded from them. */

export const demoApiIdentifier = 'https://api.demo.test/';
export const demoApiScopes = ['read:appointments', 'write:appointments'] as const;

export function managementApiAudience(issuer: string): string {
  return new URL('api/v2/', issuer).href;
}

/** Every Management API scope of the catalog (the spec's, the newer docs' and the user-context ones): what a client-credentials grant may carry. */
export const managementApiScopes: readonly string[] = [
  ...new Set([...catalog.scopes.map((s) => s.name), ...catalog.extraScopes.map((s) => s.name), ...catalog.userContextScopes]),
].sort();

/** The only Management API scopes a user-bound token can carry; Auth0 silently drops the rest. */
export const userContextScopes: readonly string[] = [...catalog.userContextScopes].sort();

export const demoClientIds = { spa: 'demo-spa', web: 'demo-web', m2m: 'demo-m2m', rs: 'demo-rs' } as const;

/** OAuth 2.0 Token Exchange (RFC 8693 §2.1): a client may use it when its `grant_types` lists it. */
export const tokenExchangeGrantType = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** The claim the demo tenant's rule puts a client-credentials request's `user_id` into (namespaced, as Auth0 requires). */
export const userIdClaim = 'https://demo.test/user_id';

export interface DemoTenantOptions {
  issuer: string;
  keys: DemoKeys;
  /** Where the app runs: demo-spa and demo-web redirect to `${origin}/callback` and to its form_post callback. */
  appOrigins: readonly string[];
}

const oneDay = 24 * 60 * 60;
const scopeDescriptions = new Map(catalog.scopes.map((s) => [s.name, s.description]));
const seededAt = '2026-01-01T00:00:00.000Z';
const demoApiPermission = (permission_name: string): Permission => ({ resource_server_identifier: demoApiIdentifier, permission_name });

/** A fresh store holding the demo tenant's clients, client grants, APIs, roles and users. */
export function createDemoTenant({ issuer, keys, appOrigins }: DemoTenantOptions): TenantStore {
  const tenant = new TenantStore();
  const mgmtAudience = managementApiAudience(issuer);
  const callbacks = [...appOrigins.map((o) => `${o}/callback`), ...appOrigins.map((o) => `${o}/api/callback/form-post`)];

  tenant.resourceServers.put({
    id: 'rs_demo_appointments',
    identifier: demoApiIdentifier,
    name: 'Demo appointments API',
    scopes: [
      { value: 'read:appointments', description: 'Read appointments' },
      { value: 'write:appointments', description: 'Create and change appointments' },
    ],
    token_lifetime: oneDay,
    enforce_policies: true,
    token_dialect: 'access_token_authz',
  });
  tenant.resourceServers.put({
    id: 'rs_management_api',
    identifier: mgmtAudience,
    name: 'Auth0 Management API',
    scopes: managementApiScopes.map((value) => ({ value, description: scopeDescriptions.get(value) ?? value })),
    token_lifetime: oneDay,
    enforce_policies: false,
    token_dialect: 'access_token',
    is_system: true,
  });

  tenant.clients.put({
    client_id: demoClientIds.spa,
    name: 'Demo SPA',
    app_type: 'spa',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'implicit', 'refresh_token'],
    callbacks,
  });
  tenant.clients.put({
    client_id: demoClientIds.web,
    name: 'Demo regular web app',
    app_type: 'regular_web',
    token_endpoint_auth_method: 'client_secret_post',
    client_secret: keys.demoWebSecret,
    grant_types: ['authorization_code', 'refresh_token'],
    callbacks,
  });
  tenant.clients.put({
    client_id: demoClientIds.m2m,
    name: 'Demo machine-to-machine app',
    app_type: 'non_interactive',
    token_endpoint_auth_method: 'client_secret_basic',
    client_secret: keys.demoM2mSecret,
    grant_types: ['client_credentials', tokenExchangeGrantType],
    callbacks: [],
  });
  tenant.clients.put({
    client_id: demoClientIds.rs,
    name: 'Demo resource server (introspects)',
    app_type: 'non_interactive',
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks: [toPublicJwk(keys.demoRsKey)],
    grant_types: ['client_credentials'],
    callbacks: [],
  });

  tenant.clientGrants.put({ id: 'cgr_demo_m2m_appointments', client_id: demoClientIds.m2m, audience: demoApiIdentifier, scope: [...demoApiScopes] });
  tenant.clientGrants.put({ id: 'cgr_demo_rs_appointments', client_id: demoClientIds.rs, audience: demoApiIdentifier, scope: [...demoApiScopes] });
  tenant.clientGrants.put({ id: 'cgr_demo_m2m_management', client_id: demoClientIds.m2m, audience: mgmtAudience, scope: [...managementApiScopes] });

  // The rule from the support thread: a long-running job's machine token names the user it acts for.
  tenant.tokenClaimRules.put({ id: 'rule_user_id_claim', param: 'user_id', claim: userIdClaim, client_ids: [demoClientIds.m2m] });

  tenant.roles.put({ id: 'rol_clinic_admin', name: 'Clinic admin', description: 'reads and writes appointments', permissions: demoApiScopes.map(demoApiPermission) });
  tenant.roles.put({ id: 'rol_receptionist', name: 'Receptionist', description: 'reads appointments only', permissions: [demoApiPermission('read:appointments')] });

  const user = (nickname: string, name: string, role: string) => ({
    user_id: `auth0|${nickname}`,
    email: `${nickname}@demo.test`,
    email_verified: true,
    name,
    nickname,
    created_at: seededAt,
    updated_at: seededAt,
    user_metadata: {},
    app_metadata: {},
    roles: [role],
    permissions: [],
  });
  tenant.users.put(user('alice', 'Alice Admin', 'rol_clinic_admin'));
  tenant.users.put(user('bob', 'Bob Reader', 'rol_receptionist'));
  return tenant;
}
