import { describe, expect, it } from 'vitest';
import { decodeToken } from './decode';
import type { DecodedJws } from './decode';
import { RFC7515_A1 } from './fixtures/rfc-vectors';
import { buildShareLink, buildShareToken, tokenFromFragment } from './share';

const decoded = decodeToken(RFC7515_A1.token) as DecodedJws;

describe('share', () => {
  it('links with the token in the fragment only', () => {
    const link = buildShareLink('http://127.0.0.1:4000/', RFC7515_A1.token);
    expect(link).toBe(`http://127.0.0.1:4000/debugger#token=${RFC7515_A1.token}`);
    expect(new URL(link).search).toBe('');
  });

  it('masks chosen claims and strips the signature', () => {
    const shared = buildShareToken(decoded, { maskClaims: ['iss'], stripSignature: true });
    const again = decodeToken(shared);
    expect(again.kind === 'jws' && again.claims).toEqual({ iss: '***', exp: 1300819380, 'http://example.com/is_root': true });
    expect(shared.endsWith('.')).toBe(true);
  });

  it('keeps the token intact with no options', () => {
    expect(buildShareToken(decoded, { maskClaims: [], stripSignature: false })).toBe(RFC7515_A1.token);
  });

  it('reads #token=, #access_token= and #id_token=', () => {
    expect(tokenFromFragment('#token=a.b.c')).toEqual({ token: 'a.b.c', param: 'token' });
    expect(tokenFromFragment('#id_token=i.d.t&state=s')?.param).toBe('id_token');
    expect(tokenFromFragment('#access_token=a.t.x&id_token=i.d.t')?.token).toBe('a.t.x');
    expect(tokenFromFragment('#state=x')).toBeUndefined();
  });
});
