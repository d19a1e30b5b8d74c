import type { z } from 'zod';
import { apiErrorBodySchema } from '../../shared/api-contract';

/** A companion-server error, with its stable code and the AS's own error when there was one. */
export class CompanionApiError extends Error {
  readonly code: string;
  readonly upstream: { error: string; error_description?: string | undefined } | undefined;

  constructor(code: string, message: string, upstream?: { error: string; error_description?: string | undefined }) {
    super(message);
    this.name = 'CompanionApiError';
    this.code = code;
    this.upstream = upstream;
  }
}

/** Calls /api/*, validates the answer with `schema`, and turns `{"error":{code,message}}` into a CompanionApiError. */
export async function callCompanion<T>(path: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}), ...init?.headers } });
  } catch {
    throw new CompanionApiError('companion_unreachable', 'The companion server cannot be reached.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = apiErrorBodySchema.safeParse(body);
    if (parsed.success) throw new CompanionApiError(parsed.data.error.code, parsed.data.error.message, parsed.data.error.upstream);
    throw new CompanionApiError('invalid_response', `The companion server answered ${response.status}.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new CompanionApiError('invalid_response', 'The companion server sent an unexpected answer.');
  return parsed.data;
}
