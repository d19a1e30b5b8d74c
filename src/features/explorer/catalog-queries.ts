import { queryOptions, useQuery } from '@tanstack/react-query';
import { managementApiFromCatalog } from '../../lib/catalog/api-model';
import type { ApiDefinition } from '../../lib/catalog/api-model';
import { loadManagementCatalog, loadManagementRequests } from '../../lib/catalog/load-catalog';
import type { CatalogRequests } from '../../lib/catalog/schema';

/** The Management API model and its request forms: two lazy chunks, loaded and validated once per session. */
export const explorerKeys = {
  all: ['explorer'] as const,
  managementApi: () => [...explorerKeys.all, 'catalog', 'auth0-management'] as const,
  managementRequests: () => [...explorerKeys.all, 'requests', 'auth0-management'] as const,
};

const managementApiQuery = () =>
  queryOptions({
    queryKey: explorerKeys.managementApi(),
    queryFn: async (): Promise<ApiDefinition> => managementApiFromCatalog(await loadManagementCatalog()),
    staleTime: Infinity,
    gcTime: Infinity,
  });

const managementRequestsQuery = () =>
  queryOptions({
    queryKey: explorerKeys.managementRequests(),
    queryFn: (): Promise<CatalogRequests> => loadManagementRequests(),
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const useManagementApi = () => useQuery(managementApiQuery());
export const useManagementRequests = () => useQuery(managementRequestsQuery());
