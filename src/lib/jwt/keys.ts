import { base64url, calculateJwkThumbprint, exportJWK, importJWK, importPKCS8, importSPKI, importX509 } from 'jose';
import type { JWK } from 'jose';
import { algInfo, algsForKey } from './algorithms';
import type { JwsAlg, KeyType } from './algorithms';
import { children, contents, DerError, encode, fromHex, hex, readElement, TAG, whole } from './asn1';
import { KeyError } from './errors';
import { detectKeyFormat, KEY_FORMAT_LABELS } from './key-format';
import type { KeyFormat } from './key-format';
import { stringifyJson } from './deep-json';
import { decodeBase64, looksLikePem, parsePem, toPem } from './pem';
import { isJsonObject } from './json-text';

export type { SecretEncoding } from './key-format';
import type { SecretEncoding } from './key-format';

/** One key, normalised to JWK form whatever it was pasted as. */
export interface ParsedKey {
  format: KeyFormat;
  kty: KeyType;
  crv?: string;
  /** RSA modulus size in bits. */
  bits?: number;
  kid?: string;
  /** JWK `alg`, `use`, `key_ops`, when the key states them (RFC 7517 §4). */
  alg?: string;
  use?: string;
  keyOps?: string[];
  isPrivate: boolean;
  publicJwk?: JWK;
  privateJwk?: JWK;
  secret?: Uint8Array;
  /** Position in a JWKS, 0-based. */
  index?: number;
}

export type KeyInput = { kind: 'single'; key: ParsedKey } | { kind: 'set'; keys: ParsedKey[]; skipped: string[] };

const OID = {
  rsaEncryption: '2a864886f70d010101',
  rsassaPss: '2a864886f70d01010a',
  ecPublicKey: '2a8648ce3d0201',
  ed25519: '2b6570',
  ed448: '2b6571',
  x25519: '2b656e',
} as const;
const CURVE_OIDS: Record<string, string> = {
  '2a8648ce3d030107': 'P-256',
  '2b81040022': 'P-384',
  '2b81040023': 'P-521',
  '2b8104000a': 'secp256k1',
};
const CURVE_TO_OID: Record<string, string> = { 'P-256': '2a8648ce3d030107', 'P-384': '2b81040022', 'P-521': '2b81040023' };
const EC_ALG_BY_CURVE: Record<string, JwsAlg> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

export function publicPart(jwk: JWK): JWK {
  const copy: JWK = { ...jwk };
  for (const member of PRIVATE_MEMBERS) delete (copy as Record<string, unknown>)[member];
  delete copy.key_ops;
  return copy;
}

interface KeyAlgorithmId {
  kty: KeyType;
  crv?: string;
  importAlg: JwsAlg;
}

function algorithmIdentifier(der: Uint8Array, algId: { start: number; end: number; tag: number; headerStart: number }): KeyAlgorithmId {
  const [oid, params] = children(der, algId);
  if (!oid || oid.tag !== TAG.OID) throw new KeyError('ERR_KEY_FORMAT', 'The key has no algorithm identifier.');
  const id = hex(contents(der, oid));
  if (id === OID.rsaEncryption) return { kty: 'RSA', importAlg: 'RS256' };
  if (id === OID.ed25519) return { kty: 'OKP', crv: 'Ed25519', importAlg: 'EdDSA' };
  if (id === OID.ecPublicKey) {
    const curve = params && params.tag === TAG.OID ? CURVE_OIDS[hex(contents(der, params))] : undefined;
    const alg = curve ? EC_ALG_BY_CURVE[curve] : undefined;
    if (!curve || !alg) throw new KeyError('ERR_KEY_UNSUPPORTED', `Unsupported EC curve${curve ? ` ${curve}` : ''}: JWS uses P-256, P-384 or P-521.`);
    return { kty: 'EC', crv: curve, importAlg: alg };
  }
  if (id === OID.rsassaPss) throw new KeyError('ERR_KEY_UNSUPPORTED', 'RSASSA-PSS-restricted keys (OID id-RSASSA-PSS) cannot be imported by WebCrypto; export the key as plain rsaEncryption.');
  if (id === OID.ed448) throw new KeyError('ERR_KEY_UNSUPPORTED', 'Ed448 keys are not supported by WebCrypto.');
  if (id === OID.x25519) throw new KeyError('ERR_KEY_UNSUPPORTED', 'X25519 is a key-agreement key, not a signing key.');
  throw new KeyError('ERR_KEY_UNSUPPORTED', `Unsupported key algorithm (OID ${id}).`);
}

