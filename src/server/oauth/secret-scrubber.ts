import type { ResolvedProfile } from '../config';

const redacted = '[redacted]';
/** Shorter needles would redact ordinary words. */
const minNeedleLength = 4;
/** Private members of a JWK (RFC 7518 §6.2.2, §6.3.2, RFC 8037 §2). */
const privateJwkMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;

/** How oauth4webapi encodes client_id and client_secret for client_secret_basic (RFC 6749 §2.3.1, Appendix B). */
export function formUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/(?:[-_.!~*'()]|%20)/g, (match) => (match === '%20' ? '+' : `%${match.charCodeAt(0).toString(16).toUpperCase()}`));
}

/** Shortest base64 run that counts as an echo of a secret: shorter runs would redact ordinary words. */
const minBase64NeedleLength = 8;

/**
 * The base64 and base64url text that `bytes` produce wherever they sit in a longer encoded value: one core per
 * alignment (the bytes may start at any offset mod 3), without the characters that depend on their neighbours.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift += 1) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
    if (core.length >= minBase64NeedleLength) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/**
 * Every form in which `secret` can travel or be echoed: raw; percent-encoded, form-encoded and both twice; as a
 * quoted-string (RFC 9110 §5.6.4: `"` and `\` escaped, as in WWW-Authenticate) and a JSON string; base64 and
 * base64url at any alignment. Matching is case-insensitive, so upper-cased echoes and both hex cases are caught.
 */
export function encodedForms(secret: string): string[] {
  const once = [formUrlEncode(secret), encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
  const twice = once.flatMap((form) => [formUrlEncode(form), encodeURIComponent(form)]);
  const quoted = secret.replace(/["\\]/g, '\\$&');
  const json = JSON.stringify(secret).slice(1, -1);
  const base64 = [secret, secret.toUpperCase(), secret.toLowerCase()].flatMap((form) => base64Cores(Buffer.from(form, 'utf8')));
  return [secret, ...once, ...twice, quoted, json, ...base64];
}

/** The needles of one profile: its secret in every encoding, the Basic credentials built from it, its private key. */
function profileNeedles(profile: ResolvedProfile): string[] {
  const needles: string[] = [];
  if (profile.clientSecret) {
    const secret = profile.clientSecret;
    needles.push(...encodedForms(secret));
    for (const credentials of [`${formUrlEncode(profile.clientId)}:${formUrlEncode(secret)}`, `${profile.clientId}:${secret}`]) {
      const base64 = Buffer.from(credentials, 'utf8').toString('base64');
      needles.push(base64, base64.replace(/=+$/, ''), ...base64Cores(Buffer.from(credentials, 'utf8')));
    }
  }
  if (profile.privateKey) {
    const { key } = profile.privateKey;
    const jwk = key.export({ format: 'jwk' }) as Record<string, unknown>;
    for (const member of privateJwkMembers) {
      if (typeof jwk[member] === 'string') needles.push(jwk[member]);
    }
    needles.push(...pemNeedles(key.export({ format: 'pem', type: 'pkcs8' }).toString()));
  }
  return needles;
}

/** A PEM (or any multi-line secret) whole, and line by line: an echo may escape or re-wrap the line breaks. */
function pemNeedles(text: string): string[] {
  const trimmed = text.trim();
  const lines = trimmed.split(/\r?\n/).filter((line) => line.length >= 16 && !line.startsWith('-----'));
  return [trimmed, ...lines];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Credentials that the needles may miss (another client's, or an encoding not listed): scrubbed from error text. */
const credentialPatterns: [RegExp, string][] = [
  [/(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{8,}/g, `$1 ${redacted}`],
  [/(client_secret|client_assertion)=[^&\s"]*/g, `$1=${redacted}`],
];

export class NestingTooDeepError extends Error {
  override readonly name = 'NestingTooDeepError';
}

/** Deeper JSON than any OAuth answer has; beyond it the answer is refused (re-serializing it would overflow the stack). */
export const maxJsonDepth = 64;

export interface SecretScrubber {
  /** `text` with every configured secret, in any encoding it travels in, replaced by [redacted]. */
  text(text: string): string;
  /** `text` as above, and any Basic/Bearer credential or client_secret/client_assertion parameter too: for error text. */
  errorText(text: string): string;
  /** `value` (parsed JSON) with every string, member names included, scrubbed as by `text`; throws NestingTooDeepError. */
  json<T>(value: T): T;
  /** This scrubber, plus credentials that live for one request (a client assertion is valid for its whole `exp`). */
  withSecrets(extra: readonly string[]): SecretScrubber;
}

/** A JWS's signature segment: what makes an echoed client assertion replayable, whatever was done to the rest. */
const signatureOf = (jws: string) => jws.split('.')[2] ?? '';

/**
 * The live credentials in a request body that oauth4webapi built: the `client_assertion` (RFC 7523 §2.2), which
 * anyone who sees it can replay until it expires.
 */
export function liveCredentialsIn(body: RequestInit['body']): string[] {
  const params = body instanceof URLSearchParams ? body : typeof body === 'string' ? new URLSearchParams(body) : undefined;
  const assertion = params?.get('client_assertion');
  return assertion ? [assertion] : [];
}

/**
 * The one scrubber for anything an authorization server says back (error text and answers alike): a careless or
 * hostile AS may echo the request, so each profile's secret is searched for raw, form-encoded (client_secret_post),
 * inside base64 Basic credentials (client_secret_basic), and its private key as PEM lines and JWK members.
 */
export function createSecretScrubber(config: { profiles: readonly ResolvedProfile[]; secrets: readonly string[] }): SecretScrubber {
  const needles = new Set<string>();
  for (const secret of config.secrets) {
    for (const needle of secret.includes('\n') ? pemNeedles(secret) : encodedForms(secret)) needles.add(needle);
  }
  for (const profile of config.profiles) {
    for (const needle of profileNeedles(profile)) needles.add(needle);
  }
  return scrubberFor(needles);
}

function scrubberFor(needles: ReadonlySet<string>): SecretScrubber {
  const sorted = [...needles].filter((needle) => needle.length >= minNeedleLength).sort((a, b) => b.length - a.length);
  // One alternation (longest first) finds every needle in one pass over the text.
  const pattern = sorted.length > 0 ? new RegExp(sorted.map(escapeRegExp).join('|'), 'gi') : undefined;

  const text = (input: string): string => {
    if (!pattern) return input;
    pattern.lastIndex = 0;
    return pattern.test(input) ? input.replace(pattern, redacted) : input;
  };

  const errorText = (input: string): string => credentialPatterns.reduce((out, [regex, replacement]) => out.replace(regex, replacement), text(input));

  const json = <T>(value: T): T => {
    // Iterative, so that depth is checked before anything recurses over the value.
    const root = { value: value as unknown };
    const stack: { holder: Record<string, unknown> | unknown[]; depth: number }[] = [{ holder: root as Record<string, unknown>, depth: 0 }];
    while (stack.length > 0) {
      const { holder, depth } = stack.pop()!;
      if (depth > maxJsonDepth) throw new NestingTooDeepError(`nested deeper than ${maxJsonDepth} levels`);
      if (Array.isArray(holder)) {
        holder.forEach((item, index) => {
          if (typeof item === 'string') holder[index] = text(item);
          else if (item && typeof item === 'object') stack.push({ holder: item as Record<string, unknown>, depth: depth + 1 });
        });
        continue;
      }
      for (const [name, item] of Object.entries(holder)) {
        const scrubbedName = text(name);
        if (scrubbedName !== name) delete holder[name];
        if (typeof item === 'string') holder[scrubbedName] = text(item);
        else {
          holder[scrubbedName] = item;
          if (item && typeof item === 'object') stack.push({ holder: item as Record<string, unknown>, depth: depth + 1 });
        }
      }
    }
    return root.value as T;
  };

  const withSecrets = (extra: readonly string[]): SecretScrubber => {
    if (extra.length === 0) return scrubber;
    const more = new Set(needles);
    for (const secret of extra) {
      for (const needle of [...encodedForms(secret), ...encodedForms(signatureOf(secret))]) more.add(needle);
    }
    return scrubberFor(more);
  };

  const scrubber: SecretScrubber = { text, errorText, json, withSecrets };
  return scrubber;
}
