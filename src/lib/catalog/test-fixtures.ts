import { managementApiFromCatalog, operationKey } from './api-model';
import type { ApiDefinition, ApiOperation } from './api-model';
import { catalogSchema } from './schema';
import rawCatalog from './data/auth0-management-api.json';

/** The committed Management API catalog as the API model, for tests. */
export const managementApi = managementApiFromCatalog(catalogSchema.parse(rawCatalog));

export function findOperation(api: ApiDefinition, id: string): ApiOperation {
  const op = api.operations.find((o) => o.id === id);
  if (!op) throw new Error(`no operation ${id}`);
  return op;
}

/** A small custom API: any-of over single scopes unless an alternative lists several. */
export function customApi(operations: { method: ApiOperation['method']; path: string; alternatives: string[][] }[], identifier = 'https://api.demo.test/'): ApiDefinition {
  return {
    key: 'custom:test',
    name: 'Test API',
    kind: 'custom',
    audience: { type: 'exact', identifier },
    scopeDescriptions: new Map(),
    userGrantableScopes: null,
    operations: operations.map((o) => ({
      id: operationKey(o.method, o.path),
      method: o.method,
      path: o.path,
      tag: 'test',
      summary: '',
      alternatives: o.alternatives,
      lifecycle: null,
      docsUrl: null,
      legacy: false,
    })),
  };
}