function spkiAlgorithm(spki: Uint8Array): KeyAlgorithmId {
  const root = readElement(spki);
  const [algId] = children(spki, root);
  if (!algId) throw new KeyError('ERR_KEY_FORMAT', 'Empty SubjectPublicKeyInfo.');
  return algorithmIdentifier(spki, algId);
}

function pkcs8Algorithm(pkcs8: Uint8Array): KeyAlgorithmId {
  const root = readElement(pkcs8);
  const [, algId] = children(pkcs8, root);
  if (!algId) throw new KeyError('ERR_KEY_FORMAT', 'Empty PrivateKeyInfo.');
  return algorithmIdentifier(pkcs8, algId);
}

/** RFC 5280 §4.1: the subjectPublicKeyInfo inside a certificate. */
function certificateSpki(cert: Uint8Array): Uint8Array {
  const root = readElement(cert);
  const [tbs] = children(cert, root);
  if (!tbs) throw new KeyError('ERR_KEY_FORMAT', 'Empty certificate.');
  const fields = children(cert, tbs);
  const offset = fields[0]?.tag === TAG.CONTEXT_0 ? 1 : 0;
  const spki = fields[offset + 5];
  if (!spki) throw new KeyError('ERR_KEY_FORMAT', 'The certificate has no subjectPublicKeyInfo.');
  return whole(cert, spki);
}

const rsaAlgorithmIdentifier = () => encode(TAG.SEQUENCE, encode(TAG.OID, fromHex(OID.rsaEncryption)), encode(TAG.NULL));

/** RFC 8017 A.1.1 RSAPublicKey → RFC 5280 SubjectPublicKeyInfo. */
function pkcs1PublicToSpki(pkcs1: Uint8Array): Uint8Array {
  return encode(TAG.SEQUENCE, rsaAlgorithmIdentifier(), encode(TAG.BIT_STRING, new Uint8Array([0]), pkcs1));
}

/** RFC 8017 A.1.2 RSAPrivateKey → RFC 5208 PrivateKeyInfo. */
function pkcs1PrivateToPkcs8(pkcs1: Uint8Array): Uint8Array {
  return encode(TAG.SEQUENCE, encode(TAG.INTEGER, new Uint8Array([0])), rsaAlgorithmIdentifier(), encode(TAG.OCTET_STRING, pkcs1));
}

/** RFC 5915 ECPrivateKey → RFC 5208 PrivateKeyInfo, taking the curve from its parameters or its size. */
function sec1ToPkcs8(sec1: Uint8Array): { pkcs8: Uint8Array; crv: string } {
  const root = readElement(sec1);
  const fields = children(sec1, root);
  const privateKey = fields[1];
  if (!privateKey || privateKey.tag !== TAG.OCTET_STRING) throw new KeyError('ERR_KEY_FORMAT', 'Not an ECPrivateKey structure.');
  const params = fields.find((f) => f.tag === TAG.CONTEXT_0);
  let crv: string | undefined;
  if (params) {
    const oid = children(sec1, params)[0];
    if (oid) crv = CURVE_OIDS[hex(contents(sec1, oid))];
  } else {
    crv = { 32: 'P-256', 48: 'P-384', 66: 'P-521' }[privateKey.end - privateKey.start];
  }
  const curveOid = crv ? CURVE_TO_OID[crv] : undefined;
  if (!crv || !curveOid) throw new KeyError('ERR_KEY_UNSUPPORTED', `Unsupported EC curve${crv ? ` ${crv}` : ''}: JWS uses P-256, P-384 or P-521.`);
  const algId = encode(TAG.SEQUENCE, encode(TAG.OID, fromHex(OID.ecPublicKey)), encode(TAG.OID, fromHex(curveOid)));
  return { pkcs8: encode(TAG.SEQUENCE, encode(TAG.INTEGER, new Uint8Array([0])), algId, encode(TAG.OCTET_STRING, sec1)), crv };
}

