import type { z } from 'zod';
import { ApiError } from '../errors';
import { NestingTooDeepError } from './secret-scrubber';
import type { SecretScrubber } from './secret-scrubber';
import { readUpstreamText } from './upstream-fetch';

interface UpstreamAnswer<T> {
  status: number;
  body: T;
}

/** `error="..."` and `error_description="..."` of a WWW-Authenticate challenge (RFC 6750 §3), for 401s without a JSON body. */
function challengeParameters(header: string | null): { error?: string; error_description?: string } {
  if (!header) return {};
  // A quoted-string's quoted-pairs are unescaped (RFC 9110 §5.6.4), so that the scrubber sees what the AS meant.
  const read = (name: string) => new RegExp(`${name}="((?:[^"\\\\]|\\\\.)*)"`).exec(header)?.[1]?.replace(/\\(.)/g, '$1');
  const error = read('error');
  const description = read('error_description');
  return { ...(error ? { error } : {}), ...(description ? { error_description: description } : {}) };
}

function oauthError(json: unknown): { error: string; error_description?: string } | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const { error, error_description: description } = json as Record<string, unknown>;
  if (typeof error !== 'string' || !error) return undefined;
  return { error, ...(typeof description === 'string' ? { error_description: description } : {}) };
}

/**
 * Reads an authorization server's answer: the expected status with a body that `schema` accepts is the answer;
 * an OAuth error body (RFC 6749 §5.2) becomes upstream_error carrying `error`/`error_description`; anything else
 * (HTML, a 500 page, a redirect, JSON of the wrong shape) is upstream_error too, never passed through.
 * Everything that goes on towards the browser, answer or error, has been through `scrubber`.
 */
export async function readOAuthAnswer<T>(
  response: Response,
  schema: z.ZodType<T>,
  options: { host: string; timeoutMs: number; what: string; expectedStatus?: number; scrubber: SecretScrubber },
): Promise<UpstreamAnswer<T>> {
  const text = await readUpstreamText(response, options.host, options.timeoutMs);
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const expected = options.expectedStatus ?? 200;
  if (response.status === expected) {
    const parsed = schema.safeParse(json);
    if (parsed.success) {
      try {
        return { status: response.status, body: options.scrubber.json(parsed.data) };
      } catch (error) {
        if (!(error instanceof NestingTooDeepError)) throw error;
        throw new ApiError(502, 'upstream_error', `${options.host} answered the ${options.what} with JSON nested too deeply`);
      }
    }
    throw new ApiError(502, 'upstream_error', `${options.host} answered the ${options.what} with a body that is not a valid ${options.what} response`);
  }
  const upstream = oauthError(json) ?? (response.status === 401 ? oauthError(challengeParameters(response.headers.get('www-authenticate'))) : undefined);
  if (upstream) {
    const description = upstream.error_description === undefined ? undefined : options.scrubber.errorText(upstream.error_description);
    const error = options.scrubber.errorText(upstream.error);
    throw new ApiError(502, 'upstream_error', `The ${options.what} failed: ${error}${description ? ` (${description})` : ''}`, {
      upstream: { error, ...(description === undefined ? {} : { error_description: description }), status: response.status },
    });
  }
  throw new ApiError(502, 'upstream_error', `${options.host} answered the ${options.what} with HTTP ${response.status} and no OAuth error`);
}
