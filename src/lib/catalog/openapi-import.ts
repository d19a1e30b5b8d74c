import { z } from 'zod';
import { HTTP_METHODS } from './schema';
import type { HttpMethod } from './schema';
import { customApiSchema } from './custom-api';
import type { CustomApi, CustomOperation } from './custom-api';

export type OpenApiImportErrorCode = 'ERR_IMPORT_TOO_LARGE' | 'ERR_IMPORT_PARSE_FAILED' | 'ERR_IMPORT_NOT_OPENAPI3' | 'ERR_IMPORT_INVALID' | 'ERR_IMPORT_NO_OPERATIONS';

export class OpenApiImportError extends Error {
  readonly code: OpenApiImportErrorCode;
  constructor(code: OpenApiImportErrorCode, message: string) {
    super(message);
    this.name = 'OpenApiImportError';
    this.code = code;
  }
}

/**
 * How to read a security requirement that lists several scopes.
 * `openapi`: all of them are needed (OpenAPI 3 §4.8.30). `any-of`: any one is enough (how Auth0 enforces its own spec).
 */
export type ScopeSemantics = 'openapi' | 'any-of';

type YamlParse = (text: string, options: { maxAliasCount: number }) => unknown;

// The YAML parser is its own chunk: only an import of a YAML document loads it.
const loadYamlParser = async (): Promise<YamlParse> => (await import('yaml')).parse;

export interface OpenApiImportOptions {
  /** Loads the YAML parser; injectable for tests. */
  loadYaml?: () => Promise<YamlParse>;
  semantics?: ScopeSemantics;
  /** Stable id for the imported API. */
  id?: string;
  /** The API identifier (token audience); defaults to the first server URL. */
  identifier?: string;
}

export interface OpenApiImportResult {
  api: CustomApi;
  warnings: string[];
}

const MAX_DOCUMENT_CHARS = 10_000_000;

