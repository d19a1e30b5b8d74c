import { z } from 'zod';
import { apiErrorBodySchema, apiErrorCodes } from '../shared/api-contract';
import type { ApiErrorBody, ApiErrorCode } from '../shared/api-contract';

/**
 * Codes the browser adds to the wire's own: `companion_unreachable` when no answer came at all (the server is
 * stopped, or the network refused), `invalid_response` when an answer came outside the contract.
 */
export const clientErrorCodes = ['companion_unreachable', 'invalid_response'] as const;
export type CompanionErrorCode = ApiErrorCode | (typeof clientErrorCodes)[number];

/** The authorization server's own OAuth error, relayed by the companion server (for `upstream_error`). */
export type UpstreamError = NonNullable<ApiErrorBody['error']['upstream']>;

/** An /api error with its stable code (the UI switches on it, never on the message) and the AS's own error, when there was one. */
export class CompanionError extends Error {
  readonly code: CompanionErrorCode;
  /** The companion server's HTTP status; 0 when it could not be reached. */
  readonly status: number;
  readonly upstream: UpstreamError | undefined;

  constructor(code: CompanionErrorCode, message: string, status: number, upstream?: UpstreamError) {
    super(message);
    this.name = 'CompanionError';
    this.code = code;
    this.status = status;
    this.upstream = upstream;
  }
}

// The wire schema, with the code narrowed to the contract's list: a code outside it is an answer outside the contract.
const errorBodySchema = apiErrorBodySchema.extend({ error: apiErrorBodySchema.shape.error.extend({ code: z.enum(apiErrorCodes) }) });

export interface CompanionRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Injectable for tests; the page's own `fetch` by default (read at call time). */
  fetch?: typeof fetch;
}

/**
 * Calls the companion server (same origin), validates the answer with `responseSchema`, and maps every failure to
 * one CompanionError: the server's `{"error":{…}}`, no answer at all, or an answer of another shape. An abort is
 * rethrown as it is.
 */
export async function companionFetch<T>(path: string, responseSchema: z.ZodType<T>, request: CompanionRequest = {}): Promise<T> {
  const { body, signal, fetch: fetchImpl = globalThis.fetch } = request;
  const hasBody = body !== undefined;
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method: request.method ?? (hasBody ? 'POST' : 'GET'),
      headers: { accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      ...(hasBody ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    // fetch rejects with a TypeError when no HTTP answer came (server stopped, connection refused); an abort is the caller's.
    if (error instanceof TypeError) throw new CompanionError('companion_unreachable', 'The companion server cannot be reached.', 0);
    throw error;
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) throw new CompanionError(parsed.data.error.code, parsed.data.error.message, response.status, parsed.data.error.upstream);
    throw new CompanionError('invalid_response', `The companion server answered HTTP ${response.status}.`, response.status);
  }
  const parsed = responseSchema.safeParse(json);
  if (!parsed.success) throw new CompanionError('invalid_response', 'The companion server sent an answer of an unexpected shape.', response.status);
  return parsed.data;
}

/** GET `path` on the companion server; the answer is validated with `responseSchema`. */
export function getJson<T>(path: string, responseSchema: z.ZodType<T>, request: Omit<CompanionRequest, 'method' | 'body'> = {}): Promise<T> {
  return companionFetch(path, responseSchema, { ...request, method: 'GET' });
}

/** POST `body` as JSON to `path` on the companion server; the answer is validated with `responseSchema`. */
export function postJson<T>(path: string, body: unknown, responseSchema: z.ZodType<T>, request: Omit<CompanionRequest, 'method' | 'body'> = {}): Promise<T> {
  return companionFetch(path, responseSchema, { ...request, method: 'POST', body });
}

export interface CompanionAccessProblem {
  code: 'unauthenticated' | 'companion_unreachable';
  title: string;
  detail: string;
}

/**
 * The two failures that are about the companion server itself rather than the request: no access key, or no server
 * at all (stopped, or offline). Every tool says the same thing for them; null for any other error.
 */
export function companionAccessProblem(error: unknown): CompanionAccessProblem | null {
  if (!(error instanceof CompanionError)) return null;
  if (error.code === 'unauthenticated') {
    return {
      code: error.code,
      title: 'The companion server needs its access key',
      detail:
        `Open the app with the link that npm start printed (${globalThis.location?.origin ?? 'http://127.0.0.1:4000'}/?key=…): the key then stays in an HttpOnly cookie of this browser. Scripts send it as the X-Workbench-Key header. Decoding, verifying and signing need no key.`,
    };
  }
  if (error.code === 'companion_unreachable') {
    return {
      code: error.code,
      title: 'Companion server unreachable',
      detail:
        'No answer from the companion server: it is stopped, or this browser is offline. The token editor, the scope picker and the authorize URL builder still work here; introspection, minting, the code exchange and the explorer need the server (npm start).',
    };
  }
  return null;
}