/** A base64url JWK member (RFC 7517 §4); jose's TypeError for a bad one becomes a KeyError that names the member. */
function decodeJwkMember(name: string, value: string): Uint8Array {
  try {
    return base64url.decode(value);
  } catch (cause) {
    throw new KeyError('ERR_KEY_FORMAT', `The JWK member "${name}" is not base64url.`, { cause });
  }
}

function rsaBits(jwk: JWK): number | undefined {
  if (!jwk.n) return undefined;
  const n = decodeJwkMember('n', jwk.n);
  return n.length * 8 - leadingZeroBits(n);
}

function leadingZeroBits(bytes: Uint8Array): number {
  const first = bytes[0] ?? 0;
  return first === 0 ? 8 : Math.clz32(first) - 24;
}

async function fromPublicPem(pemText: string, spki: Uint8Array, format: KeyFormat, viaX509: boolean): Promise<ParsedKey> {
  const id = spkiAlgorithm(spki);
  const key = viaX509
    ? await importX509(pemText, id.importAlg, { extractable: true })
    : await importSPKI(toPem('PUBLIC KEY', spki), id.importAlg, { extractable: true });
  const jwk = await exportJWK(key);
  return describeJwk(jwk, format, false);
}

async function fromPkcs8(pkcs8: Uint8Array, format: KeyFormat): Promise<ParsedKey> {
  const id = pkcs8Algorithm(pkcs8);
  const key = await importPKCS8(toPem('PRIVATE KEY', pkcs8), id.importAlg, { extractable: true });
  const jwk = await exportJWK(key);
  return describeJwk(jwk, format, true);
}

function describeJwk(jwk: JWK, format: KeyFormat, isPrivate: boolean, index?: number): ParsedKey {
  const kty = jwk.kty as KeyType;
  const key: ParsedKey = { format, kty, isPrivate };
  if (jwk.crv) key.crv = jwk.crv;
  if (typeof jwk.kid === 'string') key.kid = jwk.kid;
  if (typeof jwk.alg === 'string') key.alg = jwk.alg;
  if (typeof jwk.use === 'string') key.use = jwk.use;
  if (Array.isArray(jwk.key_ops)) key.keyOps = jwk.key_ops;
  if (index !== undefined) key.index = index;
  if (kty === 'oct') {
    if (typeof jwk.k !== 'string') throw new KeyError('ERR_KEY_FORMAT', 'A symmetric JWK needs a "k" member.');
    key.secret = decodeJwkMember('k', jwk.k);
    return key;
  }
  if (kty === 'RSA') {
    const bits = rsaBits(jwk);
    if (bits !== undefined) key.bits = bits;
  }
  key.publicJwk = publicPart(jwk);
  if (isPrivate) key.privateJwk = jwk;
  return key;
}

