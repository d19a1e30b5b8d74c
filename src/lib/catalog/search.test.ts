import { describe, expect, it } from 'vitest';
import { createSearchIndex, groupByTag, groupRankedByTag, searchOperations, searchOperationsRanked } from './search';
import { managementApi } from './test-fixtures';

const index = createSearchIndex(managementApi.operations);
const ids = (query: string) => searchOperations(index, query).map((op) => op.id);

describe('searchOperations', () => {
  it('returns every operation for an empty query', () => {
    expect(searchOperations(index, '  ')).toHaveLength(managementApi.operations.length);
  });

  it('matches method and path together, case-insensitively', () => {
    expect(ids('patch /api/v2/users/{id}')).toContain('PATCH /api/v2/users/{id}');
    expect(ids('PATCH users/{id}').every((id) => id.startsWith('PATCH '))).toBe(true);
  });

  it('matches by scope, including user-context scopes', () => {
    expect(ids('update:current_user_metadata')).toEqual(['PATCH /api/v2/users/{id}']);
    expect(ids('read:user_idp_tokens').sort()).toEqual(['GET /api/v2/users', 'GET /api/v2/users/{id}']);
  });

  it('matches by summary and tag', () => {
    expect(ids('link a user account')).toEqual(['POST /api/v2/users/{id}/identities']);
    expect(ids('organizations').length).toBeGreaterThan(30);
  });

  it('finds legacy endpoints by the word legacy', () => {
    expect(ids('legacy')).toEqual(['GET /api/v2/blacklists/tokens', 'POST /api/v2/blacklists/tokens', 'GET /api/v2/users/{id}/application-passwords', 'POST /api/v2/users/{id}/application-passwords', 'DELETE /api/v2/users/{id}/application-passwords/{asp_id}']);
  });
});

describe('searchOperationsRanked', () => {
  it('puts path matches first, then summary or tag matches, then scope-only matches', () => {
    const ranked = searchOperationsRanked(index, 'users');
    expect(ranked).toHaveLength(searchOperations(index, 'users').length);
    const ranks = ranked.map((m) => m.rank);
    expect(ranks).toEqual([...ranks].sort());
    expect(ranked[0]?.operation.path).toContain('users');
    // GET /api/v2/jobs/{id} accepts read:users: found, but only through its scopes.
    expect(ranked.find((m) => m.operation.id === 'GET /api/v2/jobs/{id}')?.rank).toBe(2);
  });
});

describe('groupRankedByTag', () => {
  it('puts the tag the query names first, then groups with better matches', () => {
    const groups = groupRankedByTag(searchOperationsRanked(index, 'users'), 'users');
    expect(groups[0]?.tag).toBe('users');
    expect(groups.flatMap((g) => g.operations)).toHaveLength(searchOperations(index, 'users').length);
    const clients = groupRankedByTag(searchOperationsRanked(index, 'read:client_summary'), 'read:client_summary');
    expect(clients.map((g) => g.tag)).toEqual(['clients']);
  });

  it('keeps alphabetical tag order for an empty query', () => {
    const tags = groupRankedByTag(searchOperationsRanked(index, ''), '').map((g) => g.tag);
    expect(tags).toEqual([...tags].sort());
  });
});

describe('groupByTag', () => {
  it('groups results by tag in order', () => {
    const groups = groupByTag(searchOperations(index, 'read:users'));
    expect(groups.map((g) => g.tag)).toContain('users');
    expect(groups.flatMap((g) => g.operations)).toHaveLength(searchOperations(index, 'read:users').length);
  });
});
