import type { OperationRequest, RequestParam } from './schema';
import { PARAM_TYPES } from './schema';

/**
 * Reads what a request form needs from an OpenAPI 3 operation: its path and query parameters, and a JSON body
 * skeleton of the request schema's required properties. Pure, so the catalog generator and an imported
 * OpenAPI document can both use it.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type SchemaObject = Record<string, unknown>;

/** The `components` section, where `#/components/...` references point. */
export interface OpenApiComponents {
  schemas?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  requestBodies?: Record<string, unknown>;
}

/** Depth of nested objects a skeleton goes into; deeper required objects stay `{}`. */
export const SKELETON_MAX_DEPTH = 4;
const DESCRIPTION_MAX = 140;
const JSON_CONTENT_TYPE = 'application/json';

const isObject = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Follows a local `#/components/<kind>/<name>` reference (RFC 6901 pointer), or returns the object itself. */
function resolveRef(value: unknown, components: OpenApiComponents, seen: ReadonlySet<string> = new Set()): { schema: SchemaObject; seen: Set<string> } | null {
  let current = value;
  const chain = new Set(seen);
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (chain.has(ref)) return null;
    chain.add(ref);
    const match = /^#\/components\/(schemas|parameters|requestBodies)\/(.+)$/.exec(ref);
    if (!match) return null;
    const name = (match[2] as string).replace(/~1/g, '/').replace(/~0/g, '~');
    current = components[match[1] as keyof OpenApiComponents]?.[name];
  }
  return isObject(current) ? { schema: current, seen: chain } : null;
}

/** The first non-null type of a `type` keyword (OpenAPI 3.1 allows `["string", "null"]`). */
function primaryType(schema: SchemaObject): string | null {
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') as string | undefined) ?? 'null';
  if (isObject(schema.properties) || Array.isArray(schema.required)) return 'object';
  return null;
}

const isPrimitive = (value: unknown): value is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof value);

const STRING_BY_FORMAT: ReadonlyArray<[RegExp, string]> = [
  [/^email/, 'user@example.com'],
  [/^date-time$/, '2025-01-01T00:00:00.000Z'],
  [/^date$/, '2025-01-01'],
  [/^uuid$/, '00000000-0000-0000-0000-000000000000'],
  [/^ipv4$/, '192.0.2.1'],
  [/^ipv6$/, '2001:db8::1'],
  [/cidr/, '192.0.2.0/24'],
  [/^hostname/, 'example.com'],
  [/(uri|url)/, 'https://example.com'],
  [/color/, '#000000'],
];

function placeholderString(schema: SchemaObject): string {
  const format = typeof schema.format === 'string' ? schema.format : '';
  for (const [pattern, value] of STRING_BY_FORMAT) if (pattern.test(format)) return value;
  return 'string';
}

