import { base64url } from 'jose';
import { MalformedTokenError } from './errors';
import type { TokenLocation } from './errors';
import { isJsonObject, readJson } from './json-text';

/**
 * DECODING CHECKS NOTHING. Everything here is unverified data taken from the token
 * as-is: the `unverified` marker keeps it apart from anything a signature vouches for.
 */
export type JsonObject = Record<string, unknown>;

declare const unverifiedBrand: unique symbol;
/**
 * A JWT Claims Set as decoded: nothing vouches for it, anyone can forge it. Only `decodeToken` makes one, and it
 * never passes for `VerifiedClaims` (STYLE rule 2).
 */
export type UnverifiedClaims = JsonObject & { readonly [unverifiedBrand]: true };

export type DecodedPayload =
  | { kind: 'json'; text: string; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; base64url: string; byteLength: number };

export interface DecodedJws {
  kind: 'jws';
  unverified: true;
  token: string;
  segments: readonly [string, string, string];
  header: JsonObject;
  headerText: string;
  payload: DecodedPayload;
  /** The JWT Claims Set, when the payload is a JSON object (RFC 7519 §7.2 step 10). */
  claims: UnverifiedClaims | undefined;
  signature: Uint8Array;
}

export interface DecodedJwe {
  kind: 'jwe';
  unverified: true;
  token: string;
  segments: readonly [string, string, string, string, string];
  header: JsonObject;
  headerText: string;
}

/** A token that failed strict parsing, with whatever could still be decoded. */
export interface MalformedToken {
  kind: 'malformed';
  unverified: true;
  token: string;
  segments: readonly string[];
  error: MalformedTokenError;
  header?: JsonObject;
  headerText?: string;
  payload?: DecodedPayload;
  claims?: UnverifiedClaims;
}

/** Not a compact serialization at all: an opaque (reference) token. */
export interface OpaqueToken {
  kind: 'opaque';
  token: string;
}

export interface EmptyToken {
  kind: 'empty';
}

export type DecodeResult = DecodedJws | DecodedJwe | MalformedToken | OpaqueToken | EmptyToken;

const JWS_SEGMENT_NAMES = ['header', 'payload', 'signature'] as const;
const JWE_SEGMENT_NAMES = ['protected header', 'encrypted key', 'initialization vector', 'ciphertext', 'authentication tag'] as const;

const BASE64URL_ALPHABET = /^[A-Za-z0-9_-]*$/;
const base64urlValue = (c: string): number =>
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(c);

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

interface SegmentRef {
  text: string;
  index: number;
  name: string;
  /** 0-based offset of the segment's first character in the token. */
  offset: number;
}

function locate(ref: SegmentRef, indexInSegment?: number): TokenLocation {
  if (indexInSegment === undefined) return { segment: ref.index, segmentName: ref.name };
  return { segment: ref.index, segmentName: ref.name, positionInSegment: indexInSegment + 1, positionInToken: ref.offset + indexInSegment + 1 };
}

function describeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x21 || code > 0x7e ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `'${c}'`;
}

