import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errors } from 'undici';
import { freePort, startHttpStub } from '../test-support';
import { createUpstreamHttp } from './upstream-http';

let stub: Awaited<ReturnType<typeof startHttpStub>>;
let origin: string;
let connections = 0;
/** The server side of each request's socket, by request URL. */
const socketByUrl = new Map<string, Socket>();
const seen: { method: string; headers: Record<string, unknown>; body: string }[] = [];
/** Every request path the server received, as soon as its head arrived. */
const seenPaths: string[] = [];

beforeAll(async () => {
  stub = await startHttpStub((req, res) => {
    seenPaths.push(req.url ?? '');
    socketByUrl.set(req.url ?? '', req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/hang') return;
      if (path === '/drip') {
        // A byte every 50 ms, forever: never idle, never done.
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(timer));
        return;
      }
      if (path === '/stall-body') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"partial":');
        return;
      }
      if (path === '/close') {
        req.socket.destroy();
        return;
      }
      if (path === '/big') {
        res.writeHead(200).end('x'.repeat(2048));
        return;
      }
      if (path === '/redirect') {
        res.writeHead(302, { location: 'http://127.0.0.2:9/' }).end();
        return;
      }
      if (path === '/empty') {
        res.writeHead(204).end();
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }).end(JSON.stringify({ ok: true }));
    });
  });
  stub.server.on('connection', () => {
    connections += 1;
  });
  origin = stub.origin;
});
afterAll(() => stub.stop());

/** A signal that aborts after `ms` with a TimeoutError, as upstreamFetch's deadline aborts the request. */
function deadline(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new DOMException(`no complete answer within ${ms} ms`, 'TimeoutError')), ms);
  return controller.signal;
}

describe('createUpstreamHttp (undici)', () => {
  const upstreamHttp = createUpstreamHttp({ maxResponseBytes: 1024 });

  it('sends the method, headers and form body, and answers like fetch', async () => {
    const res = await upstreamHttp(`${origin}/ok`, { method: 'POST', headers: new Headers({ authorization: 'Basic x', 'content-type': 'application/x-www-form-urlencoded' }), body: new URLSearchParams({ token: 'a b' }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await res.json()).toEqual({ ok: true });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: 'token=a+b', headers: { authorization: 'Basic x', 'content-length': '9' } });
  });

  it('reuses its connections for sequential requests (keep-alive)', async () => {
    const fresh = createUpstreamHttp();
    const before = connections;
    for (let i = 0; i < 10; i += 1) await (await fresh(`${origin}/ok`)).text();
    // undici's pool releases a socket a tick after the body ends, so the second request may open a second one.
    expect(connections - before).toBeLessThanOrEqual(2);
  });

  it('does not follow redirects, and gives a 204 no body', async () => {
    const redirect = await upstreamHttp(`${origin}/redirect`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('http://127.0.0.2:9/');
    expect(await (await upstreamHttp(`${origin}/empty`)).text()).toBe('');
  });

  it('rejects with the signal reason when the server hangs, before or during the body', async () => {
    await expect(upstreamHttp(`${origin}/hang`, { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(upstreamHttp(`${origin}/stall-body`, { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('destroys the request when its signal aborts, before or during the body, so no socket stays open', async () => {
    const fresh = createUpstreamHttp();
    const started = Date.now();
    const urls = ['/hang?deadline', '/stall-body?deadline', '/drip?deadline'];
    const results = await Promise.allSettled(urls.map((url) => fresh(`${origin}${url}`, { signal: deadline(200) })));
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'fulfilled'))).toEqual(['TimeoutError', 'TimeoutError', 'TimeoutError']);
    expect(Date.now() - started).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(urls.map((url) => socketByUrl.get(url)?.destroyed)).toEqual([true, true, true]);
  });

  it('never sends a request whose signal aborted while it waited for a socket', async () => {
    const oneSocket = createUpstreamHttp({ connections: 1 });
    const holder = oneSocket(`${origin}/hang`, { signal: AbortSignal.timeout(300) });
    const queued = oneSocket(`${origin}/queued-after-deadline`, { signal: deadline(100) });
    // undici rejects a queued request once a socket frees (and then never sends it); upstreamFetch's timer answers on time.
    await Promise.all([expect(queued).rejects.toMatchObject({ name: 'TimeoutError' }), expect(holder).rejects.toMatchObject({ name: 'TimeoutError' })]);
    await new Promise((r) => setTimeout(r, 200));
    expect(seenPaths).not.toContain('/queued-after-deadline');
  });

  it('closes a request that stays silent past the idle timeout', async () => {
    await expect(createUpstreamHttp({ idleTimeoutMs: 200 })(`${origin}/hang`)).rejects.toBeInstanceOf(errors.HeadersTimeoutError);
    await expect(createUpstreamHttp({ idleTimeoutMs: 200 })(`${origin}/stall-body`)).rejects.toBeInstanceOf(errors.BodyTimeoutError);
  });

  it('rejects when the connection is refused or closed, or the answer is too large', async () => {
    await expect(upstreamHttp(`http://127.0.0.1:${await freePort()}/`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(upstreamHttp(`${origin}/close`)).rejects.toBeInstanceOf(errors.SocketError);
    await expect(upstreamHttp(`${origin}/big`)).rejects.toBeInstanceOf(errors.ResponseExceededMaxSizeError);
  });
});
