import { describe, expect, it } from 'vitest';
import { alternativeBlock, resolveRequiredScopes } from './resolve-scopes';
import { bodyFields, intentChoices, intentsFor, operationReach, reachLimitMessage, reachOf } from './scope-reach';
import { customApi, findOperation, managementApi } from './test-fixtures';
import type { TokenKind } from './api-model';

const patchUser = findOperation(managementApi, 'PATCH /api/v2/users/{id}');
const getUser = findOperation(managementApi, 'GET /api/v2/users/{id}');
const deleteUser = findOperation(managementApi, 'DELETE /api/v2/users/{id}');
const usableBy = (kind: TokenKind) => (alt: readonly string[]) => alternativeBlock(managementApi, alt, kind) === null;

describe('reachOf', () => {
  it('knows which fields the metadata scopes may change, and whose', () => {
    expect(reachOf(managementApi, ['update:users'])).toEqual({ fields: null, ownUserOnly: false });
    expect(reachOf(managementApi, ['update:users_app_metadata'])).toEqual({ fields: ['app_metadata'], ownUserOnly: false });
    expect(reachOf(managementApi, ['update:current_user_metadata'])).toEqual({ fields: ['user_metadata'], ownUserOnly: true });
    expect(reachOf(managementApi, ['read:current_user'])).toEqual({ fields: null, ownUserOnly: true });
  });

  it('gives a custom API\u2019s scopes no limits, whatever their names', () => {
    const api = customApi([{ method: 'PATCH', path: '/users', alternatives: [['update:users_app_metadata']] }]);
    expect(reachOf(api, ['update:users_app_metadata'])).toEqual({ fields: null, ownUserOnly: false });
  });

  it('the endpoint\u2019s own reach is its broadest alternative', () => {
    expect(operationReach(managementApi, patchUser)).toEqual({ fields: null, ownUserOnly: false });
  });
});

describe('intentsFor', () => {
  it('offers "Any field" and "app_metadata only" for PATCH /users/{id} on a machine token, broadest first', () => {
    expect(intentsFor(managementApi, patchUser, usableBy('m2m')).map((i) => [i.key, i.label])).toEqual([
      ['any', 'Any field'],
      ['app_metadata', 'app_metadata only'],
    ]);
  });

  it('offers nothing to choose where every usable alternative reaches as far', () => {
    expect(intentsFor(managementApi, patchUser, usableBy('user')).map((i) => i.key)).toEqual(['user_metadata@own']);
    expect(intentsFor(managementApi, getUser, usableBy('m2m'))).toHaveLength(1);
  });

  it('names whose records when own-user and any-user alternatives are both usable', () => {
    expect(intentsFor(managementApi, deleteUser, () => true).map((i) => i.label)).toEqual(['Any user', 'Your own user only']);
  });

  it('derives the options from the catalog: only PATCH /users/{id} offers a field choice to a machine token', () => {
    const withChoice = managementApi.operations.filter((op) => intentsFor(managementApi, op, usableBy('m2m')).length > 1).map((op) => op.id);
    expect(withChoice).toEqual(['PATCH /api/v2/users/{id}']);
  });
});

describe('resolveRequiredScopes with intents', () => {
  const resolve = (kind: TokenKind, intents: ReadonlyMap<string, string>) => resolveRequiredScopes(managementApi, [getUser, patchUser], kind, { intents });

  it('by default picks the scope that takes any body: update:users, not update:users_app_metadata', () => {
    expect(resolve('m2m', new Map()).scopeString).toBe('read:users update:users');
  });

  it('picks update:users_app_metadata when the user says app_metadata only', () => {
    const result = resolve('m2m', new Map([[patchUser.id, 'app_metadata']]));
    expect(result.scopeString).toBe('read:users update:users_app_metadata');
  });

  it('falls back to the broadest usable reach for an intent the token kind cannot serve', () => {
    expect(resolve('user', new Map([[patchUser.id, 'any']])).scopeString).toBe('read:current_user update:current_user_metadata');
  });

  it('does not let a requested narrow scope satisfy an any-field endpoint', () => {
    const result = resolveRequiredScopes(managementApi, [patchUser], 'm2m', { intents: new Map(), requested: ['update:users_app_metadata'] });
    expect(result.scopes).toEqual(['update:users', 'update:users_app_metadata']);
    expect(result.operations[0]?.chosen).toEqual(['update:users']);
  });

  it('without intents only the scope check counts (the explorer\u2019s mint)', () => {
    expect(resolveRequiredScopes(managementApi, [patchUser], 'm2m').scopes).toEqual(['update:users_app_metadata']);
  });
});

describe('reachLimitMessage', () => {
  it('says which fields a narrower scope may change, and whose', () => {
    expect(reachLimitMessage(managementApi, patchUser, ['update:users'])).toBeNull();
    expect(reachLimitMessage(managementApi, patchUser, ['update:users_app_metadata'])).toBe(
      'update:users_app_metadata may change only app_metadata, of any user: a body with any other field gets a 403.',
    );
    expect(reachLimitMessage(managementApi, patchUser, ['update:current_user_metadata'])).toContain('user_metadata, of your own user only');
    expect(reachLimitMessage(managementApi, getUser, ['read:current_user'])).toBe(
      'read:current_user acts on your own user only (the token\u2019s sub): another user\u2019s id gets a 403.',
    );
  });
});

describe('intentChoices', () => {
  it('offers a choice for PATCH /users/{id} only, answered by the stated intent or the broadest', () => {
    const usable = usableBy('m2m');
    expect(intentChoices(managementApi, [getUser, patchUser], usable, {}).map((c) => [c.operation.id, c.chosen])).toEqual([[patchUser.id, 'any']]);
    expect(intentChoices(managementApi, [patchUser], usable, { [patchUser.id]: 'app_metadata' })[0]?.chosen).toBe('app_metadata');
    expect(intentChoices(managementApi, [patchUser], usable, { [patchUser.id]: 'nonsense' })[0]?.chosen).toBe('any');
    expect(intentChoices(managementApi, [patchUser], usableBy('user'), {})).toEqual([]);
  });
});

describe('bodyFields', () => {
  it('lists a JSON object body\u2019s members; empty for no body; null for anything else', () => {
    expect(bodyFields('{"app_metadata":{"plan":"gold"},"email":"a@b.c"}')).toEqual(['app_metadata', 'email']);
    expect(bodyFields('  ')).toEqual([]);
    expect(bodyFields('[1]')).toBeNull();
    expect(bodyFields('{')).toBeNull();
  });
});