/** RFC 7517 §4: a JWK object, public or private. */
function parseJwk(value: unknown, index?: number): ParsedKey {
  if (!isJsonObject(value)) throw new KeyError('ERR_KEY_FORMAT', 'A JWK must be a JSON object.');
  const jwk = value as JWK;
  if (jwk.kty === 'oct') return describeJwk(jwk, 'jwk-oct', true, index);
  if (jwk.kty === 'RSA') {
    if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new KeyError('ERR_KEY_FORMAT', 'An RSA JWK needs "n" and "e".');
  } else if (jwk.kty === 'EC') {
    if (!jwk.crv || !CURVE_TO_OID[jwk.crv]) throw new KeyError('ERR_KEY_UNSUPPORTED', `Unsupported EC curve "${String(jwk.crv)}": JWS uses P-256, P-384 or P-521.`);
    if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') throw new KeyError('ERR_KEY_FORMAT', 'An EC JWK needs "x" and "y".');
  } else if (jwk.kty === 'OKP') {
    if (jwk.crv !== 'Ed25519') throw new KeyError('ERR_KEY_UNSUPPORTED', `Unsupported OKP curve "${String(jwk.crv)}": only Ed25519 signs JWS here.`);
    if (typeof jwk.x !== 'string') throw new KeyError('ERR_KEY_FORMAT', 'An OKP JWK needs "x".');
  } else {
    throw new KeyError('ERR_KEY_UNSUPPORTED', `Unsupported JWK "kty": ${stringifyJson(jwk.kty)}.`);
  }
  const isPrivate = typeof jwk.d === 'string';
  return describeJwk(jwk, isPrivate ? 'jwk-private' : 'jwk-public', isPrivate, index);
}

/** Decodes an HMAC secret typed by the user in the chosen encoding. */
export function decodeSecret(text: string, encoding: SecretEncoding): Uint8Array {
  if (encoding === 'utf8') return new TextEncoder().encode(text);
  const clean = text.trim();
  if (encoding === 'base64') return decodeBase64(clean);
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(clean)) throw new KeyError('ERR_KEY_FORMAT', 'Not valid base64url: it may use only A–Z, a–z, 0–9, "-" and "_".');
  try {
    return base64url.decode(clean.replace(/=+$/, ''));
  } catch (cause) {
    throw new KeyError('ERR_KEY_FORMAT', 'Not valid base64url.', { cause });
  }
}

async function parsePemKey(text: string): Promise<ParsedKey> {
  const block = parsePem(text);
  if (block.hasHeaders) throw new KeyError('ERR_KEY_UNSUPPORTED', 'Encrypted (Proc-Type) PEM keys are not supported: decrypt it first (openssl pkey -in key.pem).');
  try {
    switch (block.label) {
      case 'PUBLIC KEY': return await fromPublicPem(text, block.der, 'spki', false);
      case 'RSA PUBLIC KEY': return await fromPublicPem(text, pkcs1PublicToSpki(block.der), 'pkcs1-public', false);
      case 'CERTIFICATE': return await fromPublicPem(text.slice(text.indexOf('-----BEGIN')), certificateSpki(block.der), 'x509', true);
      case 'PRIVATE KEY': return await fromPkcs8(block.der, 'pkcs8');
      case 'RSA PRIVATE KEY': return await fromPkcs8(pkcs1PrivateToPkcs8(block.der), 'pkcs1-private');
      case 'EC PRIVATE KEY': return await fromPkcs8(sec1ToPkcs8(block.der).pkcs8, 'sec1');
      case 'ENCRYPTED PRIVATE KEY': throw new KeyError('ERR_KEY_UNSUPPORTED', 'Encrypted PKCS#8 keys are not supported: decrypt it first (openssl pkcs8 -in key.pem -nocrypt).');
      case 'OPENSSH PRIVATE KEY': throw new KeyError('ERR_KEY_UNSUPPORTED', 'OpenSSH keys are not supported: convert with ssh-keygen -p -m PKCS8 -f key.');
      default: throw new KeyError('ERR_KEY_UNSUPPORTED', `Unsupported PEM block "${block.label}".`);
    }
  } catch (error) {
    if (error instanceof KeyError) throw error;
    if (error instanceof DerError) throw new KeyError('ERR_KEY_FORMAT', `The ${block.label} PEM does not contain valid DER: ${error.message}.`, { cause: error });
    throw new KeyError('ERR_KEY_IMPORT', `The ${block.label} PEM could not be imported: ${(error as Error).message}`, { cause: error });
  }
}

