import type { JsonObject } from './decode';
import { stringifyJson } from './deep-json';

export interface HeaderParamRow {
  name: string;
  valueText: string;
  label: string;
  description: string;
  specLabel: string;
  specUrl: string;
  /** A parameter that names a key: never trusted automatically. */
  namesKey?: boolean;
}

const RFC7515 = (section: string) => ({ specLabel: `RFC 7515 §${section}`, specUrl: `https://www.rfc-editor.org/rfc/rfc7515#section-${section}` });
const RFC7516 = (section: string) => ({ specLabel: `RFC 7516 §${section}`, specUrl: `https://www.rfc-editor.org/rfc/rfc7516#section-${section}` });

const HEADER_PARAMS: Record<string, Omit<HeaderParamRow, 'name' | 'valueText'>> = {
  alg: { label: 'Algorithm', description: 'How the token is signed (or encrypted). A verifier must pick it from its own allowlist, never trust it from the token.', ...RFC7515('4.1.1') },
  jku: { label: 'JWK Set URL', description: 'A URL of keys, chosen by whoever made the token. Never fetched or trusted automatically here.', namesKey: true, ...RFC7515('4.1.2') },
  jwk: { label: 'JSON Web Key', description: 'A public key carried by the token itself: anyone can sign with a key they embed. Never trusted automatically.', namesKey: true, ...RFC7515('4.1.3') },
  kid: { label: 'Key ID', description: 'Which of the issuer\'s keys signed the token; used to pick the key from a JWKS. Only a lookup hint.', ...RFC7515('4.1.4') },
  x5u: { label: 'X.509 URL', description: 'A URL of a certificate chain, chosen by the token maker. Never fetched or trusted automatically.', namesKey: true, ...RFC7515('4.1.5') },
  x5c: { label: 'X.509 chain', description: 'A certificate chain carried by the token; only trustworthy after validating it against your own trust anchors. Never used automatically.', namesKey: true, ...RFC7515('4.1.6') },
  x5t: { label: 'X.509 SHA-1 thumbprint', description: 'Thumbprint of the signing certificate (a lookup hint, like kid).', ...RFC7515('4.1.7') },
  'x5t#S256': { label: 'X.509 SHA-256 thumbprint', description: 'SHA-256 thumbprint of the signing certificate (a lookup hint).', ...RFC7515('4.1.8') },
  typ: { label: 'Type', description: 'The media type of the whole token: "JWT", or "at+jwt" for RFC 9068 access tokens.', ...RFC7515('4.1.9') },
  cty: { label: 'Content type', description: '"JWT" means the payload is itself a token (nested JWT).', ...RFC7515('4.1.10') },
  crit: { label: 'Critical', description: 'Extensions the recipient must understand, or reject the token.', ...RFC7515('4.1.11') },
  b64: { label: 'Base64url-encode payload', description: 'false means the payload is not base64url-encoded (RFC 7797); must be listed in crit.', specLabel: 'RFC 7797 §3', specUrl: 'https://www.rfc-editor.org/rfc/rfc7797#section-3' },
  enc: { label: 'Encryption algorithm', description: 'The content encryption of a JWE (e.g. A256GCM).', ...RFC7516('4.1.2') },
  zip: { label: 'Compression', description: '"DEF" means the plaintext was deflated before encryption.', ...RFC7516('4.1.3') },
  epk: { label: 'Ephemeral public key', description: 'The sender\'s ephemeral key for ECDH-ES key agreement.', specLabel: 'RFC 7518 §4.6.1.1', specUrl: 'https://www.rfc-editor.org/rfc/rfc7518#section-4.6.1.1' },
};

/** Explains each JOSE Header Parameter (RFC 7515 §4.1, RFC 7516 §4.1), in header order. */
export function explainHeader(header: JsonObject): HeaderParamRow[] {
  return Object.entries(header).map(([name, value]) => {
    const known = Object.hasOwn(HEADER_PARAMS, name) ? HEADER_PARAMS[name] : undefined;
    const info = known ?? { label: 'Private parameter', description: 'Not registered: its meaning is defined by whoever made the token.', ...RFC7515('4.3') };
    return { name, valueText: stringifyJson(value), ...info };
  });
}
