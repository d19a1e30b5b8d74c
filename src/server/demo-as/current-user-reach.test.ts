import { UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCurrentUserScope } from '../../lib/catalog/api-model';
import type { ApiOperation } from '../../lib/catalog/api-model';
import { explainWhy403 } from '../../lib/catalog/why-403';
import { readTokenFacts } from '../../lib/catalog/token-facts';
import { preSendCheck } from '../../lib/explorer/pre-send-check';
import { managementApiDefinition } from './management-operations';
import { managementApiAudience } from './tenant';
import { testSigner, type TestSigner } from './test-bearer';
import { testManagementApi } from './test-management';

/**
 * Issue 20 §1.2: one reach rule for the explorer's check before sending, the scope picker's "Why 403?" and the demo
 * tenant. Every user-context scope of the catalog, on every operation that accepts it, on the token's own user and on
 * another: the three must agree, and none may say "passes" where the tenant answers 403.
 */
const issuer = 'http://127.0.0.1:4001/';
const audience = managementApiAudience(issuer);
const ALICE = 'auth0|alice';
const BOB = 'auth0|bob';
let signer: TestSigner;
beforeAll(async () => {
  signer = await testSigner(issuer);
});

const cases = managementApiDefinition.operations.flatMap((operation) =>
  // The user-context scopes a user token can carry (the catalog's); delete:current_user is a spec scope Auth0 never grants users.
  [...new Set(operation.alternatives.flat())].filter((s) => isCurrentUserScope(s) && managementApiDefinition.userGrantableScopes?.has(s)).flatMap((scope) => [
    { operation, scope, target: ALICE },
    { operation, scope, target: BOB },
  ]),
);

/** A body within what the scope may change: its own part of the user for PATCH, nothing elsewhere. */
const bodyFor = (operation: ApiOperation) => (operation.method === 'PATCH' ? { user_metadata: { theme: 'dark' } } : operation.method === 'POST' ? {} : undefined);

function pathOf(operation: ApiOperation, target: string): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const path = operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    params[name] = name === 'id' && operation.path.startsWith('/api/v2/users/') ? target : `x-${name}`;
    return encodeURIComponent(params[name] ?? '');
  });
  return { path, params };
}

describe('the user-context reach rule, walked over every *:current_user* scope', () => {
  it('covers every user-context scope of the catalog', () => {
    expect(new Set(cases.map((c) => c.scope))).toEqual(
      new Set([
        'create:current_user_device_credentials',
        'delete:current_user_device_credentials',
        'read:current_user',
        'update:current_user_metadata',
        'create:current_user_metadata',
        'update:current_user_identities',
        'delete:current_user_metadata',
      ]),
    );
  });

  it.each(cases.map((c) => [`${c.scope} on ${c.operation.id} for ${c.target}`, c] as const))('%s: check, why-403 and the tenant agree', async (_name, { operation, scope, target }) => {
    const { call } = testManagementApi(signer);
    const { path, params } = pathOf(operation, target);
    const body = bodyFor(operation);
    const answer = await call(operation.method, path, scope, body, ALICE);
    const token = new UnsecuredJWT({ iss: issuer, aud: audience, sub: ALICE, azp: 'demo-spa', scope, exp: Math.floor(Date.now() / 1000) + 600 }).encode();
    const bodyFields = body ? Object.keys(body) : [];
    const check = preSendCheck(managementApiDefinition, operation, { type: 'token', token }, { call: { params, bodyFields } }).verdict;
    const why = explainWhy403(managementApiDefinition, operation, readTokenFacts(token), { call: { params, bodyFields } });

    const tenantRefuses = answer.status === 403;
    const onOtherUser = target !== ALICE && operation.path.startsWith('/api/v2/users/{id}');
    expect(tenantRefuses).toBe(onOtherUser);
    expect(check.outcome).toBe(tenantRefuses ? 'fails' : 'passes');
    expect(why.outcome).toBe(check.outcome);
    if (tenantRefuses) expect(check.causes).toEqual([expect.objectContaining({ code: 'OUTSIDE_REACH', refusals: [{ code: 'OTHER_USER', scope, sub: ALICE, target: BOB }] })]);
  });

  it('refuses a field outside the scope\u2019s part of the user, on the own user too, in all three', async () => {
    const { call } = testManagementApi(signer);
    const operation = managementApiDefinition.operations.find((o) => o.id === 'PATCH /api/v2/users/{id}');
    if (!operation) throw new Error('catalog lacks PATCH /api/v2/users/{id}');
    const scope = 'update:current_user_metadata';
    const answer = await call('PATCH', '/api/v2/users/auth0%7Calice', scope, { app_metadata: { plan: 'pro' } }, ALICE);
    expect(answer.status).toBe(403);
    const token = new UnsecuredJWT({ iss: issuer, aud: audience, sub: ALICE, azp: 'demo-spa', scope, exp: Math.floor(Date.now() / 1000) + 600 }).encode();
    const check = preSendCheck(managementApiDefinition, operation, { type: 'token', token }, { call: { params: { id: ALICE }, bodyFields: ['app_metadata'] } }).verdict;
    expect(check.outcome).toBe('fails');
    expect(check.causes).toEqual([
      expect.objectContaining({ code: 'OUTSIDE_REACH', refusals: [{ code: 'FIELDS_OUTSIDE_REACH', scope, allowed: ['user_metadata'], outside: ['app_metadata'] }] }),
    ]);
  });
});
