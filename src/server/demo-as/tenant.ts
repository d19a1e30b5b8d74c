import catalog from '../../lib/catalog/data/auth0-management-api.json';

/** The demo tenant: what an Auth0 tenant would have configured. Pure data, shared by the provider and the tests. */

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

export interface DemoUser {
  id: string;
  sub: string;
  name: string;
  email: string;
  /** RBAC permissions on the demo API. */
  permissions: readonly string[];
  role: string;
}

export const demoUsers: readonly DemoUser[] = [
  {
    id: 'alice',
    sub: 'auth0|alice',
    name: 'Alice Admin',
    email: 'alice@demo.test',
    permissions: ['read:appointments', 'write:appointments'],
    role: 'Clinic admin: reads and writes appointments',
  },
  {
    id: 'bob',
    sub: 'auth0|bob',
    name: 'Bob Reader',
    email: 'bob@demo.test',
    permissions: ['read:appointments'],
    role: 'Receptionist: reads appointments only',
  },
];

export function findDemoUserBySub(sub: string): DemoUser | undefined {
  return demoUsers.find((u) => u.sub === sub);
}

export const demoClientIds = { spa: 'demo-spa', web: 'demo-web', m2m: 'demo-m2m', rs: 'demo-rs' } as const;

/** Scopes a machine client has been granted per API (Auth0's client grants). */
export function clientGrantScopes(clientId: string, audience: string, issuer: string): readonly string[] {
  if (clientId !== demoClientIds.m2m && clientId !== demoClientIds.rs) return [];
  if (audience === demoApiIdentifier) return demoApiScopes;
  if (audience === managementApiAudience(issuer) && clientId === demoClientIds.m2m) return managementApiScopes;
  return [];
}