async function parseKeyTextUncached(text: string, encoding: SecretEncoding): Promise<KeyInput> {
  const trimmed = text.trim();
  if (trimmed === '') throw new KeyError('ERR_KEY_EMPTY', 'No key given.');
  const format = detectKeyFormat(trimmed);
  if (looksLikePem(trimmed)) return { kind: 'single', key: await parsePemKey(trimmed) };
  if (format === 'jwks') {
    const value = JSON.parse(trimmed) as { keys: unknown[] };
    const keys: ParsedKey[] = [];
    const skipped: string[] = [];
    value.keys.forEach((entry, index) => {
      try {
        keys.push(parseJwk(entry, index));
      } catch (error) {
        skipped.push(`key ${index + 1}: ${(error as Error).message}`);
      }
    });
    return { kind: 'set', keys, skipped };
  }
  if (format !== 'hmac-secret') return { kind: 'single', key: parseJwk(JSON.parse(trimmed)) };
  const secret = decodeSecret(encoding === 'utf8' ? text : trimmed, encoding);
  if (secret.length === 0) throw new KeyError('ERR_KEY_EMPTY', 'The secret is empty.');
  return { kind: 'single', key: { format: 'hmac-secret', kty: 'oct', isPrivate: true, secret } };
}

const parsedKeys = new Map<string, Promise<KeyInput>>();
/** The same parses once they have settled: a verify per keystroke then reads them without waiting a turn. */
const parsedKeysNow = new Map<SecretEncoding, Map<string, KeyInput>>();

/** Auto-detects and parses key text (secret, PEM, certificate, JWK or JWKS). Cached by text, so a keystroke elsewhere never re-parses. */
export function parseKeyText(text: string, encoding: SecretEncoding = 'utf8'): Promise<KeyInput> {
  const cacheKey = `${encoding}\u0000${text}`;
  let entry = parsedKeys.get(cacheKey);
  if (!entry) {
    if (parsedKeys.size > 32) {
      parsedKeys.clear();
      parsedKeysNow.clear();
    }
    const parsing = parseKeyTextUncached(text, encoding);
    entry = parsing;
    parsedKeys.set(cacheKey, parsing);
    parsing.then(
      (input) => {
        if (parsedKeys.get(cacheKey) !== parsing) return;
        let now = parsedKeysNow.get(encoding);
        if (!now) {
          now = new Map();
          parsedKeysNow.set(encoding, now);
        }
        now.set(text, input);
      },
      () => parsedKeys.delete(cacheKey),
    );
  }
  return entry;
}

/** `parseKeyText`'s answer if it has already settled successfully, else undefined (then await `parseKeyText`). */
export function parsedKeyTextNow(text: string, encoding: SecretEncoding = 'utf8'): KeyInput | undefined {
  // By encoding, then by the text itself: no key string is built per call, and the text's hash is computed once.
  return parsedKeysNow.get(encoding)?.get(text);
}

const importedKeys = new WeakMap<ParsedKey, Map<string, Promise<CryptoKey>>>();
/** Settled imports by usage, key and algorithm: looked up on every verify, so without building a key string. */
const importedKeysNow = { sign: new WeakMap<ParsedKey, Map<JwsAlg, CryptoKey>>(), verify: new WeakMap<ParsedKey, Map<JwsAlg, CryptoKey>>() };

function hmacHash(alg: JwsAlg): string {
  return `SHA-${alg.slice(2)}`;
}

