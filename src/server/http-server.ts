import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener, RequestError } from '@hono/node-server';
import type { ApiErrorBody } from '../shared/api-contract';

type FetchCallback = Parameters<typeof getRequestListener>[0];

const errorJson = (code: ApiErrorBody['error']['code'], message: string) => JSON.stringify({ error: { code, message } } satisfies ApiErrorBody);

/** What Node's parser rejects before any handler runs, by its error code: a status and our JSON body. */
function parserErrorAnswer(code: string | undefined): { status: number; reason: string; body: string } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, reason: 'Request Header Fields Too Large', body: errorJson('invalid_request', 'The request headers are too large') };
  }
  return { status: 400, reason: 'Bad Request', body: errorJson('invalid_request', 'The request could not be parsed as HTTP (request line, headers or chunked body)') };
}

/**
 * Node's default for a request its parser rejects (a request-target with spaces, a bad chunk size) is a bare
 * `400` with no body. Answer our JSON instead, while the socket can still take it, then close.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, reason, body } = parserErrorAnswer(err.code);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The companion's HTTP server: @hono/node-server's listener on node:http, with JSON answers for what fails before
 * Hono runs (an unparseable request-target or Host value becomes a RequestError; a parser error a clientError).
 */
export function createHttpServer(fetchCallback: FetchCallback, hostname: string): Server {
  const listener = getRequestListener(fetchCallback, {
    hostname,
    errorHandler: (err) =>
      new Response(err instanceof RequestError ? errorJson('invalid_request', 'The request URL or Host header cannot be parsed') : errorJson('internal_error', 'Internal error'), {
        status: err instanceof RequestError ? 400 : 500,
        headers: { 'content-type': 'application/json' },
      }),
  });
  const server = createServer(listener);
  server.on('clientError', answerClientError);
  return server;
}