/** RFC 7515 §2 / RFC 4648 §5: unpadded base64url, canonical. Throws with the segment and character position of the first defect. */
export function decodeSegment(ref: SegmentRef): Uint8Array {
  const { text } = ref;
  if (!BASE64URL_ALPHABET.test(text)) {
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (base64urlValue(c) !== -1) continue;
      const where = `the ${ref.name} (segment ${ref.index + 1}), character ${i + 1}`;
      if (c === '=') throw new MalformedTokenError(`'=' padding in ${where}: base64url in JWS/JWT is unpadded (RFC 7515 §2).`, locate(ref, i));
      if (c === '+' || c === '/')
        throw new MalformedTokenError(`${describeChar(c)} in ${where} is standard base64, not base64url: use '-' and '_' (RFC 7515 §2).`, locate(ref, i));
      throw new MalformedTokenError(`${describeChar(c)} in ${where} is not a base64url character.`, locate(ref, i));
    }
  }
  if (text.length % 4 === 1) {
    throw new MalformedTokenError(
      `The ${ref.name} (segment ${ref.index + 1}) has ${text.length} characters: no base64url encoding has that length (one character too many or too few).`,
      locate(ref, text.length - 1),
    );
  }
  const rest = text.length % 4;
  if (rest !== 0) {
    const last = base64urlValue(text[text.length - 1] as string);
    const unusedBits = rest === 2 ? 4 : 2;
    if ((last & ((1 << unusedBits) - 1)) !== 0) {
      throw new MalformedTokenError(
        `The last character of the ${ref.name} (segment ${ref.index + 1}) carries non-zero unused bits: a non-canonical base64url encoding (RFC 4648 §3.5).`,
        locate(ref, text.length - 1),
      );
    }
  }
  return base64url.decode(text);
}

function decodeJsonObjectSegment(ref: SegmentRef, what: string): { value: JsonObject; text: string } {
  const bytes = decodeSegment(ref);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new MalformedTokenError(`The ${what} is not valid UTF-8.`, locate(ref));
  }
  const parsed = readJson(text);
  if (!parsed.ok) {
    throw new MalformedTokenError(`The ${what} is not valid JSON: ${parsed.message} (line ${parsed.line}, column ${parsed.column}).`, locate(ref));
  }
  if (!isJsonObject(parsed.value)) throw new MalformedTokenError(`The ${what} must be a JSON object.`, locate(ref));
  if (parsed.duplicateKeys.length > 0) {
    throw new MalformedTokenError(
      `The ${what} repeats ${parsed.duplicateKeys.map((k) => `"${k}"`).join(', ')}: duplicate member names are rejected (RFC 7515 §5.2, RFC 7519 §4).`,
      locate(ref),
    );
  }
  return { value: parsed.value, text };
}

/** Header Parameters defined by RFC 7515/7516/7518; they may not appear in `crit` (RFC 7515 §4.1.11). */
const REGISTERED_HEADER_PARAMS = new Set([
  'alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit',
  'enc', 'zip', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c',
]);

function checkCrit(header: JsonObject, ref: SegmentRef): void {
  if (!('crit' in header)) return;
  const crit = header.crit;
  if (!Array.isArray(crit) || crit.length === 0 || !crit.every((c) => typeof c === 'string' && c.length > 0)) {
    throw new MalformedTokenError('"crit" must be a non-empty array of strings (RFC 7515 §4.1.11).', locate(ref));
  }
  for (const name of crit as string[]) {
    if (REGISTERED_HEADER_PARAMS.has(name)) throw new MalformedTokenError(`"crit" lists "${name}", a parameter defined by the JOSE specifications; that is forbidden (RFC 7515 §4.1.11).`, locate(ref));
    if (!(name in header)) throw new MalformedTokenError(`"crit" lists "${name}", but the header has no such parameter (RFC 7515 §4.1.11).`, locate(ref));
  }
}

function decodePayload(bytes: Uint8Array, text: string | undefined, segment: string): { payload: DecodedPayload; duplicateKeys: string[] } {
  let decoded = text;
  if (decoded === undefined) {
    try {
      decoded = utf8.decode(bytes);
    } catch {
      return { payload: { kind: 'binary', base64url: segment, byteLength: bytes.byteLength }, duplicateKeys: [] };
    }
  }
  // eslint-disable-next-line no-control-regex -- control characters are what mark a payload as binary here
  if (/[\u0000-\u0008\u000e-\u001f]/.test(decoded)) return { payload: { kind: 'binary', base64url: segment, byteLength: bytes.byteLength }, duplicateKeys: [] };
  const parsed = readJson(decoded);
  if (parsed.ok) return { payload: { kind: 'json', text: decoded, value: parsed.value }, duplicateKeys: parsed.duplicateKeys };
  return { payload: { kind: 'text', text: decoded }, duplicateKeys: [] };
}

