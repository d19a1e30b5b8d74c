import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpStub } from '../test-support';
import { createUpstreamHttp } from './upstream-http';
import { maxUpstreamResponseBytes, readUpstreamText, upstreamFetch } from './upstream-fetch';

let stub: Awaited<ReturnType<typeof startHttpStub>>;
let origin: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  stub = await startHttpStub((req, res) => {
    req.resume();
    sockets.push(req.socket);
    if (req.url === '/drip') {
      // A byte every 50 ms, forever: the socket is never idle, the answer never done.
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
      return;
    }
    // Over the limit, chunked: no content-length to refuse it by.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`"${'x'.repeat(maxUpstreamResponseBytes)}"`);
  });
  origin = stub.origin;
});
afterAll(() => stub.stop());

describe('upstreamFetch', () => {
  it('ends a slow-drip answer at the deadline with upstream_timeout, and closes its socket', async () => {
    const fetchImpl = upstreamFetch(createUpstreamHttp(), 200);
    const before = sockets.length;
    await expect(fetchImpl(`${origin}/drip`)).rejects.toMatchObject({ status: 504, code: 'upstream_timeout' });
    await new Promise((r) => setTimeout(r, 100));
    expect(sockets.slice(before).map((socket) => socket.destroyed)).toEqual([true]);
  });

  it('refuses an answer over 1 MB as upstream_error, from the undici Agent or any other fetch', async () => {
    await expect(upstreamFetch(createUpstreamHttp(), 2_000)(`${origin}/big`)).rejects.toMatchObject({ status: 502, code: 'upstream_error' });
    const streamed = await upstreamFetch(fetch, 2_000)(`${origin}/big`);
    await expect(readUpstreamText(streamed, 'as.example', 2_000)).rejects.toMatchObject({ status: 502, code: 'upstream_error' });
    expect(await readUpstreamText(new Response('{"ok":true}'), 'as.example', 2_000)).toBe('{"ok":true}');
  });
});
