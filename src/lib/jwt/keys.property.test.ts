import fc from 'fast-check';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { KeyError } from './errors';
import { detectKeyFormat, KEY_FORMAT_LABELS } from './key-format';
import { parseKeyText } from './keys';
import { decodeBase64 } from './pem';

// Issue 14 §8: properties of key-format detection (and of the key parser that relies on it).

const RUNS = { numRuns: 2000 };
const FORMATS = [...Object.keys(KEY_FORMAT_LABELS), 'jwks', 'pem-unknown', 'empty'];
const PEM_LABELS = { 'PUBLIC KEY': 'spki', 'RSA PUBLIC KEY': 'pkcs1-public', CERTIFICATE: 'x509', 'PRIVATE KEY': 'pkcs8', 'RSA PRIVATE KEY': 'pkcs1-private', 'EC PRIVATE KEY': 'sec1' } as const;
/** One character of `chars` (much faster to generate than constantFrom over 65 values). */
const charFrom = (chars: string) => fc.nat(chars.length - 1).map((i) => chars[i] as string);
const base64Body = fc.string({ unit: charFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n'), maxLength: 200 });
const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r\n') });
const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
/** JWK-shaped objects: real member names with arbitrary values, plus arbitrary members. */
const jwkLike = fc.record(
  {
    kty: fc.oneof(fc.constantFrom('oct', 'RSA', 'EC', 'OKP', 'other'), fc.jsonValue({ maxDepth: 1 })),
    k: fc.jsonValue({ maxDepth: 1 }), n: fc.string(), e: fc.string(), d: fc.oneof(fc.string(), fc.integer()), x: fc.string(), y: fc.string(),
    crv: fc.constantFrom('P-256', 'P-384', 'P-521', 'Ed25519', 'X25519', 'secp256k1'), alg: fc.string(), kid: fc.string(), use: fc.string(),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

describe('detectKeyFormat properties', { timeout: 30_000 }, () => {
  it('never throws, and always answers one of the known formats', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), jwkLike.map((j) => JSON.stringify(j))), (text) => {
      expect(FORMATS).toContain(detectKeyFormat(text));
    }), RUNS);
  });

  it('surrounding whitespace never changes the answer', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), jwkLike.map((j) => JSON.stringify(j))), whitespace, whitespace, (text, before, after) => {
      expect(detectKeyFormat(`${before}${text}${after}`)).toBe(detectKeyFormat(text));
    }), RUNS);
  });

  it('a PEM block is told by its label, whatever its body; an unknown label is pem-unknown, never a secret', () => {
    const label = fc.oneof(fc.constantFrom(...Object.keys(PEM_LABELS)), fc.string({ unit: charFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 '), minLength: 1 }));
    fc.assert(fc.property(label, base64Body, (name, body) => {
      const expected = (PEM_LABELS as Record<string, string>)[name] ?? 'pem-unknown';
      expect(detectKeyFormat(pem(name, body))).toBe(expected);
    }), RUNS);
  });

  it('JSON: a "keys" array is a JWKS; kty "oct" is a symmetric JWK; another kty string is private exactly when "d" is a string', () => {
    fc.assert(fc.property(jwkLike, fc.option(fc.array(jwkLike, { maxLength: 2 }), { nil: undefined }), (jwk, keys) => {
      const value = keys === undefined ? jwk : { ...jwk, keys };
      const expected = keys !== undefined ? 'jwks'
        : jwk.kty === 'oct' ? 'jwk-oct'
        : typeof jwk.kty === 'string' ? (typeof jwk.d === 'string' ? 'jwk-private' : 'jwk-public')
        : 'hmac-secret';
      expect(detectKeyFormat(JSON.stringify(value))).toBe(expected);
    }), RUNS);
  });

  it('text that is neither PEM nor JSON is an HMAC secret', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() !== '' && !s.trim().startsWith('{') && !s.includes('-----BEGIN')), (text) => {
      expect(detectKeyFormat(text)).toBe('hmac-secret');
    }), RUNS);
  });
});

describe('parseKeyText properties', { timeout: 30_000 }, () => {
  it('fails only with a KeyError (a stable code), never anything else, on any text', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      jwkLike.map((j) => JSON.stringify(j)),
      fc.array(jwkLike, { maxLength: 3 }).map((keys) => JSON.stringify({ keys })),
      fc.tuple(fc.constantFrom(...Object.keys(PEM_LABELS), 'ENCRYPTED PRIVATE KEY', 'OTHER'), base64Body).map(([l, b]) => pem(l, b)),
    );
    await fc.assert(fc.asyncProperty(text, fc.constantFrom('utf8', 'base64', 'base64url' as const), async (keyText, encoding) => {
      try {
        await parseKeyText(keyText, encoding);
      } catch (error) {
        expect(error).toBeInstanceOf(KeyError);
      }
    }), { numRuns: 1000 });
  });

  it('agrees with detectKeyFormat on real keys of every family, in every export format', async () => {
    const algs = fc.constantFrom('RS256', 'PS384', 'ES256', 'ES384', 'ES512', 'EdDSA');
    await fc.assert(fc.asyncProperty(algs, async (alg) => {
      const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
      const texts = [await exportSPKI(publicKey), await exportPKCS8(privateKey), JSON.stringify(await exportJWK(publicKey)), JSON.stringify(await exportJWK(privateKey))];
      for (const text of texts) {
        const parsed = await parseKeyText(text);
        expect(parsed.kind === 'single' && parsed.key.format).toBe(detectKeyFormat(text));
      }
    }), { numRuns: 12 });
  }, 30_000);

  it('regression (found by the property above): a JWK whose "n" is not base64url is a KeyError, not a TypeError', async () => {
    await expect(parseKeyText('{"kty":"RSA","n":"!","e":""}')).rejects.toMatchObject({ code: 'ERR_KEY_FORMAT', message: 'The JWK member "n" is not base64url.' });
    await expect(parseKeyText('{"kty":"oct","k":"!"}')).rejects.toMatchObject({ code: 'ERR_KEY_FORMAT', message: 'The JWK member "k" is not base64url.' });
  });

  it('regression (found by the property above): PEM base64 with overshooting padding is a KeyError, not a DOMException', async () => {
    expect([...decodeBase64('AAAA=')]).toEqual([0, 0, 0]);
    await expect(parseKeyText('-----BEGIN PUBLIC KEY-----\nAAAA=\n-----END PUBLIC KEY-----')).rejects.toBeInstanceOf(KeyError);
  });
});
