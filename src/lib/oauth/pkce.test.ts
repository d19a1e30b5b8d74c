import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPkcePair, defaultRandom } from './pkce';

describe('createPkcePair', () => {
  it('derives the S256 challenge: BASE64URL(SHA256(verifier)), RFC 7636 §4.2', async () => {
    const verifier = 'dBjftJeZ4CVP-mJ92K9qvBwoZ7Nbh2tTyA0JxLmr5PA';
    const pair = await createPkcePair({ ...defaultRandom, codeVerifier: () => verifier });
    expect(pair).toEqual({ codeVerifier: verifier, codeChallenge: createHash('sha256').update(verifier).digest('base64url'), codeChallengeMethod: 'S256' });
  });
  it('generates a fresh verifier of allowed characters each time', async () => {
    const [a, b] = await Promise.all([createPkcePair(), createPkcePair()]);
    expect(a.codeVerifier).not.toBe(b.codeVerifier);
    expect(a.codeVerifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
  });
});
