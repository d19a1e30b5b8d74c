import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** Reading a request body ourselves, and handing oidc-provider a request it can read again. */

export const maxBodyBytes = 64 * 1024;

/** A request body over the limit: the front answers 413. */
export class BodyTooLargeError extends Error {
  readonly code = 'ERR_BODY_TOO_LARGE';

  constructor(readonly limit: number) {
    super(`Request bodies are limited to ${limit / 1024} KB`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * The whole body, refused early when its declared or actual size passes `limit`. A refused body is drained
 * and discarded, not left unread, so the client still receives our answer instead of a connection reset.
 */
export function readBody(req: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const refuse = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.resume();
      reject(new BodyTooLargeError(limit));
    };
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) refuse();
      else chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.once('error', reject);
    if (Number(req.headers['content-length']) > limit) {
      refuse();
      return;
    }
    req.on('data', onData);
    req.once('end', onEnd);
  });
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
