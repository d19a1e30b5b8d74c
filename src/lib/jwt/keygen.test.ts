import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken } from './decode';
import { generateKey } from './keygen';
import { KEYGEN_KINDS } from './keygen-kinds';
import { signToken } from './sign';
import { DEFAULT_VERIFY_OPTIONS, verifyToken } from './verify';

describe('generateKey', () => {
  it.each(KEYGEN_KINDS.filter((k) => k !== 'RSA-4096' && k !== 'RSA-3072'))('%s: generated key signs and verifies, kid is the RFC 7638 thumbprint', async (kind) => {
    const generated = await generateKey(kind);
    const headerText = JSON.stringify({ alg: generated.alg, kid: generated.thumbprint });
    if (generated.type === 'secret') {
      expect(generated.jwk.kid).toBe(generated.thumbprint);
      const token = await signToken({ headerText, payloadText: '{}', keyText: generated.secret, encoding: 'base64url' });
      expect((await verifyToken(decodeToken(token), generated.secret, { ...DEFAULT_VERIFY_OPTIONS, encoding: 'base64url' })).kind).toBe('verified');
      return;
    }
    expect(generated.publicJwk.kid).toBe(generated.thumbprint);
    expect(await calculateJwkThumbprint(generated.publicJwk)).toBe(generated.thumbprint);
    expect(generated.privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(generated.publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const token = await signToken({ headerText, payloadText: '{"sub":"x"}', keyText: generated.privatePem, encoding: 'utf8' });
    const v = await verifyToken(decodeToken(token), JSON.stringify({ keys: [generated.publicJwk] }), DEFAULT_VERIFY_OPTIONS);
    expect(v.kind).toBe('verified');
    expect(v.keyUsed?.thumbprint).toBe(generated.thumbprint);
  });

  it('RSA 3072 has a 3072-bit modulus', async () => {
    const generated = await generateKey('RSA-3072');
    expect(generated.type === 'pair' && generated.publicJwk.n?.length).toBe(512);
  });

  it('HMAC secrets come from the injected randomness', async () => {
    const generated = await generateKey('HMAC-256', (n) => new Uint8Array(n).fill(7));
    expect(generated.type === 'secret' && generated.secret).toBe('BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc');
  });
});