function splitSegments(token: string, names: readonly string[]): SegmentRef[] {
  const parts = token.split('.');
  let offset = 0;
  return parts.map((text, index) => {
    const ref = { text, index, name: names[index] ?? `segment ${index + 1}`, offset };
    offset += text.length + 1;
    return ref;
  });
}

function decodeJws(token: string): DecodedJws | MalformedToken {
  const refs = splitSegments(token, JWS_SEGMENT_NAMES);
  const [headerRef, payloadRef, signatureRef] = refs as [SegmentRef, SegmentRef, SegmentRef];
  const segments = [headerRef.text, payloadRef.text, signatureRef.text] as const;
  let firstError: MalformedTokenError | undefined;
  const note = (error: unknown) => {
    if (!(error instanceof MalformedTokenError)) throw error;
    firstError ??= error;
  };

  let header: JsonObject | undefined;
  let headerText: string | undefined;
  try {
    if (headerRef.text === '') throw new MalformedTokenError('The header (segment 1) is empty.', locate(headerRef));
    const decoded = decodeJsonObjectSegment(headerRef, 'header (segment 1)');
    header = decoded.value;
    headerText = decoded.text;
    if (typeof header.alg !== 'string' || header.alg === '') throw new MalformedTokenError('The header has no "alg" string (RFC 7515 §4.1.1).', locate(headerRef));
    checkCrit(header, headerRef);
    if ('b64' in header && !(Array.isArray(header.crit) && header.crit.includes('b64'))) {
      throw new MalformedTokenError('"b64" is used without being listed in "crit" (RFC 7797 §6).', locate(headerRef));
    }
    if ('b64' in header && typeof header.b64 !== 'boolean') throw new MalformedTokenError('"b64" must be a boolean (RFC 7797 §3).', locate(headerRef));
  } catch (error) {
    note(error);
  }

  // RFC 7797: with "b64": false listed in "crit", the payload segment is the raw payload.
  const unencoded = header?.b64 === false && Array.isArray(header.crit) && header.crit.includes('b64');
  let payload: DecodedPayload | undefined;
  let duplicateClaims: string[] = [];
  try {
    const read = unencoded
      ? decodePayload(new TextEncoder().encode(payloadRef.text), payloadRef.text, payloadRef.text)
      : decodePayload(decodeSegment(payloadRef), undefined, payloadRef.text);
    payload = read.payload;
    duplicateClaims = read.duplicateKeys;
  } catch (error) {
    note(error);
  }
  let claims: UnverifiedClaims | undefined;
  if (payload?.kind === 'json' && isJsonObject(payload.value)) {
    if (duplicateClaims.length > 0) {
      note(new MalformedTokenError(
        `The payload repeats ${duplicateClaims.map((k) => `"${k}"`).join(', ')}: duplicate claim names are rejected (RFC 7519 §4).`,
        locate(payloadRef),
      ));
    }
    claims = payload.value as UnverifiedClaims;
  }

  let signature: Uint8Array | undefined;
  try {
    signature = decodeSegment(signatureRef);
  } catch (error) {
    note(error);
  }

  if (firstError || !header || !headerText || !payload || !signature) {
    const error = firstError ?? new MalformedTokenError('The token could not be decoded.');
    return { kind: 'malformed', unverified: true, token, segments, error, header, headerText, payload, claims };
  }
  return { kind: 'jws', unverified: true, token, segments, header, headerText, payload, claims, signature };
}

