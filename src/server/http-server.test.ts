import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { createHttpServer } from './http-server';
import { recordingLogger, testDeps } from './test-support';

/** HTTP edges that fail before or while Hono reads the request (issue 14 §5), over a real socket. */
let server: Server;
let port = 0;
const logger = recordingLogger();

beforeAll(async () => {
  const app = createApp(testDeps({ logger }));
  server = createHttpServer(app.fetch, '127.0.0.1');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends raw bytes, optionally hangs up after `closeAfterMs`, and resolves with whatever came back. */
function raw(bytes: string, closeAfterMs?: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    if (closeAfterMs !== undefined) setTimeout(() => socket.destroy(), closeAfterMs);
    else setTimeout(() => socket.end(), 1_500);
  });
}

const jsonBodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: { code: string } };

describe('the companion HTTP server at its edges', () => {
  it('answers an unparseable request-target with JSON, not a bare 400', async () => {
    const answer = await raw('GET /a b c HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/content-type: application\/json/i);
    expect(jsonBodyOf(answer).error.code).toBe('invalid_request');
  });

  it('answers an unparseable Host value with JSON', async () => {
    const answer = await raw('GET /api/health HTTP/1.1\r\nHost: [bad\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(jsonBodyOf(answer).error.code).toBe('invalid_request');
  });

  it('answers oversized headers with 431 JSON', async () => {
    const answer = await raw(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(jsonBodyOf(answer).error.code).toBe('invalid_request');
  });

  it('answers a malformed chunked body with JSON, and logs it as the client error it is, not internal_error', async () => {
    const before = logger.lines.length;
    const answer = await raw(
      'POST /api/token HTTP/1.1\r\nHost: 127.0.0.1:4000\r\nOrigin: http://127.0.0.1:4000\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"pro\r\nZZ\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(jsonBodyOf(answer).error.code).toBe('invalid_request');
    await expect.poll(() => logger.lines.slice(before).join('\n')).toContain('aborted the request or sent a malformed body');
    expect(logger.lines.slice(before).join('\n')).not.toMatch(/failed|internal_error| 500 /);
  });

  it('logs a client that hangs up mid-body as a client error', async () => {
    const before = logger.lines.length;
    await raw('POST /api/token HTTP/1.1\r\nHost: 127.0.0.1:4000\r\nOrigin: http://127.0.0.1:4000\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"pro', 200);
    await expect.poll(() => logger.lines.slice(before).join('\n')).toContain('POST /api/token');
    expect(logger.lines.slice(before).join('\n')).not.toMatch(/failed| 500 /);
  });

  it('caps /api bodies at 64 KB over a socket, declared or chunked, and reads a small declared one', async () => {
    const head = 'POST /api/token HTTP/1.1\r\nHost: 127.0.0.1:4000\r\nOrigin: http://127.0.0.1:4000\r\nContent-Type: application/json\r\nConnection: close\r\n';
    const big = JSON.stringify({ profile: 'x'.repeat(65 * 1024) });
    const declared = await raw(`${head}Content-Length: ${big.length}\r\n\r\n${big}`);
    expect(declared).toMatch(/^HTTP\/1\.1 413 /);
    expect(jsonBodyOf(declared).error.code).toBe('payload_too_large');
    const chunked = await raw(`${head}Transfer-Encoding: chunked\r\n\r\n${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n`);
    expect(chunked).toMatch(/^HTTP\/1\.1 413 /);
    expect(jsonBodyOf(chunked).error.code).toBe('payload_too_large');
    const small = JSON.stringify({ profile: 'nope' });
    const read = await raw(`${head}Content-Length: ${small.length}\r\n\r\n${small}`);
    expect(read).toMatch(/^HTTP\/1\.1 404 /);
    expect(jsonBodyOf(read).error.code).toBe('unknown_profile');
    expect(read).toMatch(/x-content-type-options: nosniff/i);
  });

  it('stays up: a normal request still works afterwards', async () => {
    const answer = await raw('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:4000\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });
});
