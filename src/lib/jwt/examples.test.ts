import { describe, expect, it } from 'vitest';
import { classifyToken } from './classify';
import { decodeToken } from './decode';
import type { DecodedJwe } from './decode';
import { TOKEN_EXAMPLES } from './example-list';
import type { ExampleId } from './example-list';
import { buildExample, EXAMPLE_CLIENT_ID } from './examples';
import { collectFindings } from './findings';
import { decryptJwe } from './jwe';
import { DEFAULT_VERIFY_OPTIONS, verifyToken } from './verify';

const NOW = Math.floor(Date.now() / 1000);

async function judge(id: ExampleId) {
  const example = await buildExample(id, NOW);
  const decoded = decodeToken(example.token);
  const classification = classifyToken(decoded);
  const verdict = await verifyToken(decoded, example.verificationKey, { ...DEFAULT_VERIFY_OPTIONS, encoding: example.secretEncoding });
  const findings = collectFindings({ decoded, verdict, classification, now: NOW }).map((f) => f.id);
  return { example, decoded, classification, verdict, findings };
}

describe('buildExample', () => {
  it('lists the six examples in menu order', () => {
    expect(TOKEN_EXAMPLES.map((e) => e.id)).toEqual(['access-token', 'id-token', 'client-credentials', 'opaque', 'jwe', 'legacy-management-api']);
  });

  it('an Auth0-style access token, verified by the JWKS it comes with, valid for a day', async () => {
    const { decoded, classification, verdict } = await judge('access-token');
    expect(classification.kind).toBe('access-token');
    expect(verdict.kind).toBe('verified');
    expect(decoded.kind === 'jws' && decoded.claims?.exp).toBe(NOW + 86_400);
  });

  it('an ID token, whose audience is the client id, flagged if sent to an API', async () => {
    const { decoded, classification, verdict, findings } = await judge('id-token');
    expect(classification.kind).toBe('id-token');
    expect(verdict.kind).toBe('verified');
    expect(decoded.kind === 'jws' && decoded.claims?.aud).toBe(EXAMPLE_CLIENT_ID);
    expect(findings).toContain('id-token-as-access-token');
  });

  it('a client-credentials token', async () => {
    const { classification, verdict } = await judge('client-credentials');
    expect(classification.kind).toBe('client-credentials');
    expect(verdict.kind).toBe('verified');
  });

  it('an opaque token in the shape Auth0 issues without an audience, which nothing here can verify', async () => {
    const { example, classification, verdict, findings } = await judge('opaque');
    expect(example.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(classification).toMatchObject({ kind: 'opaque', auth0NoAudience: true });
    expect(verdict.reason).toBe('opaque');
    expect(findings).toContain('opaque-token');
  });

  it('a JWE that decrypts with its key (base64url) into an access token the JWKS verifies', async () => {
    const { example, decoded, classification } = await judge('jwe');
    expect(classification.kind).toBe('jwe');
    expect(example.secretEncoding).toBe('base64url');
    const { plaintext, nested } = await decryptJwe(decoded as DecodedJwe, example.decryptionKey, example.secretEncoding);
    expect(nested).toBe(true);
    const inner = decodeToken(plaintext);
    expect(classifyToken(inner).kind).toBe('access-token');
    expect((await verifyToken(inner, example.verificationKey)).kind).toBe('verified');
  });

  it('a legacy HS256 Management API token: verified only with the secret read as base64, and flagged for its one-year lifetime', async () => {
    const { example, verdict, findings } = await judge('legacy-management-api');
    expect(example.secretEncoding).toBe('base64');
    expect(example.verificationKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(verdict.kind).toBe('verified');
    expect(findings).toContain('long-lived');
    const asUtf8 = await verifyToken(decodeToken(example.token), example.verificationKey, { ...DEFAULT_VERIFY_OPTIONS, encoding: 'utf8' });
    expect(asUtf8.kind).toBe('invalid');
  });

  it('makes fresh keys per page and never reuses a secret between builds', async () => {
    const [a, b] = await Promise.all([buildExample('legacy-management-api', NOW), buildExample('legacy-management-api', NOW)]);
    expect(a.verificationKey).not.toBe(b.verificationKey);
  });
});
