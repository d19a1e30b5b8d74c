import { managementApiFromCatalog, type ApiDefinition, type ApiOperation } from '../../lib/catalog/api-model';
import catalogJson from '../../lib/catalog/data/auth0-management-api.json';
import { catalogSchema } from '../../lib/catalog/schema';

/** The Management API's operations as the app's catalog has them: each path template, method and accepted scopes. */

export interface MatchedOperation {
  operation: ApiOperation;
  /** Any one of these scopes lets the call through (Auth0's "expected any of"), in the catalog's order. */
  acceptedScopes: readonly string[];
  /** The template's `{name}` parameters, decoded. */
  params: Readonly<Record<string, string>>;
}

interface CompiledOperation {
  operation: ApiOperation;
  acceptedScopes: readonly string[];
  segments: readonly string[];
  /** Literal segments win over parameters: `/clients/search` before `/clients/{id}`. */
  literalCount: number;
}

const compile = (operation: ApiOperation): CompiledOperation => {
  const segments = operation.path.split('/').filter(Boolean);
  return {
    operation,
    acceptedScopes: [...new Set(operation.alternatives.flat())],
    segments,
    literalCount: segments.filter((s) => !s.startsWith('{')).length,
  };
};

/** Every operation of the catalog, from the same data the app's scope picker uses. */
export const managementApiDefinition: ApiDefinition = managementApiFromCatalog(catalogSchema.parse(catalogJson));
export const managementOperations: readonly ApiOperation[] = managementApiDefinition.operations;

const compiled = managementOperations.map(compile);

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The catalog operation that `method path` (a path under `/api/v2/`) calls, or undefined when the catalog has none. */
export function matchManagementOperation(method: string, path: string): MatchedOperation | undefined {
  const actual = path.split('/').filter(Boolean);
  let best: { entry: CompiledOperation; params: Record<string, string> } | undefined;
  for (const entry of compiled) {
    if (entry.operation.method !== method.toUpperCase() || entry.segments.length !== actual.length) continue;
    const params: Record<string, string> = {};
    const matches = entry.segments.every((segment, i) => {
      const value = actual[i] ?? '';
      if (!segment.startsWith('{')) return segment === value;
      const decoded = decodeSegment(value);
      if (!decoded) return false;
      params[segment.slice(1, -1)] = decoded;
      return true;
    });
    if (matches && (!best || entry.literalCount > best.entry.literalCount)) best = { entry, params };
  }
  return best && { operation: best.entry.operation, acceptedScopes: best.entry.acceptedScopes, params: best.params };
}
