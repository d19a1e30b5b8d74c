import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** Reading a request body ourselves, and handing oidc-provider a request it can read again. */

export async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A request carrying `body` in place of the consumed stream, for oidc-provider, which reads the raw stream itself. */
export function withBody(req: IncomingMessage, body: string): IncomingMessage {
  const stream = Readable.from([Buffer.from(body, 'utf8')]);
  return Object.assign(stream, {
    method: req.method,
    url: req.url,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    socket: req.socket,
    connection: req.socket,
    headers: { ...req.headers, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) },
    rawHeaders: req.rawHeaders,
  }) as unknown as IncomingMessage;
}