/** Imports a parsed key for one algorithm and usage; the CryptoKey is cached per key and algorithm. */
export function cryptoKeyFor(key: ParsedKey, alg: JwsAlg, usage: 'sign' | 'verify', subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<CryptoKey> {
  let perKey = importedKeys.get(key);
  if (!perKey) {
    perKey = new Map();
    importedKeys.set(key, perKey);
  }
  const cacheKey = `${alg}:${usage}`;
  let entry = perKey.get(cacheKey);
  if (!entry) {
    entry = importUncached(key, alg, usage, subtle);
    perKey.set(cacheKey, entry);
    entry.then(
      (cryptoKey) => {
        let now = importedKeysNow[usage].get(key);
        if (!now) {
          now = new Map();
          importedKeysNow[usage].set(key, now);
        }
        now.set(alg, cryptoKey);
      },
      () => {},
    );
  }
  return entry;
}

/** `cryptoKeyFor`'s CryptoKey if the import has already succeeded, else undefined (then await `cryptoKeyFor`). In memory only. */
export function importedKeyNow(key: ParsedKey, alg: JwsAlg, usage: 'sign' | 'verify'): CryptoKey | undefined {
  return importedKeysNow[usage].get(key)?.get(alg);
}

async function importUncached(key: ParsedKey, alg: JwsAlg, usage: 'sign' | 'verify', subtle: SubtleCrypto): Promise<CryptoKey> {
  const info = algInfo(alg);
  if (info.kty !== key.kty || (info.crv !== undefined && info.crv !== key.crv)) {
    throw new KeyError('ERR_ALG_KEY_MISMATCH', `${alg} needs ${describeNeededKey(alg)}; this is ${describeKey(key)}.`);
  }
  if (key.kty === 'oct') {
    if (!key.secret || key.secret.length === 0) throw new KeyError('ERR_KEY_EMPTY', 'The secret is empty.');
    return subtle.importKey('raw', key.secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: hmacHash(alg) }, false, [usage]);
  }
  const jwk = usage === 'sign' ? key.privateJwk : key.publicJwk;
  if (!jwk) throw new KeyError('ERR_KEY_NOT_PRIVATE', `Signing needs a private key; this is ${describeKey(key)}.`);
  const { alg: _alg, use: _use, key_ops: _ops, ...bare } = jwk;
  try {
    return (await importJWK({ ...bare, ext: false }, alg)) as CryptoKey;
  } catch (cause) {
    throw new KeyError('ERR_KEY_IMPORT', `The key could not be imported for ${alg}: ${(cause as Error).message}`, { cause });
  }
}

export function describeNeededKey(alg: JwsAlg): string {
  const info = algInfo(alg);
  switch (info.kty) {
    case 'oct': return 'a shared secret';
    case 'RSA': return 'an RSA key';
    case 'EC': return `an EC ${info.crv ?? ''} key`;
    case 'OKP': return 'an Ed25519 key';
  }
}

export function describeKey(key: ParsedKey): string {
  const base = key.kty === 'oct'
    ? `a ${key.secret ? key.secret.length * 8 : '?'}-bit secret`
    : key.kty === 'RSA'
      ? `an RSA${key.bits ? ` ${key.bits}-bit` : ''} ${key.isPrivate ? 'private' : 'public'} key`
      : `${key.kty === 'EC' ? 'an EC' : 'an'} ${key.crv ?? ''} ${key.isPrivate ? 'private' : 'public'} key`;
  return `${base} (${KEY_FORMAT_LABELS[key.format]})`;
}

/** RFC 7638 thumbprint (SHA-256) of the key's public part. */
export async function keyThumbprint(key: ParsedKey): Promise<string> {
  if (key.kty === 'oct') return calculateJwkThumbprint({ kty: 'oct', k: base64url.encode(key.secret ?? new Uint8Array()) });
  return calculateJwkThumbprint(key.publicJwk as JWK);
}

/** Algorithms this key could verify. */
export function algsForParsedKey(key: ParsedKey): JwsAlg[] {
  return algsForKey(key.kty, key.crv);
}
