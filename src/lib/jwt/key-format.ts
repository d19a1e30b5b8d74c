import { isJsonObject } from './json-text';

/** How an HMAC secret typed by the user is turned into bytes. */
export type SecretEncoding = 'utf8' | 'base64' | 'base64url';

export const SECRET_ENCODING_LABELS: Record<SecretEncoding, string> = { utf8: 'UTF-8', base64: 'base64', base64url: 'base64url' };

export type KeyFormat =
  | 'hmac-secret' | 'jwk-oct'
  | 'spki' | 'pkcs1-public' | 'x509' | 'jwk-public'
  | 'pkcs8' | 'pkcs1-private' | 'sec1' | 'jwk-private';

export const KEY_FORMAT_LABELS: Record<KeyFormat, string> = {
  'hmac-secret': 'HMAC secret',
  'jwk-oct': 'symmetric JWK (oct)',
  spki: 'PEM public key (SPKI)',
  'pkcs1-public': 'PEM RSA public key (PKCS#1)',
  x509: 'X.509 certificate',
  'jwk-public': 'public JWK',
  pkcs8: 'PEM private key (PKCS#8)',
  'pkcs1-private': 'PEM RSA private key (PKCS#1)',
  sec1: 'PEM EC private key (SEC1)',
  'jwk-private': 'private JWK',
};

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/;

/** Tells what kind of key text this is without importing it (for the "detected as" hint). */
export function detectKeyFormat(text: string): KeyFormat | 'jwks' | 'pem-unknown' | 'empty' {
  const trimmed = text.trim();
  if (trimmed === '') return 'empty';
  if (PEM_BEGIN.test(trimmed)) {
    const label = PEM_BEGIN.exec(trimmed)?.[1];
    switch (label) {
      case 'PUBLIC KEY': return 'spki';
      case 'RSA PUBLIC KEY': return 'pkcs1-public';
      case 'CERTIFICATE': return 'x509';
      case 'PRIVATE KEY': return 'pkcs8';
      case 'RSA PRIVATE KEY': return 'pkcs1-private';
      case 'EC PRIVATE KEY': return 'sec1';
      default: return 'pem-unknown';
    }
  }
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (isJsonObject(value)) {
        if (Array.isArray(value.keys)) return 'jwks';
        if (value.kty === 'oct') return 'jwk-oct';
        if (typeof value.kty === 'string') return typeof value.d === 'string' ? 'jwk-private' : 'jwk-public';
      }
    } catch {
      // Not JSON: an HMAC secret that happens to start with "{".
    }
  }
  return 'hmac-secret';
}

