import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { classifyToken } from './classify';
import { decodeToken } from './decode';
import { profileFromToken } from './profile-from-token';

const tokenWith = (claims: object, header: object = { alg: 'RS256', typ: 'JWT' }) => decodeToken(`${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(claims))}.c2ln`);
const fill = (claims: object, header?: object) => {
  const decoded = tokenWith(claims, header);
  return profileFromToken(decoded, classifyToken(decoded));
};
const iss = 'https://tenant.auth0.com/';

describe('profileFromToken', () => {
  it('an access token: issuer, algorithm and its API audience, not the /userinfo one', () => {
    const { patch, note } = fill({ iss, aud: [`${iss}userinfo`, 'https://api.example.com/'], scope: 'openid read:x', sub: 'auth0|1' });
    expect(patch).toEqual({ issuer: iss, algorithms: ['RS256'], audience: 'https://api.example.com/' });
    expect(note).toMatch(/userinfo is the issuer's own endpoint/);
  });

  it('an ID token: issuer and algorithm, never its client-id audience, and says why', () => {
    const { patch, note } = fill({ iss, aud: 'spa-client-id', sub: 'auth0|1', nonce: 'n', email: 'a@example.com' });
    expect(patch).toEqual({ issuer: iss, algorithms: ['RS256'] });
    expect(patch.audience).toBeUndefined();
    expect(note).toMatch(/spa-client-id\) is the client id .* not an API audience/);
  });

  it('a client-credentials token: its audience is the API', () => {
    const { patch, note } = fill({ iss, aud: 'https://api.example.com/', sub: 'm2m@clients', gty: 'client-credentials' }, { alg: 'HS256' });
    expect(patch).toEqual({ issuer: iss, algorithms: ['HS256'], audience: 'https://api.example.com/' });
    expect(note).toBeUndefined();
  });

  it('nothing from an opaque token, an unsupported algorithm or missing claims', () => {
    const opaque = decodeToken('abcdefghijklmnopqrstuvwxyz012345');
    expect(profileFromToken(opaque, classifyToken(opaque)).patch).toEqual({});
    expect(fill({ scope: 'x' }, { alg: 'none' }).patch).toEqual({});
  });
});
