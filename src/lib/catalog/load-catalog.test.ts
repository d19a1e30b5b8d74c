import { describe, expect, it } from 'vitest';
import { CatalogLoadError, loadManagementCatalog, loadManagementRequests } from './load-catalog';

describe('loadManagementCatalog', () => {
  it('loads the committed catalog', async () => {
    const catalog = await loadManagementCatalog();
    expect(catalog.operations.find((op) => op.id === 'PATCH /api/v2/users/{id}')?.scopes).toEqual(['update:users', 'update:users_app_metadata', 'update:current_user_metadata']);
  });

  it('refuses a catalog of the wrong shape with a stable code', async () => {
    await expect(loadManagementCatalog(async () => ({ schemaVersion: 2 }))).rejects.toMatchObject({ code: 'ERR_CATALOG_INVALID' });
    await expect(loadManagementCatalog(async () => null)).rejects.toBeInstanceOf(CatalogLoadError);
  });
});

describe('loadManagementRequests', () => {
  it('loads the committed request forms, generated from the same spec as the catalog', async () => {
    const [catalog, requests] = await Promise.all([loadManagementCatalog(), loadManagementRequests()]);
    expect(requests.specSha256).toBe(catalog.source.spec.sha256);
    expect(requests.operations['PATCH /api/v2/users/{id}']?.pathParams.map((p) => p.name)).toEqual(['id']);
  });

  it('refuses request forms of the wrong shape with a stable code', async () => {
    await expect(loadManagementRequests(async () => ({ schemaVersion: 1, operations: {} }))).rejects.toMatchObject({ code: 'ERR_CATALOG_INVALID' });
  });
});
