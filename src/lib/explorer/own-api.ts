import type { ApiDefinition } from '../catalog/api-model';
import { APPOINTMENTS_EXAMPLE, customApiToDefinition } from '../catalog/custom-api';
import type { HttpMethod } from '../catalog/schema';
import type { BuildRequestResult, FormRequest, RequestInputError } from './request-form';

/**
 * A profile's own API has no catalog unless imported: the explorer knows its identifier (the audience) and, for the
 * demo tenant's appointments API, its endpoints and scopes.
 */
export function ownApiDefinition(identifier: string, name?: string): ApiDefinition {
  const known = identifier === APPOINTMENTS_EXAMPLE.identifier ? customApiToDefinition(APPOINTMENTS_EXAMPLE) : null;
  return {
    key: `api:${identifier}`,
    name: name ?? known?.name ?? identifier,
    kind: 'custom',
    audience: { type: 'exact', identifier },
    scopeDescriptions: known?.scopeDescriptions ?? new Map(),
    userGrantableScopes: null,
    operations: known?.operations ?? [],
  };
}

/** The free-form request to an own API: a method, a path with an optional query string, and a JSON body. */
export interface OwnApiInputs {
  method: HttpMethod;
  path: string;
  bodyText: string;
}

function readQuery(search: string): FormRequest['query'] {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(search)) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(typeof seen === 'string' ? [seen] : seen), value];
  }
  return Object.keys(query).length > 0 ? query : undefined;
}

/** Builds the request for an own API; the companion server still refuses any path that leaves the API's base. */
export function buildOwnApiRequest(inputs: OwnApiInputs): BuildRequestResult {
  const errors: RequestInputError[] = [];
  const [pathPart = '', ...rest] = inputs.path.trim().split('?');
  if (!pathPart.startsWith('/')) errors.push({ code: 'PATH_PARAM_MISSING', field: 'path', message: 'The path starts with / and is relative to the API\u2019s base URL.' });
  let body: { body?: unknown } = {};
  if (inputs.bodyText.trim() !== '') {
    if (inputs.method === 'GET') errors.push({ code: 'BODY_ON_GET', field: 'body', message: 'A GET request has no body: clear it, or pick another method.' });
    else {
      try {
        body = { body: JSON.parse(inputs.bodyText) as unknown };
      } catch (error) {
        errors.push({ code: 'BODY_NOT_JSON', field: 'body', message: `The body is not JSON (RFC 8259): ${(error as Error).message}` });
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const query = readQuery(rest.join('?'));
  return { ok: true, request: { method: inputs.method, path: pathPart, ...(query ? { query } : {}), ...body } };
}
