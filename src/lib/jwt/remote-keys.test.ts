import { describe, expect, it } from 'vitest';
import { fetchJwks, fetchJwksFromIssuer } from './remote-keys';
import type { FetchLike } from './remote-keys';

const fakeFetch = (routes: Record<string, unknown>): FetchLike & { calls: string[] } => {
  const calls: string[] = [];
  const fn = async (url: string) => {
    calls.push(url);
    if (!(url in routes)) return new Response('nope', { status: 404 });
    return Response.json(routes[url]);
  };
  return Object.assign(fn, { calls });
};

describe('remote keys (explicit fetches only)', () => {
  it('fetches a JWKS from the issuer discovery document', async () => {
    const fetch = fakeFetch({
      'https://t.example/.well-known/openid-configuration': { issuer: 'https://t.example/', jwks_uri: 'https://t.example/.well-known/jwks.json' },
      'https://t.example/.well-known/jwks.json': { keys: [{ kty: 'RSA' }] },
    });
    const result = await fetchJwksFromIssuer('https://t.example/', fetch);
    expect(result.keys).toHaveLength(1);
    expect(fetch.calls).toEqual(['https://t.example/.well-known/openid-configuration', 'https://t.example/.well-known/jwks.json']);
  });

  it('says what went wrong', async () => {
    await expect(fetchJwks('https://t.example/jwks', fakeFetch({}))).rejects.toMatchObject({ code: 'ERR_HTTP_STATUS' });
    await expect(fetchJwks('https://t.example/jwks', fakeFetch({ 'https://t.example/jwks': { nope: 1 } }))).rejects.toMatchObject({ code: 'ERR_NOT_JWKS' });
    await expect(fetchJwks('javascript:alert(1)', fakeFetch({}))).rejects.toMatchObject({ code: 'ERR_URL_INVALID' });
  });
});
