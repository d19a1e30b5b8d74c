import { z } from 'zod';
import { operationKey } from './api-model';
import { splitScope } from '../oauth/scope';
import type { ApiDefinition } from './api-model';
import { HTTP_METHODS, httpMethodSchema } from './schema';
import type { HttpMethod } from './schema';

// RFC 6749 §3.3 scope-token.
const scopeTokenSchema = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'not a valid scope token').max(200);

const customOperationSchema = z.object({
  method: httpMethodSchema,
  path: z.string().startsWith('/').max(2048),
  summary: z.string().max(500).default(''),
  tag: z.string().min(1).max(200).default('api'),
  /** Any-of over all-of; `[[]]` means no scope is needed. */
  anyOf: z.array(z.array(scopeTokenSchema).max(50)).max(50),
});

/** A user-defined API: an identifier (the token audience), its scopes and its endpoints. No secrets. */
export const customApiSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  identifier: z.string().min(1).max(2048),
  scopes: z.array(z.object({ name: scopeTokenSchema, description: z.string().max(500).default('') })).max(2000),
  operations: z.array(customOperationSchema).max(5000),
});
export type CustomApi = z.infer<typeof customApiSchema>;
export type CustomOperation = z.infer<typeof customOperationSchema>;

/** The API model of a user-defined API; user tokens are not restricted to a subset of its scopes. */
export function customApiToDefinition(api: CustomApi): ApiDefinition {
  return {
    key: `custom:${api.id}`,
    name: api.name,
    kind: 'custom',
    audience: { type: 'exact', identifier: api.identifier },
    scopeDescriptions: new Map(api.scopes.map((s) => [s.name, s.description])),
    userGrantableScopes: null,
    operations: api.operations.map((op) => ({
      id: operationKey(op.method, op.path),
      method: op.method,
      path: op.path,
      tag: op.tag,
      summary: op.summary,
      alternatives: op.anyOf,
      lifecycle: null,
      docsUrl: null,
      legacy: false,
    })),
  };
}

export interface EndpointLineError {
  code: 'ERR_ENDPOINT_LINE_INVALID';
  line: number;
  message: string;
}

/**
 * Parses endpoint lines `METHOD /path scope1 scope2` (any one scope suffices; `a+b` needs both; no scope: no scope needed).
 * Blank lines and lines starting with `#` are skipped.
 */
export function parseEndpointLines(text: string): { operations: CustomOperation[]; errors: EndpointLineError[] } {
  const operations: CustomOperation[] = [];
  const errors: EndpointLineError[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [method = '', path = '', ...scopeWords] = splitScope(line);
    const upper = method.toUpperCase();
    if (!(HTTP_METHODS as readonly string[]).includes(upper)) {
      errors.push({ code: 'ERR_ENDPOINT_LINE_INVALID', line: index + 1, message: `"${method}" is not one of ${HTTP_METHODS.join(', ')}` });
      return;
    }
    if (!path.startsWith('/')) {
      errors.push({ code: 'ERR_ENDPOINT_LINE_INVALID', line: index + 1, message: 'the path must start with /' });
      return;
    }
    const anyOf = scopeWords.length === 0 ? [[]] : scopeWords.map((word) => word.split('+').filter(Boolean));
    const parsed = customOperationSchema.safeParse({ method: upper as HttpMethod, path, anyOf });
    if (!parsed.success) {
      errors.push({ code: 'ERR_ENDPOINT_LINE_INVALID', line: index + 1, message: parsed.error.issues[0]?.message ?? 'invalid endpoint' });
      return;
    }
    operations.push(parsed.data);
  });
  return { operations, errors };
}

/** Writes operations back as endpoint lines, the inverse of `parseEndpointLines`. */
export function formatEndpointLines(operations: readonly CustomOperation[]): string {
  return operations
    .map((op) => {
      const alternatives = op.anyOf.filter((alt) => alt.length > 0).map((alt) => alt.join('+'));
      return [op.method, op.path, ...alternatives].join(' ');
    })
    .join('\n');
}

/** The appointments API of the demo authorization server, as a starting example. */
export const APPOINTMENTS_EXAMPLE: CustomApi = {
  id: 'appointments',
  name: 'Appointments API',
  identifier: 'https://api.demo.test/',
  scopes: [
    { name: 'read:appointments', description: 'Read appointments' },
    { name: 'write:appointments', description: 'Create, change and cancel appointments' },
  ],
  operations: [
    { method: 'GET', path: '/appointments', summary: 'List appointments', tag: 'appointments', anyOf: [['read:appointments']] },
    { method: 'GET', path: '/appointments/{id}', summary: 'Get an appointment', tag: 'appointments', anyOf: [['read:appointments']] },
    { method: 'POST', path: '/appointments', summary: 'Book an appointment', tag: 'appointments', anyOf: [['write:appointments']] },
    { method: 'DELETE', path: '/appointments/{id}', summary: 'Cancel an appointment', tag: 'appointments', anyOf: [['write:appointments']] },
  ],
};
