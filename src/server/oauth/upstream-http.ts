import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { rememberBufferedBody } from './upstream-fetch';

interface UpstreamHttpOptions {
  /** Answers larger than this are refused by undici (ResponseExceededMaxSizeError). */
  maxResponseBytes?: number;
  /** Sockets per origin. */
  connections?: number;
  /** No answer head, or no body data, for this long closes the request: the safety net under the callers' own (shorter) deadlines. */
  idleTimeoutMs?: number;
}

const nullBodyStatuses = new Set([204, 205, 304]);

function requestBody(body: BodyInit | null | undefined): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('upstream fetch: only string, URLSearchParams and byte bodies are supported');
}

function responseHeaders(headers: Dispatcher.ResponseData['headers']): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) out.append(name, item);
  }
  return out;
}

/**
 * A `fetch` for the server's calls to authorization servers, over undici's `request` and one keep-alive Agent
 * (headersTimeout/bodyTimeout as an idle safety net, maxResponseSize as the answer cap). The answers are small
 * JSON, buffered whole: Node 20's fetch spends about a millisecond of CPU per request on WHATWG streams, which
 * doubled the proxy's cost against a loopback AS. `request` never follows redirects (as `redirect: 'manual'`),
 * and honours `signal` until the whole body is read, rejecting with the signal's reason; a request aborted while
 * it waits for a socket is never sent.
 */
export function createUpstreamHttp(options: UpstreamHttpOptions = {}): typeof fetch {
  const idleTimeoutMs = options.idleTimeoutMs ?? 65_000;
  const agent = new Agent({
    connections: options.connections ?? 64,
    headersTimeout: idleTimeoutMs,
    bodyTimeout: idleTimeoutMs,
    maxResponseSize: options.maxResponseBytes ?? 1024 * 1024,
  });

  return async (input, init) => {
    const source = input instanceof Request ? input : undefined;
    const url = source ? source.url : input instanceof URL ? input.href : String(input);
    const headers: Record<string, string> = {};
    new Headers(init?.headers ?? source?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const signal = init?.signal ?? source?.signal ?? undefined;
    const answer = await request(url, {
      dispatcher: agent,
      method: (init?.method ?? source?.method ?? 'GET') as Dispatcher.HttpMethod,
      headers,
      body: requestBody(init?.body),
      ...(signal ? { signal } : {}),
    });
    const bytes = new Uint8Array(await answer.body.arrayBuffer());
    const noBody = nullBodyStatuses.has(answer.statusCode);
    const response = new Response(noBody ? null : bytes, { status: answer.statusCode, headers: responseHeaders(answer.headers) });
    // Readers of the answer (readUpstreamText) take the bytes as they are, not back through the Response's stream.
    return noBody ? response : rememberBufferedBody(response, bytes);
  };
}
