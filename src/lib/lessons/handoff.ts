import { decodeToken } from '../jwt/decode';

/** The newest of these tokens that is a user's JWT access token for `audience` (newest first, as the tab keeps them). */
export function newestUserAccessToken(tokens: readonly { token: string }[], audience: string): string | undefined {
  return tokens.find(({ token }) => {
    const decoded = decodeToken(token);
    if (decoded.kind !== 'jws' || !decoded.claims) return false;
    const { aud, sub } = decoded.claims;
    const audiences = Array.isArray(aud) ? aud : [aud];
    return audiences.includes(audience) && typeof sub === 'string' && !sub.endsWith('@clients');
  })?.token;
}
