import { KeyError } from './errors';

export interface PemBlock {
  label: string;
  der: Uint8Array;
  hasHeaders: boolean;
}

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

export function looksLikePem(text: string): boolean {
  return /-----BEGIN [A-Z0-9 ]+-----/.test(text);
}

/** Standard base64 (RFC 4648 §4), padding optional, whitespace ignored. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.replace(/=+$/, '').length % 4 === 1) {
    throw new KeyError('ERR_KEY_FORMAT', 'Not valid base64.');
  }
  // Re-pad from the bare text: atob throws (a DOMException, not a KeyError) on padding that overshoots, as in "AAAA=".
  const bare = clean.replace(/=+$/, '');
  const binary = atob(bare.padEnd(Math.ceil(bare.length / 4) * 4, '='));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Standard base64 (RFC 4648 §4), padded: what PEM bodies and Auth0's legacy base64 secrets use. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** RFC 7468 textual encoding. */
export function parsePem(text: string): PemBlock {
  const match = PEM.exec(text);
  if (!match) throw new KeyError('ERR_KEY_FORMAT', 'The PEM block has no matching END line.');
  const label = match[1] as string;
  const body = match[2] as string;
  const hasHeaders = /^[A-Za-z-]+:/m.test(body);
  const base64Lines = body.split(/\r?\n/).filter((line) => line.trim() !== '' && !/^[A-Za-z-]+:/.test(line));
  return { label, der: decodeBase64(base64Lines.join('')), hasHeaders };
}

export function toPem(label: string, der: Uint8Array): string {
  const lines = encodeBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
