import { ApiError } from '../errors';

/** Larger than any OAuth answer or discovery document; a larger one is refused rather than buffered. */
export const maxUpstreamResponseBytes = 1024 * 1024;

/** undici's codes (HeadersTimeoutError, BodyTimeoutError): the answer did not come, or stopped coming, in time. */
const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** undici's ResponseExceededMaxSizeError: the Agent's maxResponseSize. */
const tooLargeCodes = new Set(['UND_ERR_RES_EXCEEDED_MAX_SIZE']);

/**
 * Whether `error` or one of its causes carries one of `codes`. By code, not class: Node's own fetch bundles
 * another copy of undici, whose error classes are not ours.
 */
function causedBy(error: unknown, codes: ReadonlySet<string>): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && codes.has(code)) return true;
  }
  return false;
}

/** An answer over the size limit: upstream_error to the OAuth routes; POST /api/call tells it apart as response_too_large. */
export class UpstreamTooLargeError extends ApiError {
  constructor(readonly host: string) {
    super(502, 'upstream_error', `${host} answered with more than ${maxUpstreamResponseBytes / 1024} KB: refused`);
  }
}

function tooLarge(host: string): ApiError {
  return new UpstreamTooLargeError(host);
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
 * Wraps the injected fetch for calls to an authorization server: a deadline of `timeoutMs`, redirects never
 * followed (a redirect could lead anywhere, so it counts as a bad answer), and failures turned into stable codes:
 * upstream_timeout (504), upstream_unreachable (502), or upstream_error (502) for an answer over 1 MB. Keep-alive
 * is untouched. At the deadline the request's signal aborts, which makes the production fetch destroy the request
 * (covering the socket queue, connect, send and the whole body), so a timed-out request holds no socket and is
 * never sent late with the profile's credentials. The timer races the fetch too, for fetches that ignore `signal`.
 */
export function upstreamFetch(baseFetch: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timedOut = () => new ApiError(504, 'upstream_timeout', `${hostOf(input)} did not answer within ${timeoutMs} ms`);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const reason = timedOut();
        controller.abort(reason);
        reject(reason);
      }, timeoutMs);
    });
    try {
      return await Promise.race([baseFetch(input, { ...init, redirect: 'manual', signal: controller.signal }), deadline]);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (causedBy(error, timeoutCodes)) throw timedOut();
      if (causedBy(error, tooLargeCodes)) throw tooLarge(hostOf(input));
      throw new ApiError(502, 'upstream_unreachable', `${hostOf(input)} cannot be reached (connection refused, reset or closed)`);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The whole body of each response that `createUpstreamHttp` buffered, so that it is read back without a stream. */
const bufferedBodies = new WeakMap<Response, Uint8Array>();
const utf8 = new TextDecoder();

/** Hands `readUpstreamText` the bytes already buffered behind `response` (whose own body stays unread). */
export function rememberBufferedBody(response: Response, bytes: Uint8Array): Response {
  bufferedBodies.set(response, bytes);
  return response;
}

/**
 * Reads an upstream body as text, at most 1 MB of it (whatever fetch produced the response), mapping a stalled or
 * broken body like a failed request.
 */
export async function readUpstreamText(response: Response, host: string, timeoutMs: number): Promise<string> {
  const buffered = bufferedBodies.get(response);
  if (buffered) {
    // Read once, as a body is: a second read goes to the stream.
    bufferedBodies.delete(response);
    if (buffered.byteLength > maxUpstreamResponseBytes) throw tooLarge(host);
    // As response.text() decodes: UTF-8, a byte-order mark dropped.
    return utf8.decode(buffered);
  }
  if (Number(response.headers.get('content-length')) > maxUpstreamResponseBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(host);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxUpstreamResponseBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(host);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (causedBy(error, timeoutCodes)) throw new ApiError(504, 'upstream_timeout', `${host} did not finish its answer within ${timeoutMs} ms`);
    throw new ApiError(502, 'upstream_unreachable', `${host} closed the connection before finishing its answer`);
  }
  // As response.text() decodes: UTF-8, a byte-order mark dropped.
  return utf8.decode(Buffer.concat(chunks));
}
