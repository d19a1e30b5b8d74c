import { z } from 'zod';
import { catalogRequestsSchema, catalogSchema } from './schema';
import type { Catalog, CatalogRequests } from './schema';

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

/** The explorer's request forms, a lazy chunk of their own: the scope picker never loads them. */
const importRequests = async (): Promise<unknown> => (await import('./data/auth0-management-api-requests.json')).default;

/** Loads the generated request-form details of the Management API operations and validates them. */
export async function loadManagementRequests(load: () => Promise<unknown> = importRequests): Promise<CatalogRequests> {
  const parsed = catalogRequestsSchema.safeParse(await load());
  if (!parsed.success) throw new CatalogLoadError(`The Management API request forms are invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
