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
 * Wraps the injected fetch for calls to an authorization server: a deadline of `timeoutMs` (headers and body),
 * redirects never followed (a redirect could lead anywhere, so it counts as a bad answer), and failures
 * turned into stable codes: upstream_timeout (504) or upstream_unreachable (502). Keep-alive is untouched.
 */
export function upstreamFetch(baseFetch: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, redirect: 'manual', signal });
    } catch (error) {
      if (isTimeout(error) || deadline.aborted) {
        throw new ApiError(504, 'upstream_timeout', `${hostOf(input)} did not answer within ${timeoutMs} ms`);
      }
      throw new ApiError(502, 'upstream_unreachable', `${hostOf(input)} cannot be reached (connection refused, reset or closed)`);
    }
    return response;
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
