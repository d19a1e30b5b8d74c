import { ApiError } from '../errors';

function isTimeout(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current.name === 'TimeoutError') return true;
  }
  return false;
}

/** The upstream host, for messages: never a path or query, which may carry a token. */
function hostOf(input: RequestInfo | URL): string {
  try {
    return new URL(input instanceof Request ? input.url : input).host;
  } catch {
    return 'the authorization server';
  }
}

/**
 * Wraps the injected fetch for calls to an authorization server: a deadline of `timeoutMs` (the production fetch
 * buffers the body, so this covers headers and body), redirects never followed (a redirect could lead anywhere,
 * so it counts as a bad answer), and failures turned into stable codes: upstream_timeout (504) or
 * upstream_unreachable (502). Keep-alive is untouched. The deadline is a plain timer: creating an AbortSignal
 * costs more than the rest of this wrapper on Node 20 (it is a transferable object).
 */
export function upstreamFetch(baseFetch: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new ApiError(504, 'upstream_timeout', `${hostOf(input)} did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([baseFetch(input, { ...init, redirect: 'manual' }), deadline]);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (isTimeout(error)) throw new ApiError(504, 'upstream_timeout', `${hostOf(input)} did not answer in time`);
      throw new ApiError(502, 'upstream_unreachable', `${hostOf(input)} cannot be reached (connection refused, reset or closed)`);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Reads an upstream body as text under the same deadline, mapping a stalled or broken body like a failed request. */
export async function readUpstreamText(response: Response, host: string, timeoutMs: number): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (isTimeout(error)) throw new ApiError(504, 'upstream_timeout', `${host} did not finish its answer within ${timeoutMs} ms`);
    throw new ApiError(502, 'upstream_unreachable', `${host} closed the connection before finishing its answer`);
  }
}