/** A JSON value shaped like the schema: its required properties only, placeholders by const, enum, default, format and type. */
export function requestSkeleton(schema: unknown, components: OpenApiComponents, depth = 0, seen: ReadonlySet<string> = new Set()): Json {
  const resolved = resolveRef(schema, components, seen);
  if (!resolved) return null;
  const { schema: s, seen: chain } = resolved;
  const recurse = (child: unknown, nextDepth = depth) => requestSkeleton(child, components, nextDepth, chain);

  if ('const' in s) return s.const as Json;
  if (Array.isArray(s.enum)) {
    const first = s.enum.find((v) => v !== null);
    if (first !== undefined) return first as Json;
  }
  if (isPrimitive(s.default)) return s.default;
  if (Array.isArray(s.allOf)) return mergeAllOf(s, chain, components, depth);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = s[key];
    if (Array.isArray(options) && options.length > 0 && primaryType(s) === null) {
      const nonNull = options.find((o) => !(isObject(o) && o.type === 'null')) ?? options[0];
      return recurse(nonNull);
    }
  }

  switch (primaryType(s)) {
    case 'object': {
      if (depth >= SKELETON_MAX_DEPTH) return {};
      const properties = isObject(s.properties) ? s.properties : {};
      const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
      return Object.fromEntries(required.map((name) => [name, recurse(properties[name] ?? {}, depth + 1)]));
    }
    case 'array': {
      const minItems = typeof s.minItems === 'number' ? s.minItems : 0;
      return minItems >= 1 && depth < SKELETON_MAX_DEPTH ? [recurse(s.items ?? {}, depth + 1)] : [];
    }
    case 'string':
      return placeholderString(s);
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** allOf: the union of the parts' properties and required lists, then one object skeleton. */
function mergeAllOf(schema: SchemaObject, seen: ReadonlySet<string>, components: OpenApiComponents, depth: number): Json {
  const properties: Record<string, unknown> = { ...(isObject(schema.properties) ? schema.properties : {}) };
  const required = new Set<string>(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  for (const part of schema.allOf as unknown[]) {
    const resolved = resolveRef(part, components, seen);
    if (!resolved) continue;
    if (primaryType(resolved.schema) !== 'object' && !Array.isArray(resolved.schema.allOf)) return requestSkeleton(part, components, depth, seen);
    Object.assign(properties, isObject(resolved.schema.properties) ? resolved.schema.properties : {});
    for (const name of Array.isArray(resolved.schema.required) ? resolved.schema.required : []) if (typeof name === 'string') required.add(name);
  }
  return requestSkeleton({ type: 'object', properties, required: [...required] }, components, depth, seen);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** The first sentence of a description: HTML tags and Markdown backticks dropped, whitespace collapsed, capped. */
export function shortDescription(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(plain)?.[1] ?? plain;
  return sentence.length > DESCRIPTION_MAX ? `${sentence.slice(0, DESCRIPTION_MAX - 1).trimEnd()}\u2026` : sentence;
}

function readParam(raw: SchemaObject, components: OpenApiComponents): RequestParam {
  const schema = resolveRef(raw.schema ?? {}, components)?.schema ?? {};
  const type = primaryType(schema);
  const param: RequestParam = {
    name: String(raw.name),
    type: (PARAM_TYPES as readonly string[]).includes(type ?? '') ? (type as RequestParam['type']) : 'string',
    required: raw.in === 'path' || raw.required === true,
  };
  const values = Array.isArray(schema.enum) ? schema.enum.filter(isPrimitive) : [];
  if (values.length > 0) param.enum = values;
  const description = typeof raw.description === 'string' ? shortDescription(raw.description) : '';
  if (description) param.description = description;
  return param;
}

/** `{name}` placeholders of a path template, in order (OpenAPI 3 §4.8.8 path templating). */
export function pathTemplateNames(pathTemplate: string): string[] {
  return [...pathTemplate.matchAll(/\{([^}/]+)\}/g)].map((match) => match[1] as string);
}

/**
 * The request form of one operation; path-item parameters apply unless the operation overrides them (OpenAPI 3 §4.8.10).
 * Path parameters follow the template's order, and a placeholder the spec forgot to declare is still a required string.
 */
export function operationRequest(pathTemplate: string, operation: SchemaObject, pathItemParameters: readonly unknown[], components: OpenApiComponents): OperationRequest {
  const byKey = new Map<string, SchemaObject>();
  for (const raw of [...pathItemParameters, ...(Array.isArray(operation.parameters) ? operation.parameters : [])]) {
    const param = resolveRef(raw, components)?.schema;
    if (param && typeof param.name === 'string' && typeof param.in === 'string') byKey.set(`${param.in}:${param.name}`, param);
  }
  const params = [...byKey.values()];
  const pathParams = pathTemplateNames(pathTemplate).map((name) => readParam(byKey.get(`path:${name}`) ?? { name, in: 'path' }, components));
  const queryParams = params.filter((p) => p.in === 'query').map((p) => readParam(p, components));

  let body: OperationRequest['body'] = null;
  const requestBody = resolveRef(operation.requestBody, components)?.schema;
  const content = isObject(requestBody?.content) ? requestBody.content : null;
  if (content) {
    const json = content[JSON_CONTENT_TYPE];
    const contentType = isObject(json) ? JSON_CONTENT_TYPE : Object.keys(content)[0];
    if (contentType) body = { contentType, skeleton: isObject(json) ? requestSkeleton(json.schema ?? {}, components) : null };
  }
  return { pathParams, queryParams, body };
}
