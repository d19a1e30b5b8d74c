import { z } from 'zod';
import { catalogSchema } from './schema';
import type { Catalog } from './schema';

export class CatalogLoadError extends Error {
  readonly code = 'ERR_CATALOG_INVALID';
}

/** The generated catalog, as a lazily loaded chunk: never part of the first route's bundle. */
const importCatalog = async (): Promise<unknown> => (await import('./data/auth0-management-api.json')).default;

/** Loads the generated Management API catalog and validates it. */
export async function loadManagementCatalog(load: () => Promise<unknown> = importCatalog): Promise<Catalog> {
  const parsed = catalogSchema.safeParse(await load());
  if (!parsed.success) throw new CatalogLoadError(`The Management API catalog is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
