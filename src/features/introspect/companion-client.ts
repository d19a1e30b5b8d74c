import type { z } from 'zod';
import { apiErrorBodySchema } from '../../shared/api-contract';

/** An /api error with its stable code (the UI switches on it) and the AS's own OAuth error, when there was one. */
export class CompanionError extends Error {
  readonly code: string;
  readonly status: number;
  readonly upstream: { error: string; error_description?: string | undefined; status: number } | undefined;

  constructor(code: string, message: string, status: number, upstream?: CompanionError['upstream']) {
    super(message);
    this.name = 'CompanionError';
    this.code = code;
    this.status = status;
    this.upstream = upstream;
  }
}

/** Calls the companion server (same origin), validates the answer with `schema`, and maps `{"error":{…}}` to a CompanionError. */
export async function requestCompanion<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new CompanionError('companion_unreachable', 'The companion server cannot be reached.', 0);
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = apiErrorBodySchema.safeParse(json);
    if (parsed.success) throw new CompanionError(parsed.data.error.code, parsed.data.error.message, response.status, parsed.data.error.upstream);
    throw new CompanionError('invalid_response', `The companion server answered HTTP ${response.status}.`, response.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CompanionError('invalid_response', 'The companion server sent an answer of an unexpected shape.', response.status);
  return parsed.data;
}
