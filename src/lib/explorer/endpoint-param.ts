import { MANAGEMENT_API_KEY, operationKey } from '../catalog/api-model';
import type { ApiOperation } from '../catalog/api-model';
import { HTTP_METHODS } from '../catalog/schema';

/** Why `?endpoint=` names no operation. The UI switches on `code`. */
export type EndpointParamError =
  | { code: 'ENDPOINT_MISSING' }
  /** Not `METHOD /path`. */
  | { code: 'ENDPOINT_MALFORMED'; value: string }
  /** No operation has this method and path; `otherMethods` lists the methods the path does have. */
  | { code: 'ENDPOINT_UNKNOWN'; endpoint: string; otherMethods: string[] };

export type EndpointParamResult =
  | { ok: true; operation: ApiOperation; /** Values read from a filled-in path (`/api/v2/users/auth0|alice`), by name. */ pathParams: Record<string, string> }
  | { ok: false; error: EndpointParamError };

const METHOD_AND_PATH = /^([A-Za-z]+)\s+(\/\S*)$/;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The values a concrete path gives a template's `{name}` segments, or null when it does not fit; literals must match exactly. */
function matchTemplate(template: string, path: string): { params: Record<string, string>; literals: number } | null {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  let literals = 0;
  for (const [i, part] of want.entries()) {
    const actual = got[i] as string;
    const name = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (name !== undefined) {
      if (actual === '') return null;
      params[name] = decodeSegment(actual);
    } else if (part === actual) literals += 1;
    else return null;
  }
  return { params, literals };
}

/**
 * Reads the explorer's deep link value, `METHOD path` (`GET /api/v2/users`): the path as the catalog names it,
 * or filled in (`GET /api/v2/users/auth0|alice`), then the template with the most literal segments wins.
 */
export function parseEndpointParam(value: string | null, operations: readonly ApiOperation[]): EndpointParamResult {
  const text = value?.trim() ?? '';
  if (text === '') return { ok: false, error: { code: 'ENDPOINT_MISSING' } };
  const match = METHOD_AND_PATH.exec(text);
  const method = match?.[1]?.toUpperCase() ?? '';
  if (!match || !(HTTP_METHODS as readonly string[]).includes(method)) return { ok: false, error: { code: 'ENDPOINT_MALFORMED', value: text } };
  const path = (match[2] as string).split(/[?#]/)[0] as string;
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;

  const exact = operations.find((op) => op.method === method && op.path === trimmed);
  if (exact) return { ok: true, operation: exact, pathParams: {} };

  let best: { operation: ApiOperation; params: Record<string, string>; literals: number } | null = null;
  const otherMethods = new Set<string>();
  for (const operation of operations) {
    const fit = matchTemplate(operation.path, trimmed);
    if (!fit) continue;
    if (operation.method !== method) otherMethods.add(operation.method);
    else if (!best || fit.literals > best.literals) best = { operation, ...fit };
  }
  if (best) return { ok: true, operation: best.operation, pathParams: best.params };
  return {
    ok: false,
    error: { code: 'ENDPOINT_UNKNOWN', endpoint: operationKey(method, trimmed), otherMethods: HTTP_METHODS.filter((m) => otherMethods.has(m)) },
  };
}

/** The explorer's deep link for an operation: `/explorer?endpoint=GET%20%2Fapi%2Fv2%2Fusers`, plus `&api=` for a custom API. */
export function explorerLink(operationId: string, api: string = MANAGEMENT_API_KEY): string {
  const link = `/explorer?endpoint=${encodeURIComponent(operationId)}`;
  return api === MANAGEMENT_API_KEY ? link : `${link}&api=${encodeURIComponent(api)}`;
}
