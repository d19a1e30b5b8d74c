import { algInfo, isAlgNone, isSupportedAlg } from './algorithms';
import type { TokenClassification } from './classify';
import type { DecodeResult, JsonObject } from './decode';
import { DEEP_JSON_DEPTH, jsonDepth, stringifyJson } from './deep-json';
import type { CleanedInput } from './lenient-input';
import { humanizeDuration, isNumericDate, tokenValidity } from './time';
import type { Verdict } from './verify';

export const FINDING_IDS = [
  'alg-none', 'alg-confusion', 'alg-key-mismatch', 'token-supplied-key', 'weak-hmac-secret',
  'expired', 'not-yet-valid', 'no-expiry', 'long-lived', 'crit-unknown',
  'id-token-as-access-token', 'opaque-token', 'jwe-token', 'sensitive-claim', 'input-cleaned',
  'malformed-token', 'invalid-claim', 'deep-json',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  id: FindingId;
  severity: Severity;
  /** One line: what is wrong. */
  message: string;
  /** One line: what to do. */
  fix: string;
}

export interface FindingsInput {
  cleaned?: CleanedInput;
  decoded: DecodeResult;
  verdict?: Verdict;
  classification?: TokenClassification;
  now: number;
  understoodCrit?: readonly string[];
}

/** Auth0's maximum access-token lifetime, in seconds. */
const AUTH0_MAX_LIFETIME = 2592000;
const DAY = 86400;

const WEAK_SECRETS = new Set([
  'secret', 'your-256-bit-secret', 'your-384-bit-secret', 'your-512-bit-secret', 'password', 'changeme', 'change-me', 'test', 'key',
  'jwt', 'jwtsecret', 'jwt-secret', 'jwt_secret', 'mysecret', 'my-secret', 'supersecret', 'shhhhh', 'qwerty', '123456', 'admin', 'default',
  'secretkey', 'secret-key', 'secret_key', 'a-string-secret-at-least-256-bits-long',
]);

const SENSITIVE_NAME = /pass(word|wd|phrase)?$|^pwd$|secret|private[_-]?key|api[_-]?key|access[_-]?key|credit[_-]?card|card[_-]?number|^cvv$|^ssn$|social[_-]?security|refresh[_-]?token|^otp$|^pin$/i;
const SENSITIVE_VALUE = /-----BEGIN [A-Z ]*PRIVATE KEY-----|\b(?:sk|rk)_live_[A-Za-z0-9]{8,}|\bAKIA[0-9A-Z]{16}\b|\bxox[abp]-[A-Za-z0-9-]{10,}/;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function headerOf(decoded: DecodeResult): JsonObject | undefined {
  return decoded.kind === 'jws' || decoded.kind === 'jwe' || decoded.kind === 'malformed' ? decoded.header : undefined;
}

function claimsOf(decoded: DecodeResult): JsonObject | undefined {
  return decoded.kind === 'jws' || decoded.kind === 'malformed' ? decoded.claims : undefined;
}

function timeFindings(claims: JsonObject, now: number): Finding[] {
  const out: Finding[] = [];
  for (const claim of ['exp', 'nbf', 'iat', 'auth_time']) {
    if (claims[claim] !== undefined && !isNumericDate(claims[claim])) {
      out.push({ id: 'invalid-claim', severity: 'error', message: `"${claim}" is ${stringifyJson(claims[claim])}, not a NumericDate (seconds since 1970, RFC 7519 §2).`, fix: `Issue "${claim}" as a number of seconds, e.g. ${Math.floor(now)}.` });
    }
  }
  const validity = tokenValidity(claims, now);
  if (validity.kind === 'expired') out.push({ id: 'expired', severity: 'warning', message: validity.text, fix: 'Get a fresh token (refresh token or a new authorization); verifiers must reject it.' });
  if (validity.kind === 'not-yet-valid') out.push({ id: 'not-yet-valid', severity: 'warning', message: validity.text, fix: 'Check the clocks of issuer and verifier (NTP), or allow a small clock tolerance.' });
  if (claims.exp === undefined) out.push({ id: 'no-expiry', severity: 'warning', message: 'The token has no "exp": if it leaks, it works forever.', fix: 'Issue tokens with a short "exp" (minutes to hours) and require it when verifying.' });
  const start = isNumericDate(claims.iat) ? claims.iat : isNumericDate(claims.nbf) ? claims.nbf : undefined;
  if (isNumericDate(claims.exp) && start !== undefined) {
    const lifetime = claims.exp - start;
    if (lifetime > AUTH0_MAX_LIFETIME) {
      out.push({ id: 'long-lived', severity: 'warning', message: `Lifetime ${humanizeDuration(lifetime)} (${lifetime} s) exceeds 30 days, Auth0's maximum of ${AUTH0_MAX_LIFETIME} s.`, fix: 'Shorten the token lifetime and use refresh tokens for long sessions.' });
    } else if (lifetime > DAY) {
      out.push({ id: 'long-lived', severity: 'info', message: `Lifetime ${humanizeDuration(lifetime)} is over 24 h.`, fix: 'Prefer short-lived access tokens (Auth0 default: 24 h) renewed with refresh tokens.' });
    }
  }
  return out;
}

