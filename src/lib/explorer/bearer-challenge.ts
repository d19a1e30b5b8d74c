/** The auth-params of a `Bearer` challenge (RFC 6750 §3): `error`, `error_description`, `scope`, `realm`, lowercased names. */
export type BearerChallenge = Readonly<Record<string, string>>;

// RFC 7230 §3.2.6 token, and an auth-param value: a token or a quoted-string with backslash escapes (RFC 7235 §2.1).
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const PART = new RegExp(`\\s*,?\\s*(${TOKEN})(?:\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|(${TOKEN}=*)))?`, 'y');

/**
 * Reads the `Bearer` challenge of a `WWW-Authenticate` header value, which may hold several challenges
 * (RFC 7235 §4.1); null when there is none. A hand-written reader: oauth4webapi has one, but does not export it.
 */
export function parseBearerChallenge(header: string | null | undefined): BearerChallenge | null {
  if (!header) return null;
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  PART.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (PART.lastIndex < header.length && (match = PART.exec(header)) !== null) {
    const [, name, quoted, bare] = match as unknown as [string, string, string | undefined, string | undefined];
    const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare;
    const current = challenges.at(-1);
    if (value === undefined) challenges.push({ scheme: name.toLowerCase(), params: {} });
    else if (current) current.params[name.toLowerCase()] = value;
  }
  return challenges.find((c) => c.scheme === 'bearer')?.params ?? null;
}
