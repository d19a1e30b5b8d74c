import { base64url, CompactSign } from 'jose';
import { isAlgNone, isSupportedAlg } from './algorithms';
import type { JwsAlg } from './algorithms';
import { stringifyJson } from './deep-json';
import { JwtError, KeyError } from './errors';
import { cryptoKeyFor, parseKeyText } from './keys';
import type { ParsedKey, SecretEncoding } from './keys';
import { isJsonObject, readJson } from './json-text';

/** Removes insignificant whitespace from JSON text without re-parsing it, so key order, duplicates and big numbers survive. */
export function minifyJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') {
      out += c;
    }
  }
  return out;
}

const encoder = new TextEncoder();

/** RFC 7515 §7.1: BASE64URL(header) "." BASE64URL(payload), the JWS Signing Input. */
function encodeSigningInput(headerJson: string, payload: string | Uint8Array): string {
  const payloadBytes = typeof payload === 'string' ? encoder.encode(payload) : payload;
  return `${base64url.encode(encoder.encode(headerJson))}.${base64url.encode(payloadBytes)}`;
}

/** Re-encodes edited header/payload JSON text and keeps the old signature, which is now stale. */
export function reencodeUnsigned(headerText: string, payloadText: string, signatureSegment: string): string {
  const payload = readJson(payloadText).ok ? minifyJson(payloadText) : payloadText;
  return `${encodeSigningInput(minifyJson(headerText), payload)}.${signatureSegment}`;
}

function pickSigningKey(keys: ParsedKey[], kid: unknown): ParsedKey | undefined {
  const usable = keys.filter((k) => k.isPrivate);
  return (typeof kid === 'string' ? usable.find((k) => k.kid === kid) : undefined) ?? (usable.length === 1 ? usable[0] : undefined);
}

export interface SignInput {
  /** The protected header as JSON text; its "alg" picks the algorithm. */
  headerText: string;
  /** The payload as JSON text (minified before signing) or any text. */
  payloadText: string;
  keyText: string;
  encoding: SecretEncoding;
}

/** Produces a JWS compact serialization (RFC 7515 §5.1) with the key the user typed. No network. */
export async function signToken({ headerText, payloadText, keyText, encoding }: SignInput): Promise<string> {
  const headerRead = readJson(headerText);
  if (!headerRead.ok || !isJsonObject(headerRead.value)) throw new JwtError('ERR_JSON_INVALID', 'The header must be a JSON object.');
  const header = headerRead.value;
  const payload = readJson(payloadText).ok ? minifyJson(payloadText) : payloadText;
  if (isAlgNone(header.alg)) return `${encodeSigningInput(minifyJson(headerText), payload)}.`;
  if (!isSupportedAlg(header.alg)) throw new JwtError('ERR_ALG_UNSUPPORTED', `Cannot sign with "alg": ${stringifyJson(header.alg)}.`);
  const alg: JwsAlg = header.alg;
  const input = await parseKeyText(keyText, encoding);
  const key = input.kind === 'single' ? input.key : pickSigningKey(input.keys, header.kid);
  if (!key) throw new KeyError('ERR_KEY_NOT_PRIVATE', 'The JWKS holds no single private key to sign with (set "kid" in the header to pick one).');
  if (!key.isPrivate) throw new KeyError('ERR_KEY_NOT_PRIVATE', 'Signing needs a private key or a secret; this is a public key.');
  const cryptoKey = await cryptoKeyFor(key, alg, 'sign');
  const crit = Array.isArray(header.crit) ? Object.fromEntries(header.crit.filter((c): c is string => typeof c === 'string').map((c) => [c, true])) : undefined;
  try {
    return await new CompactSign(encoder.encode(payload)).setProtectedHeader(header as { alg: string }).sign(cryptoKey, crit ? { crit } : undefined);
  } catch (cause) {
    throw new JwtError('ERR_SIGN_FAILED', `Signing failed: ${(cause as Error).message}`, { cause });
  }
}
