import type { CallRequest } from '../../shared/call-contract';
import { pathTemplateNames } from '../catalog/request-shape';
import type { ApiOperation } from '../catalog/api-model';
import type { CatalogRequests, HttpMethod, OperationRequest, RequestParam } from '../catalog/schema';

/** The endpoint a request form is for: its method and path template, and the catalog's form details when known. */
export interface EndpointShape {
  method: HttpMethod;
  /** The path template, `/api/v2/users/{id}`. */
  path: string;
  /** Null for endpoints the catalog has no spec details for (head or legacy, custom APIs): the template still gives the path parameters. */
  request: OperationRequest | null;
}

/** The form of an operation: the catalog's details when the request forms are loaded and know it, else the template alone. */
export function endpointShape(operation: ApiOperation, requests: CatalogRequests | null): EndpointShape {
  return { method: operation.method, path: operation.path, request: requests?.operations[operation.id] ?? null };
}

/** What the user typed. An empty string means "not sent". */
export interface RequestInputs {
  pathParams: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string | readonly string[]>>;
  bodyText: string;
}

/** A field the user must fix before sending. The UI switches on `code` and puts `message` next to `field`. */
export interface RequestInputError {
  code:
    | 'PATH_PARAM_MISSING'
    /** A `/` or `\` would leave the path segment; the companion server refuses such paths anyway. */
    | 'PATH_PARAM_HAS_SEPARATOR'
    /** `.` or `..` as a whole segment would walk up the path (RFC 3986 §5.2.4). */
    | 'PATH_PARAM_DOT_SEGMENT'
    | 'QUERY_PARAM_MISSING'
    | 'QUERY_PARAM_INVALID'
    | 'BODY_NOT_JSON'
    | 'BODY_ON_GET'
    | 'BODY_CONTENT_TYPE_UNSUPPORTED';
  /** `path.<name>`, `query.<name>` or `body`. */
  field: string;
  message: string;
}

/** The part of POST /api/call that the form decides; the caller adds the profile, the API and the credential. */
export type FormRequest = Pick<CallRequest, 'method' | 'path' | 'query' | 'body'>;

export type BuildRequestResult = { ok: true; request: FormRequest } | { ok: false; errors: RequestInputError[] };

const JSON_CONTENT_TYPE = 'application/json';

/**
 * Percent-encodes a value as one path segment (RFC 3986 §3.3). `|`, `:` and `@` stay readable, as Auth0 user ids
 * (`auth0|alice`) are written in its docs: browsers' URL parser leaves them as they are too.
 */
export function encodePathSegment(value: string): string {
  return encodeURIComponent(value).replace(/%7C/gi, '|').replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

/** The form's starting values: empty parameters and the body skeleton, pretty-printed. */
export function initialRequestInputs(endpoint: EndpointShape): RequestInputs {
  const names = pathTemplateNames(endpoint.path);
  const skeleton = endpoint.request?.body?.contentType === JSON_CONTENT_TYPE ? endpoint.request.body.skeleton : undefined;
  return {
    pathParams: Object.fromEntries(names.map((name) => [name, ''])),
    query: {},
    bodyText: skeleton === undefined || endpoint.method === 'GET' ? '' : JSON.stringify(skeleton, null, 2),
  };
}

function queryValueProblem(param: RequestParam, value: string): string | null {
  if (param.enum && !param.enum.some((allowed) => String(allowed) === value)) return `must be one of ${param.enum.join(', ')}`;
  if (param.type === 'integer' && !/^-?\d+$/.test(value)) return 'must be a whole number';
  if (param.type === 'number' && (value.trim() === '' || !Number.isFinite(Number(value)))) return 'must be a number';
  if (param.type === 'boolean' && value !== 'true' && value !== 'false') return 'must be true or false';
  return null;
}

function fillPath(endpoint: EndpointShape, inputs: RequestInputs, errors: RequestInputError[]): string {
  return endpoint.path.replace(/\{([^}/]+)\}/g, (placeholder, name: string) => {
    const value = inputs.pathParams[name] ?? '';
    const field = `path.${name}`;
    if (value.trim() === '') errors.push({ code: 'PATH_PARAM_MISSING', field, message: `${name} is required.` });
    else if (/[/\\]/.test(value)) errors.push({ code: 'PATH_PARAM_HAS_SEPARATOR', field, message: `${name} cannot contain / or \\: it would leave its path segment.` });
    else if (value === '.' || value === '..') errors.push({ code: 'PATH_PARAM_DOT_SEGMENT', field, message: `${name} cannot be "${value}": it would walk up the path.` });
    else return encodePathSegment(value);
    return placeholder;
  });
}

function readQuery(endpoint: EndpointShape, inputs: RequestInputs, errors: RequestInputError[]): FormRequest['query'] {
  const known = new Map((endpoint.request?.queryParams ?? []).map((param) => [param.name, param]));
  const query: NonNullable<FormRequest['query']> = {};
  for (const [name, raw] of Object.entries(inputs.query)) {
    const values = (typeof raw === 'string' ? [raw] : [...raw]).filter((value) => value !== '');
    if (values.length === 0) continue;
    const param = known.get(name);
    const problem = param ? values.map((value) => queryValueProblem(param, value)).find((p) => p !== null) : null;
    if (problem) errors.push({ code: 'QUERY_PARAM_INVALID', field: `query.${name}`, message: `${name} ${problem}.` });
    query[name] = values.length === 1 && param?.type !== 'array' ? (values[0] as string) : values;
  }
  for (const param of known.values()) {
    if (param.required && !(param.name in query)) errors.push({ code: 'QUERY_PARAM_MISSING', field: `query.${param.name}`, message: `${param.name} is required.` });
  }
  return Object.keys(query).length > 0 ? query : undefined;
}

function readBody(endpoint: EndpointShape, inputs: RequestInputs, errors: RequestInputError[]): { body?: unknown } {
  if (inputs.bodyText.trim() === '') return {};
  const contentType = endpoint.request?.body?.contentType;
  if (endpoint.method === 'GET') {
    errors.push({ code: 'BODY_ON_GET', field: 'body', message: 'A GET request has no body: clear it, or pick another method.' });
    return {};
  }
  if (contentType !== undefined && contentType !== JSON_CONTENT_TYPE) {
    errors.push({ code: 'BODY_CONTENT_TYPE_UNSUPPORTED', field: 'body', message: `This endpoint takes ${contentType}; the explorer sends JSON bodies only.` });
    return {};
  }
  try {
    return { body: JSON.parse(inputs.bodyText) as unknown };
  } catch (error) {
    errors.push({ code: 'BODY_NOT_JSON', field: 'body', message: `The body is not JSON (RFC 8259): ${(error as Error).message}` });
    return {};
  }
}

/** Builds the request the form describes: the path filled in segment by segment, the query, the parsed JSON body. */
export function buildFormRequest(endpoint: EndpointShape, inputs: RequestInputs): BuildRequestResult {
  const errors: RequestInputError[] = [];
  const path = fillPath(endpoint, inputs, errors);
  const query = readQuery(endpoint, inputs, errors);
  const body = readBody(endpoint, inputs, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, request: { method: endpoint.method, path, ...(query ? { query } : {}), ...body } };
}
