import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './upstream-stubs';
import { createKeepAliveFetch, ResponseTooLargeError } from './keep-alive-fetch';

let server: Server;
let origin: string;
let connections = 0;
/** The server side of each request's socket, by request URL. */
const socketByUrl = new Map<string, Socket>();
const seen: { method: string; headers: Record<string, unknown>; body: string }[] = [];
/** Every request path the server received, as soon as its head arrived. */
const seenPaths: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
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
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

describe('createKeepAliveFetch', () => {
  const keepAliveFetch = createKeepAliveFetch({ maxResponseBytes: 1024 });

  it('sends the method, headers and form body, and answers like fetch', async () => {
    const res = await keepAliveFetch(`${origin}/ok`, { method: 'POST', headers: new Headers({ authorization: 'Basic x', 'content-type': 'application/x-www-form-urlencoded' }), body: new URLSearchParams({ token: 'a b' }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await res.json()).toEqual({ ok: true });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: 'token=a+b', headers: { authorization: 'Basic x', 'content-length': '9' } });
  });

  it('reuses one connection for sequential requests (keep-alive)', async () => {
    const fresh = createKeepAliveFetch();
    const before = connections;
    for (let i = 0; i < 5; i += 1) await (await fresh(`${origin}/ok`)).text();
    expect(connections - before).toBe(1);
  });

  it('does not follow redirects, and gives a 204 no body', async () => {
    const redirect = await keepAliveFetch(`${origin}/redirect`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('http://127.0.0.2:9/');
    expect(await (await keepAliveFetch(`${origin}/empty`)).text()).toBe('');
  });

  it('rejects with the signal reason when the server hangs, before or during the body', async () => {
    await expect(keepAliveFetch(`${origin}/hang`, { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(keepAliveFetch(`${origin}/stall-body`, { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('destroys the request at deadlineMs, before or during the body, so no socket stays open', async () => {
    const fresh = createKeepAliveFetch();
    const started = Date.now();
    const urls = ['/hang?deadline', '/stall-body?deadline', '/drip?deadline'];
    const results = await Promise.allSettled(urls.map((url) => fresh(`${origin}${url}`, { deadlineMs: 200 } as RequestInit)));
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'fulfilled'))).toEqual(['TimeoutError', 'TimeoutError', 'TimeoutError']);
    expect(Date.now() - started).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(urls.map((url) => socketByUrl.get(url)?.destroyed)).toEqual([true, true, true]);
  });

  it('never sends a request whose deadline passed while it waited for a socket', async () => {
    const oneSocket = createKeepAliveFetch({ maxSockets: 1 });
    const holder = oneSocket(`${origin}/hang`, { signal: AbortSignal.timeout(300) });
    const queued = oneSocket(`${origin}/queued-after-deadline`, { deadlineMs: 100 } as RequestInit);
    await expect(queued).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(holder).rejects.toMatchObject({ name: 'TimeoutError' });
    await new Promise((r) => setTimeout(r, 200));
    expect(seenPaths).not.toContain('/queued-after-deadline');
  });

  it('closes a socket that stays silent past the idle timeout', async () => {
    await expect(createKeepAliveFetch({ idleTimeoutMs: 200 })(`${origin}/hang`)).rejects.toBeInstanceOf(TypeError);
  });

  it('rejects with a TypeError when the connection is refused or closed, or the answer is too large', async () => {
    await expect(keepAliveFetch(`http://127.0.0.1:${await freePort()}/`)).rejects.toBeInstanceOf(TypeError);
    await expect(keepAliveFetch(`${origin}/close`)).rejects.toBeInstanceOf(TypeError);
    await expect(keepAliveFetch(`${origin}/big`)).rejects.toMatchObject({ name: 'TypeError', cause: expect.any(ResponseTooLargeError) });
  });
});
