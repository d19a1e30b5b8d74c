import http from 'node:http';
import https from 'node:https';

export interface KeepAliveFetchOptions {
  /** Answers larger than this are refused (the body is buffered whole). */
  maxResponseBytes?: number;
  maxSockets?: number;
  /** A socket silent for this long is closed: the safety net under the callers' own (shorter) deadlines. */
  idleTimeoutMs?: number;
}

/**
 * `fetch`'s init plus `deadlineMs`: the whole exchange (waiting for a socket, connecting, sending, reading the
 * body) must end within it, or the request is destroyed and the call fails with a TimeoutError. A plain timer,
 * because an AbortSignal costs more CPU than the rest of the request handling on Node 20.
 */
export type KeepAliveRequestInit = RequestInit & { deadlineMs?: number };

/** The rejection cause of an answer larger than `maxResponseBytes`. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
}

function timeoutError(message: string): Error {
  const error = new Error(message);
  error.name = 'TimeoutError';
  return error;
}

function headerEntries(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function bodyBytes(body: BodyInit | null | undefined): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof URLSearchParams) return Buffer.from(body.toString(), 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError('keep-alive fetch: only string, URLSearchParams and byte bodies are supported');
}

const nullBodyStatuses = new Set([204, 205, 304]);

/**
 * A `fetch` for the server's calls to authorization servers, over node:http(s) with keep-alive agents. Node 20's
 * built-in fetch spends about a millisecond of CPU per request on WHATWG streams, which doubled the proxy's cost
 * against a loopback AS; this one buffers the (small, JSON) answers instead. It never follows redirects (as
 * `redirect: 'manual'`), honours `signal` and `deadlineMs` until the whole body is read, and fails like fetch: a
 * TypeError whose cause is the socket error, or the signal's reason (a TimeoutError for AbortSignal.timeout, or
 * for the deadline). A request destroyed while it waits for a free socket is never sent.
 */
export function createKeepAliveFetch(options: KeepAliveFetchOptions = {}): typeof fetch {
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;
  const idleTimeoutMs = options.idleTimeoutMs ?? 65_000;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 }),
  };

  return (input, init?: KeepAliveRequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const request = input instanceof Request ? input : undefined;
      const url = new URL(input instanceof Request ? input.url : input instanceof URL ? input.href : String(input));
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        reject(new TypeError(`keep-alive fetch: unsupported protocol ${url.protocol}`));
        return;
      }
      const signal = init?.signal ?? request?.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let payload: Buffer | undefined;
      try {
        payload = bodyBytes(init?.body);
      } catch (error) {
        reject(error);
        return;
      }
      const headers = headerEntries(init?.headers ?? request?.headers);
      if (payload) headers['content-length'] = String(payload.length);
      const transport = url.protocol === 'https:' ? https : http;
      let settled = false;
      let deadline: ReturnType<typeof setTimeout> | undefined;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const req = transport.request(url, { method: init?.method ?? request?.method ?? 'GET', headers, agent: agents[url.protocol], timeout: idleTimeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        if (Number(res.headers['content-length']) > maxBytes) {
          fail(new TypeError('fetch failed', { cause: new ResponseTooLargeError(`the answer is larger than ${maxBytes} bytes`) }));
          req.destroy();
          return;
        }
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            fail(new TypeError('fetch failed', { cause: new ResponseTooLargeError(`the answer is larger than ${maxBytes} bytes`) }));
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
        res.on('aborted', () => fail(new TypeError('fetch failed', { cause: new Error('the connection closed mid-answer') })));
        res.on('end', () => {
          if (settled) return;
          const status = res.statusCode ?? 0;
          if (status < 200 || status > 599) {
            fail(new TypeError(`fetch failed: HTTP status ${status}`));
            return;
          }
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value === undefined) continue;
            for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, item);
          }
          settled = true;
          clearTimeout(deadline);
          signal?.removeEventListener('abort', onAbort);
          resolve(new Response(nullBodyStatuses.has(status) ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
        });
      });
      function onAbort() {
        req.destroy();
        fail(signal?.reason);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      const deadlineMs = init?.deadlineMs;
      if (deadlineMs !== undefined) {
        deadline = setTimeout(() => {
          // Destroying a request that still waits in the agent's queue means it is never written to a socket.
          req.destroy();
          fail(timeoutError(`no complete answer within ${deadlineMs} ms`));
        }, deadlineMs);
      }
      req.on('timeout', () => {
        fail(new TypeError('fetch failed', { cause: new Error(`no data for ${idleTimeoutMs} ms`) }));
        req.destroy();
      });
      req.on('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
      req.end(payload);
    });
}
