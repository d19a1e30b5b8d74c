import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { classifyToken } from '../jwt/classify';
import { decodeToken } from '../jwt/decode';
import { cleanTokenInput } from '../jwt/lenient-input';
import { readTokenFacts, tokenUseOf } from './token-facts';

const part = (value: object) => base64url.encode(JSON.stringify(value));
const jwt = (claims: object, header: object = { alg: 'RS256' }) => `${part(header)}.${part(claims)}.c2ln`;

const TOKENS: Record<string, string> = {
  'Auth0 user access token': jwt({ iss: 'https://t.auth0.com/', sub: 'auth0|1', aud: ['https://api.demo.test/', 'https://t.auth0.com/userinfo'], azp: 'spa', scope: 'openid read:appointments' }),
  'RFC 9068 at+jwt': jwt({ sub: 'auth0|1', client_id: 'spa', auth_time: 1, sid: 's' }, { alg: 'RS256', typ: 'at+jwt' }),
  'client-credentials token': jwt({ sub: 'm2m@clients', gty: 'client-credentials', aud: 'https://api.demo.test/', scope: 'read:appointments' }),
  'ID token with nonce': jwt({ aud: 'spa', sub: 'auth0|1', nonce: 'n', at_hash: 'h' }),
  'ID token with s_hash only': jwt({ aud: 'spa', sub: 'auth0|1', s_hash: 'h' }),
  'ID token by user claims': jwt({ aud: 'spa', sub: 'auth0|1', email: 'a@b.c', sid: 's' }),
  'access token with auth_time and sid': jwt({ aud: 'https://api.demo.test/', sub: 'auth0|1', auth_time: 1, sid: 's' }),
  'nonce with RBAC permissions': jwt({ aud: 'https://api.demo.test/', nonce: 'n', permissions: ['read:appointments'] }),
  'client-id audience alone': jwt({ aud: 'spa', sub: 'auth0|1' }),
  'other JWS': jwt({ foo: 1 }),
  'Bearer-prefixed, line-wrapped access token': `Bearer ${jwt({ aud: 'https://api.demo.test/', scope: 'a' }).replace('.', '.\n')}`,
  'padded (non-canonical) token': `${jwt({ aud: 'https://api.demo.test/', scope: 'a' })}=`,
  'opaque token': '8gG4DVhfJ3vNzEa0VCkzFKt1xU7o2PSi',
};

describe('readTokenFacts agrees with the token editor', () => {
  for (const [name, token] of Object.entries(TOKENS)) {
    it(name, () => {
      const decoded = decodeToken(cleanTokenInput(token).token);
      const classification = classifyToken(decoded);
      const facts = readTokenFacts(token);
      expect(facts.use).toBe(tokenUseOf(classification).use);
      expect(facts.useEvidence).toEqual(tokenUseOf(classification).evidence);
      expect(facts.kind === 'jwt').toBe(decoded.kind === 'jws' && decoded.claims !== undefined);
    });
  }

  it('labels the same token the same way in both views', () => {
    expect(readTokenFacts(TOKENS['ID token with s_hash only'] as string).use).toBe('id');
    expect(readTokenFacts(TOKENS['access token with auth_time and sid'] as string).use).toBe('access');
    expect(readTokenFacts(TOKENS['client-id audience alone'] as string).use).toBe('unknown');
    expect(readTokenFacts(TOKENS['padded (non-canonical) token'] as string).kind).toBe('malformed');
  });
});