const securityRequirementsSchema = z.array(z.record(z.string(), z.array(z.string())));
const operationSchema = z.object({
  summary: z.string().optional(),
  operationId: z.string().optional(),
  tags: z.array(z.string()).optional(),
  security: securityRequirementsSchema.optional(),
});
const documentSchema = z.object({
  openapi: z.string(),
  info: z.object({ title: z.string().default('Imported API'), 'x-audience': z.string().optional() }).loose(),
  servers: z.array(z.object({ url: z.string() }).loose()).optional(),
  security: securityRequirementsSchema.optional(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  components: z
    .object({
      securitySchemes: z
        .record(
          z.string(),
          z
            .object({
              type: z.string(),
              flows: z.record(z.string(), z.object({ scopes: z.record(z.string(), z.string()).default({}) }).loose()).optional(),
            })
            .loose(),
        )
        .default({}),
    })
    .loose()
    .default({ securitySchemes: {} }),
});

async function parseText(text: string, loadYaml: () => Promise<YamlParse>): Promise<unknown> {
  const trimmed = text.trimStart();
  try {
    if (trimmed.startsWith('{')) return JSON.parse(trimmed);
    const parseYaml = await loadYaml();
    return parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new OpenApiImportError('ERR_IMPORT_PARSE_FAILED', `Not valid JSON or YAML: ${(error as Error).message}`);
  }
}

/** Imports an OpenAPI 3 document (JSON or YAML) whose operations declare OAuth2 scopes. */
export async function importOpenApi(
  text: string,
  { semantics = 'openapi', id = 'imported', identifier, loadYaml = loadYamlParser }: OpenApiImportOptions = {},
): Promise<OpenApiImportResult> {
  if (text.length > MAX_DOCUMENT_CHARS) throw new OpenApiImportError('ERR_IMPORT_TOO_LARGE', 'The document is larger than 10 MB.');
  const raw = await parseText(text, loadYaml);
  if (raw && typeof raw === 'object' && 'swagger' in raw) {
    throw new OpenApiImportError('ERR_IMPORT_NOT_OPENAPI3', 'This is a Swagger 2.0 document; convert it to OpenAPI 3 first.');
  }
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) throw new OpenApiImportError('ERR_IMPORT_INVALID', `Not an OpenAPI document: ${z.prettifyError(parsed.error)}`);
  const doc = parsed.data;
  if (!doc.openapi.startsWith('3.')) throw new OpenApiImportError('ERR_IMPORT_NOT_OPENAPI3', `OpenAPI ${doc.openapi} is not supported; use OpenAPI 3.x.`);

  const warnings: string[] = [];
  const schemes = doc.components.securitySchemes;
  const scopeSchemes = new Set(Object.entries(schemes).filter(([, s]) => s.type === 'oauth2' || s.type === 'openIdConnect').map(([name]) => name));
  const descriptions = new Map<string, string>();
  for (const scheme of Object.values(schemes)) {
    for (const flow of Object.values(scheme.flows ?? {})) {
      for (const [name, description] of Object.entries(flow.scopes)) if (!descriptions.has(name)) descriptions.set(name, description);
    }
  }

  const toAlternatives = (requirements: z.infer<typeof securityRequirementsSchema>): string[][] => {
    // OpenAPI: requirement objects are alternatives; inside one, every scheme (and each of its scopes) is needed.
    if (requirements.length === 0) return [[]];
    const alternatives: string[][] = [];
    for (const requirement of requirements) {
      const scopes = [...new Set(Object.entries(requirement).flatMap(([scheme, list]) => (scopeSchemes.has(scheme) ? list : [])))];
      if (semantics === 'any-of' && scopes.length > 0) alternatives.push(...scopes.map((s) => [s]));
      else alternatives.push(scopes);
    }
    const seen = new Set<string>();
    return alternatives.filter((alt) => {
      const key = alt.join(' ');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };

  const operations: CustomOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [methodKey, value] of Object.entries(item)) {
      const method = methodKey.toUpperCase();
      if (['PARAMETERS', 'SUMMARY', 'DESCRIPTION', 'SERVERS', '$REF'].includes(method)) continue;
      if (!(HTTP_METHODS as readonly string[]).includes(method)) {
        warnings.push(`Skipped ${method} ${path}: only ${HTTP_METHODS.join(', ')} are supported.`);
        continue;
      }
      const op = operationSchema.safeParse(value);
      if (!op.success) {
        warnings.push(`Skipped ${method} ${path}: ${op.error.issues[0]?.message ?? 'invalid operation'}.`);
        continue;
      }
      const requirements = op.data.security ?? doc.security ?? [];
      for (const requirement of requirements) {
        for (const scheme of Object.keys(requirement)) {
          if (!(scheme in schemes)) warnings.push(`${method} ${path} refers to an undeclared security scheme "${scheme}".`);
        }
      }
      operations.push({
        method: method as HttpMethod,
        path: path.startsWith('/') ? path : `/${path}`,
        summary: (op.data.summary ?? op.data.operationId ?? '').slice(0, 500),
        tag: op.data.tags?.[0] ?? 'default',
        anyOf: toAlternatives(requirements),
      });
    }
  }
  if (operations.length === 0) throw new OpenApiImportError('ERR_IMPORT_NO_OPERATIONS', 'The document declares no operations.');

  const usedScopes = [...new Set(operations.flatMap((op) => op.anyOf.flat()))];
  for (const scope of usedScopes) if (!descriptions.has(scope)) descriptions.set(scope, '');
  const candidate = {
    id,
    name: doc.info.title,
    identifier: identifier?.trim() || doc.info['x-audience'] || doc.servers?.[0]?.url || doc.info.title,
    scopes: [...descriptions].map(([name, description]) => ({ name, description: description.slice(0, 500) })),
    operations,
  };
  const api = customApiSchema.safeParse(candidate);
  if (!api.success) throw new OpenApiImportError('ERR_IMPORT_INVALID', z.prettifyError(api.error));
  return { api: api.data, warnings: [...new Set(warnings)] };
}
