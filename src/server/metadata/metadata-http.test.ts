import type { LookupAddress } from 'node:dns';
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpStub, startTrapListener } from '../test-support';
import { AddressRefusedError, createMetadataHttp, publicOnlyLookup, type ResolveAll } from './metadata-http';

const v4 = (address: string): LookupAddress => ({ address, family: 4 });
const v6 = (address: string): LookupAddress => ({ address, family: 6 });

function lookupWith(addresses: LookupAddress[], options: { all?: boolean; family?: number } = {}) {
  const lookup = publicOnlyLookup(() => Promise.resolve(addresses));
  return new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) =>
    lookup('host.test', { all: options.all ?? false, ...(options.family ? { family: options.family } : {}) }, (err, address, family) => resolve({ err, address, family })),
  );
}

describe('publicOnlyLookup', () => {
  it.each([
    ['every address public', [v4('93.184.216.34'), v6('2606:4700::1')], null],
    ['one loopback among public ones (a rebinding answer)', [v4('93.184.216.34'), v4('127.0.0.1')], '127.0.0.1'],
    ['IPv6 loopback', [v6('::1')], '::1'],
    ['IPv4-mapped private', [v6('::ffff:192.168.0.10')], '::ffff:192.168.0.10'],
    ['link-local metadata service', [v4('169.254.169.254')], '169.254.169.254'],
    ['unique local', [v6('fd00::5')], 'fd00::5'],
  ])('%s', async (_name, addresses, refusedAddress) => {
    const { err } = await lookupWith(addresses);
    if (refusedAddress === null) expect(err).toBeNull();
    else {
      expect(err).toBeInstanceOf(AddressRefusedError);
      expect((err as AddressRefusedError).address).toBe(refusedAddress);
    }
  });

  it('answers in the form net.connect asked for: one address, or all of them', async () => {
    expect(await lookupWith([v4('93.184.216.34'), v6('2606:4700::1')])).toMatchObject({ err: null, address: '93.184.216.34', family: 4 });
    expect(await lookupWith([v4('93.184.216.34'), v6('2606:4700::1')], { all: true })).toMatchObject({ err: null, address: [v4('93.184.216.34'), v6('2606:4700::1')] });
    expect(await lookupWith([v4('93.184.216.34'), v6('2606:4700::1')], { family: 6 })).toMatchObject({ err: null, address: '2606:4700::1', family: 6 });
  });

  it('passes a resolver error on, and treats no address as not found', async () => {
    const failing = publicOnlyLookup(() => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })));
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => failing('nowhere.test', {}, (e) => resolve(e)));
    expect(err?.code).toBe('ENOTFOUND');
    expect((await lookupWith([])).err).toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('createMetadataHttp', () => {
  let stub: Awaited<ReturnType<typeof startHttpStub>>;
  let trap: Awaited<ReturnType<typeof startTrapListener>>;
  let stubConnections = 0;
  const seen: { method: string | undefined; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    trap = await startTrapListener('127.0.0.1');
    stub = await startHttpStub((req, res) => {
      seen.push({ method: req.method, headers: req.headers });
      if (req.url === '/redirect') return void res.writeHead(302, { location: `${trap.origin}/stolen` }).end();
      if (req.url === '/big') return void res.writeHead(200, { 'content-type': 'application/json' }).end(`{"pad":"${'b'.repeat(600_000)}"}`);
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'sid=1' }).end('{"keys":[]}');
    });
    stub.server.on('connection', () => {
      stubConnections += 1;
    });
  });
  afterAll(async () => {
    await Promise.all([stub.stop(), trap.stop()]);
  });

  const signal = () => AbortSignal.timeout(3_000);
  const stubPort = () => new URL(stub.origin).port;

  it('on the trusted path, sends a bare GET: accept only, no cookie, no Authorization', async () => {
    const get = createMetadataHttp();
    const answer = await get(new URL(`${stub.origin}/jwks`), { trusted: true, signal: signal() });
    expect(answer).toMatchObject({ status: 200, text: '{"keys":[]}' });
    const last = seen.at(-1)!;
    expect(last.method).toBe('GET');
    expect(last.headers.accept).toBe('application/json');
    expect(last.headers.cookie).toBeUndefined();
    expect(last.headers.authorization).toBeUndefined();
  });

  it('follows no redirect and caps the body', async () => {
    const get = createMetadataHttp();
    const redirect = await get(new URL(`${stub.origin}/redirect`), { trusted: true, signal: signal() });
    expect(redirect).toMatchObject({ status: 302, location: `${trap.origin}/stolen` });
    await expect(get(new URL(`${stub.origin}/big`), { trusted: true, signal: signal() })).rejects.toMatchObject({ code: 'UND_ERR_RES_EXCEEDED_MAX_SIZE' });
    expect(trap.connections()).toBe(0);
  });

  it.each<[string, string, ResolveAll | undefined]>([
    ['a name the system resolves to loopback', 'localhost', undefined],
    ['a name that resolves to loopback at connect time (DNS rebinding)', 'rebind.test', () => Promise.resolve([v4('127.0.0.1')])],
    ['a name with one public and one loopback address', 'mixed.test', () => Promise.resolve([v4('93.184.216.34'), v4('127.0.0.1')])],
    ['an IP literal, which skips lookup: the connected address is checked', '127.0.0.1', undefined],
  ])('on the guarded path, refuses %s without sending a request', async (_name, host, resolveAll) => {
    const get = createMetadataHttp(resolveAll ? { resolveAll } : {});
    const [requestsBefore, connectionsBefore] = [seen.length, stubConnections];
    const failure = await get(new URL(`http://${host}:${stubPort()}/jwks`), { trusted: false, signal: signal() }).catch((err: unknown) => err);
    let cause: unknown = failure;
    while (cause instanceof Error && !(cause instanceof AddressRefusedError) && cause.cause) cause = cause.cause;
    expect(cause).toBeInstanceOf(AddressRefusedError);
    expect(seen.length).toBe(requestsBefore);
    // A name is refused before any connection; an IP literal (no lookup) is closed once connected, before a byte is sent.
    if (host !== '127.0.0.1') expect(stubConnections).toBe(connectionsBefore);
  });
});
