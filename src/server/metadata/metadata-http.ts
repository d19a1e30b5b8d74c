import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, buildConnector, request } from 'undici';
import { isPublicAddress } from './public-address';

/** The one error the guarded connection raises: the host is, or resolved to, an address that is not public. */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolves to ${address}, which is not a public address`);
  }
}

/** Every address a name resolves to, as `dns.lookup(name, { all: true })` gives them. */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

const systemResolveAll: ResolveAll = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/**
 * A `lookup` for `net.connect` that refuses the name when ANY of its addresses is not public. It runs at connect
 * time, and the socket connects to the address it hands back: a name cannot pass a check and then rebind
 * (DNS rebinding), because there is no earlier check to pass.
 */
export function publicOnlyLookup(resolveAll: ResolveAll = systemResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname).then(
      (found) => {
        const addresses = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
        const refused = addresses.find((a) => !isPublicAddress(a.address));
        if (refused) return callback(new AddressRefusedError(hostname, refused.address), '');
        const [first] = addresses;
        if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
        if (options.all) return callback(null, addresses);
        return callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}

export interface MetadataAnswer {
  status: number;
  location: string | undefined;
  text: string;
}

/** One GET of public metadata: `trusted` is the configured-issuer / WORKBENCH_METADATA_ALLOW path, without the address guard. */
export type MetadataGet = (url: URL, options: { trusted: boolean; signal: AbortSignal }) => Promise<MetadataAnswer>;

export interface MetadataHttpOptions {
  /** Bodies larger than this are refused while they stream (undici's ResponseExceededMaxSizeError). */
  maxResponseBytes?: number;
  resolveAll?: ResolveAll;
}

export const metadataMaxResponseBytes = 512 * 1024;

/**
 * GET only, `accept: application/json` and nothing else: no cookie jar, no Authorization, no client authentication.
 * undici's `request` follows no redirect. Two agents: the guarded one resolves names through `publicOnlyLookup` and
 * checks the address the socket actually connected to (IP literals skip `lookup`); the trusted one is for the
 * origins the operator named.
 */
export function createMetadataHttp(options: MetadataHttpOptions = {}): MetadataGet {
  const maxResponseSize = options.maxResponseBytes ?? metadataMaxResponseBytes;
  const connect = buildConnector({ lookup: publicOnlyLookup(options.resolveAll) });
  const guarded = new Agent({
    maxResponseSize,
    connect: (connectOptions, callback) =>
      connect(connectOptions, (err, socket) => {
        if (err) return callback(err, null);
        const remote = socket.remoteAddress ?? '';
        if (isPublicAddress(remote)) return callback(null, socket);
        socket.destroy();
        return callback(new AddressRefusedError(connectOptions.hostname, remote || 'an unknown address'), null);
      }),
  });
  const trusted = new Agent({ maxResponseSize });
  return async (url, { trusted: isTrusted, signal }) => {
    const answer = await request(url, { method: 'GET', headers: { accept: 'application/json' }, dispatcher: isTrusted ? trusted : guarded, signal });
    const text = await answer.body.text();
    const location = answer.headers.location;
    return { status: answer.statusCode, location: Array.isArray(location) ? location[0] : location, text };
  };
}
