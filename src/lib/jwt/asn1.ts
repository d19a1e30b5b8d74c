/**
 * Just enough DER (ITU-T X.690) to read key containers and wrap PKCS#1 / SEC1 keys into
 * the SPKI / PKCS#8 structures that WebCrypto and jose import. No cryptography here.
 */
export interface DerElement {
  tag: number;
  /** Offset of the first content byte. */
  start: number;
  /** Offset just past the last content byte. */
  end: number;
  /** Offset of the tag byte. */
  headerStart: number;
}

export class DerError extends Error {
  readonly code = 'ERR_DER_INVALID';
}

export function readElement(der: Uint8Array, offset = 0): DerElement {
  const tag = der[offset];
  let lengthByte = der[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new DerError('Truncated DER');
  let cursor = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) throw new DerError('Unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = der[cursor++];
      if (lengthByte === undefined) throw new DerError('Truncated DER');
      length = length * 256 + lengthByte;
    }
  }
  const end = cursor + length;
  if (end > der.length) throw new DerError('DER length runs past the data');
  return { tag, start: cursor, end, headerStart: offset };
}

export function children(der: Uint8Array, parent: DerElement): DerElement[] {
  const out: DerElement[] = [];
  let offset = parent.start;
  while (offset < parent.end) {
    const child = readElement(der, offset);
    out.push(child);
    offset = child.end;
  }
  return out;
}

export function contents(der: Uint8Array, element: DerElement): Uint8Array {
  return der.subarray(element.start, element.end);
}

export function whole(der: Uint8Array, element: DerElement): Uint8Array {
  return der.subarray(element.headerStart, element.end);
}

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

export function encode(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  const header = [tag, ...encodeLength(length)];
  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  let offset = header.length;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export const TAG = { INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30, CONTEXT_0: 0xa0, CONTEXT_1: 0xa1 } as const;

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(value: string): Uint8Array {
  const out = new Uint8Array(value.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(value.slice(i * 2, i * 2 + 2), 16);
  return out;
}