/** More than this many secret-looking claims are summed up in one last finding. */
const SENSITIVE_FINDINGS_LIMIT = 20;

/** Secret-looking names and values at every depth down to DEEP_JSON_DEPTH, walked with a stack (deep JSON must not overflow). */
function sensitiveFindings(claims: JsonObject): Finding[] {
  const out: Finding[] = [];
  let found = 0;
  const report = (finding: Finding) => {
    if (++found <= SENSITIVE_FINDINGS_LIMIT) out.push(finding);
  };
  // An item's path is built only when it is reported or has children: a 3,000-entry permissions array costs no strings.
  type Item = readonly [parent: string | undefined, name: string, value: unknown, depth: number, arrayItem: boolean];
  const pathOf = ([parent, name]: Item) => (parent === undefined ? name : `${parent}.${name}`);
  const pending: Item[] = Object.entries(claims).map(([name, value]): Item => [undefined, name, value, 1, false]).reverse();
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [, name, value, depth, arrayItem] = item;
    // An array item's name is its index: digits never look like a secret's name.
    if (!arrayItem && SENSITIVE_NAME.test(name.replace(/^.*[/:#]/, ''))) {
      report({ id: 'sensitive-claim', severity: 'warning', message: `Claim "${pathOf(item)}" looks like a password, secret or key.`, fix: 'Remove it: a JWT payload is readable by anyone who holds the token. Keep secrets server-side.' });
    } else if (typeof value === 'string' && SENSITIVE_VALUE.test(value)) {
      report({ id: 'sensitive-claim', severity: 'warning', message: `"${pathOf(item)}" holds what looks like a secret or private key.`, fix: 'Never put secrets in a JWT: its payload is only base64url-encoded and anyone holding the token can read it.' });
    } else if (value !== null && typeof value === 'object' && depth < DEEP_JSON_DEPTH) {
      const path = pathOf(item);
      const isArray = Array.isArray(value);
      const children = Object.entries(value);
      for (let i = children.length - 1; i >= 0; i--) {
        const [key, child] = children[i] as [string, unknown];
        pending.push([path, key, child, depth + 1, isArray]);
      }
    }
  }
  if (found > SENSITIVE_FINDINGS_LIMIT) {
    out.push({ id: 'sensitive-claim', severity: 'warning', message: `${found - SENSITIVE_FINDINGS_LIMIT} more claims look like secrets.`, fix: 'Remove them all: keep secrets server-side.' });
  }
  return out;
}

/** JSON nested past `DEEP_JSON_DEPTH`: shown in full here, but a denial-of-service probe for recursive parsers elsewhere. */
function depthFindings(decoded: DecodeResult): Finding[] {
  const payload = decoded.kind === 'jws' || decoded.kind === 'malformed' ? decoded.payload : undefined;
  const parts = [['header', headerOf(decoded)], ['payload', payload?.kind === 'json' ? payload.value : undefined]] as const;
  return parts.flatMap(([part, value]) => {
    const depth = jsonDepth(value);
    if (depth <= DEEP_JSON_DEPTH) return [];
    return [{
      id: 'deep-json', severity: 'warning',
      message: `The ${part} nests ${depth.toLocaleString('en')} levels deep: JSON libraries with a recursion limit reject it or fail on it. The editor stops indenting past level ${DEEP_JSON_DEPTH}.`,
      fix: 'Keep claims a few levels deep; verifiers should cap the nesting depth of untrusted JSON.',
    } satisfies Finding];
  });
}

function keyFindings(decoded: DecodeResult, verdict: Verdict | undefined): Finding[] {
  const out: Finding[] = [];
  if (verdict?.reason === 'alg-confusion') {
    out.push({ id: 'alg-confusion', severity: 'error', message: 'Algorithm confusion: an HMAC (HS*) token checked against a public key. Forged tokens use the public key as the HMAC secret.', fix: 'Verify with an explicit allowlist of the algorithms your issuer uses (e.g. RS256 only), never from the token\'s "alg".' });
  }
  if (verdict?.reason === 'alg-key-mismatch') {
    out.push({ id: 'alg-key-mismatch', severity: 'warning', message: verdict.detail, fix: 'Use the key type the algorithm needs: HS* a secret, RS*/PS* an RSA key, ES* an EC key on the matching curve, EdDSA an Ed25519 key.' });
  }
  const key = verdict?.key;
  const alg = decoded.kind === 'jws' ? decoded.header.alg : undefined;
  if (key?.kty === 'oct' && key.secret && isSupportedAlg(alg) && algInfo(alg).family === 'HMAC') {
    const minimum = algInfo(alg).hashBytes;
    let text = '';
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(key.secret).toLowerCase();
    } catch {
      // binary secret: only its length matters
    }
    if (WEAK_SECRETS.has(text)) {
      out.push({ id: 'weak-hmac-secret', severity: 'warning', message: `The secret "${text}" is in every brute-force word list.`, fix: `Fine for a test; in production use a random secret of at least ${minimum * 8} bits (generate one below).` });
    } else if (key.secret.length < minimum) {
      out.push({ id: 'weak-hmac-secret', severity: 'warning', message: `The secret is ${key.secret.length * 8} bits; ${alg} needs at least ${minimum * 8} bits (RFC 7518 §3.2).`, fix: `Fine for a test; in production use a random secret of at least ${minimum * 8} bits.` });
    }
  }
  return out;
}

/** Lints a token and its verification: every finding has a stable rule id, a one-line message and a fix. */
export function collectFindings({ cleaned, decoded, verdict, classification, now, understoodCrit = ['b64'] }: FindingsInput): Finding[] {
  const out: Finding[] = [];
  for (const fix of cleaned?.fixes ?? []) {
    out.push({ id: 'input-cleaned', severity: 'info', message: fix.description, fix: 'Nothing to do: the pasted text was cleaned up before decoding.' });
  }
  if (decoded.kind === 'malformed') {
    out.push({ id: 'malformed-token', severity: 'error', message: decoded.error.message, fix: 'Copy the whole token again; JWS/JWT use unpadded base64url (RFC 7515 §2).' });
  }
  const header = headerOf(decoded);
  if (header) {
    if (isAlgNone(header.alg)) {
      out.push({ id: 'alg-none', severity: 'error', message: `"alg": "${String(header.alg)}": the token is unsigned, anyone can make one.`, fix: 'Reject unsigned tokens: verify with an explicit algorithm allowlist that excludes "none".' });
    }
    for (const param of ['jku', 'x5u', 'jwk', 'x5c']) {
      if (header[param] !== undefined) {
        out.push({ id: 'token-supplied-key', severity: 'warning', message: `The header names its own key ("${param}"): it was not used, and must never be trusted automatically.`, fix: 'Pin the issuer\'s keys (its JWKS URL from configuration); ignore keys that the token brings with it.' });
      }
    }
    const crit = Array.isArray(header.crit) ? header.crit.filter((c): c is string => typeof c === 'string') : [];
    const unknown = crit.filter((c) => !understoodCrit.includes(c));
    if (unknown.length > 0) {
      out.push({ id: 'crit-unknown', severity: 'error', message: `"crit" lists ${unknown.map((c) => `"${c}"`).join(', ')}, not understood here: the token must be rejected (RFC 7515 §4.1.11).`, fix: 'Only mark as critical the extensions every recipient implements.' });
    }
  }
  out.push(...keyFindings(decoded, verdict));
  out.push(...depthFindings(decoded));
  const claims = claimsOf(decoded);
  if (claims) {
    out.push(...timeFindings(claims, now));
    out.push(...sensitiveFindings(claims));
  }
  if (classification?.kind === 'id-token') {
    out.push({ id: 'id-token-as-access-token', severity: 'warning', message: 'This is an ID token. If you are sending it to an API as a bearer token, that is the wrong token.', fix: 'Send the access token to APIs, not the ID token; request an access token with audience=<your API>.' });
  }
  if (classification?.kind === 'opaque' || classification?.auth0NoAudience) {
    out.push({ id: 'opaque-token', severity: 'info', message: classification.auth0NoAudience ? 'An opaque access token: Auth0 issues these when /authorize received no "audience".' : 'An opaque token: it is not a JWT, so it cannot be decoded or verified locally.', fix: 'Send audience=<your API identifier> to get a JWT access token, or introspect the token at its issuer (RFC 7662).' });
  }
  if (decoded.kind === 'jwe') {
    out.push({ id: 'jwe-token', severity: 'info', message: `An encrypted token (JWE, "alg": "${String(decoded.header.alg)}", "enc": "${String(decoded.header.enc)}"): its claims are hidden.`, fix: 'Only the intended recipient can decrypt it: paste the recipient\'s private or shared key to decrypt it here.' });
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