function decodeJwe(token: string): DecodedJwe | MalformedToken {
  const refs = splitSegments(token, JWE_SEGMENT_NAMES);
  const segments = refs.map((r) => r.text) as unknown as readonly [string, string, string, string, string];
  let header: JsonObject | undefined;
  let headerText: string | undefined;
  try {
    const headerRef = refs[0] as SegmentRef;
    if (headerRef.text === '') throw new MalformedTokenError('The JWE protected header (segment 1) is empty.', locate(headerRef));
    const decoded = decodeJsonObjectSegment(headerRef, 'JWE protected header (segment 1)');
    header = decoded.value;
    headerText = decoded.text;
    if (typeof header.alg !== 'string') throw new MalformedTokenError('The JWE header has no "alg" string (RFC 7516 §4.1.1).', locate(headerRef));
    if (typeof header.enc !== 'string') throw new MalformedTokenError('The JWE header has no "enc" string (RFC 7516 §4.1.2).', locate(headerRef));
    checkCrit(header, headerRef);
    for (const ref of refs.slice(1)) decodeSegment(ref);
    const [, encryptedKey, iv, ciphertext, tag] = refs as [SegmentRef, SegmentRef, SegmentRef, SegmentRef, SegmentRef];
    const directKey = header.alg === 'dir' || header.alg === 'ECDH-ES';
    if (directKey && encryptedKey.text !== '') {
      throw new MalformedTokenError(`With "alg": "${header.alg}" the encrypted key (segment 2) must be empty (RFC 7518 §4.5, §4.6).`, locate(encryptedKey));
    }
    if (!directKey && encryptedKey.text === '') {
      throw new MalformedTokenError(`With "alg": "${String(header.alg)}" the encrypted key (segment 2) must not be empty (RFC 7516 §5.1).`, locate(encryptedKey));
    }
    for (const ref of [iv, ciphertext, tag]) {
      if (ref.text === '') throw new MalformedTokenError(`The ${ref.name} (segment ${ref.index + 1}) is empty.`, locate(ref));
    }
  } catch (error) {
    if (!(error instanceof MalformedTokenError)) throw error;
    return { kind: 'malformed', unverified: true, token, segments, error, header, headerText };
  }
  return { kind: 'jwe', unverified: true, token, segments, header: header as JsonObject, headerText: headerText as string };
}

/**
 * Parses a JWS or JWE compact serialization strictly (RFC 7515 §7.1, RFC 7516 §7.1, RFC 7519 §7.2).
 * It DOES NOT verify anything. Give it input already cleaned by `cleanTokenInput`.
 */
export function decodeToken(token: string): DecodeResult {
  if (token === '') return { kind: 'empty' };
  if (token.startsWith('{')) {
    return {
      kind: 'malformed', unverified: true, token, segments: [token],
      error: new MalformedTokenError('This is JSON, not a compact token: the JWS/JWE JSON serialization (RFC 7515 §7.2) is not supported here; paste the compact form header.payload.signature.'),
    };
  }
  const dots = token.split('.').length - 1;
  if (dots === 0) return { kind: 'opaque', token };
  if (dots === 2) return decodeJws(token);
  if (dots === 4) return decodeJwe(token);
  const segments = token.split('.');
  const error = new MalformedTokenError(
    `The token has ${segments.length} dot-separated segments: a JWS has 3 (header.payload.signature) and a JWE has 5.` +
      (dots === 1 ? ' An unsigned token still needs the trailing dot after its payload, followed by an empty signature.' : ''),
  );
  const partial = decodeJws([segments[0] ?? '', segments[1] ?? '', ''].join('.'));
  return {
    kind: 'malformed', unverified: true, token, segments, error,
    header: partial.header, headerText: partial.headerText, payload: partial.payload, claims: partial.claims,
  };
}

let lastToken: string | undefined;
let lastResult: DecodeResult | undefined;

/** `decodeToken` with a one-entry memo: re-renders of the same 100 KB token cost nothing. */
export function decodeTokenMemo(token: string): DecodeResult {
  if (token !== lastToken || lastResult === undefined) {
    lastResult = decodeToken(token);
    lastToken = token;
  }
  return lastResult;
}
