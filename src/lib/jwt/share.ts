import { base64url } from 'jose';
import type { DecodedJws } from './decode';
import { stringifyJson } from './deep-json';
import { isJsonObject, readJson } from './json-text';

export const SHARE_WARNING =
  'Anyone with this link can read every claim in the token (user ids, emails, scopes), and if the token is still valid and signed, use it as a credential until it expires.';

const MASK = '***';

export interface ShareOptions {
  /** Claims whose values are replaced by "***". */
  maskClaims: readonly string[];
  /** Drop the signature so the shared token can never be replayed. */
  stripSignature: boolean;
}

/** Builds the token to share: optionally with chosen claim values masked and the signature stripped. */
export function buildShareToken(decoded: DecodedJws, options: ShareOptions): string {
  const [header, payload, signature] = decoded.segments;
  let payloadSegment = payload;
  if (options.maskClaims.length > 0 && decoded.payload.kind === 'json') {
    const parsed = readJson(decoded.payload.text);
    if (parsed.ok && isJsonObject(parsed.value)) {
      const masked = Object.fromEntries(Object.entries(parsed.value).map(([k, v]) => [k, options.maskClaims.includes(k) ? MASK : v]));
      payloadSegment = base64url.encode(stringifyJson(masked));
    }
  }
  const keepSignature = !options.stripSignature && payloadSegment === payload;
  return `${header}.${payloadSegment}.${keepSignature ? signature : ''}`;
}

/** `/debugger#token=…`: the token travels in the fragment only, which browsers never send to a server. */
export function buildShareLink(origin: string, token: string): string {
  return `${origin.replace(/\/$/, '')}/debugger#token=${token}`;
}

const FRAGMENT_PARAMS = ['token', 'access_token', 'id_token'] as const;

/** Reads a token from a URL fragment: #token=, #access_token= or #id_token= (implicit-flow callback). */
export function tokenFromFragment(hash: string): { token: string; param: (typeof FRAGMENT_PARAMS)[number] } | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  for (const param of FRAGMENT_PARAMS) {
    const token = params.get(param);
    if (token) return { token, param };
  }
  return undefined;
}
