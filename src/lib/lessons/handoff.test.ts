import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { newestUserAccessToken } from './handoff';

const jwt = (claims: Record<string, unknown>) => new UnsecuredJWT(claims).encode();

describe('newestUserAccessToken', () => {
  const api = 'https://api.demo.test/';
  it('picks the newest user token for the audience, never a client’s, an ID token or an opaque one', () => {
    const newest = jwt({ sub: 'auth0|alice', aud: [api, 'http://127.0.0.1:4001/userinfo'] });
    const older = jwt({ sub: 'auth0|alice', aud: api });
    const tokens = [{ token: 'opaque-token' }, { token: jwt({ sub: 'demo-m2m@clients', aud: api }) }, { token: jwt({ sub: 'auth0|alice', aud: 'demo-spa' }) }, { token: newest }, { token: older }];
    expect(newestUserAccessToken(tokens, api)).toBe(newest);
    expect(newestUserAccessToken(tokens.slice(0, 3), api)).toBeUndefined();
  });
});
