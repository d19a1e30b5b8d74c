import { queryOptions, useQuery } from '@tanstack/react-query';
import { loadManagementCatalog } from '../../lib/catalog/load-catalog';

/** The generated catalog is a lazy chunk, loaded and validated once per session. */
export const managementCatalogQuery = () =>
  queryOptions({
    queryKey: ['scopes', 'catalog', 'auth0-management'] as const,
    queryFn: () => loadManagementCatalog(),
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const useManagementCatalog = () => useQuery(managementCatalogQuery());
