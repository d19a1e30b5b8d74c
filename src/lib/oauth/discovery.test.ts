import { describe, expect, it } from 'vitest';
import { fetchDiscovery } from './discovery';

function serve(document: Record<string, unknown>) {
  const urls: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return new Response(JSON.stringify(document), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, urls };
}

describe('fetchDiscovery', () => {
  it('reads the endpoints from the issuer discovery document', async () => {
    const { fetchImpl, urls } = serve({ issuer: 'http://127.0.0.1:4001/', authorization_endpoint: 'http://127.0.0.1:4001/authorize', token_endpoint: 'http://127.0.0.1:4001/oauth/token', response_modes_supported: ['query', 'fragment', 'form_post'] });
    await expect(fetchDiscovery('http://127.0.0.1:4001/', fetchImpl)).resolves.toMatchObject({
      authorizationEndpoint: 'http://127.0.0.1:4001/authorize', tokenEndpoint: 'http://127.0.0.1:4001/oauth/token', source: 'discovery', responseModesSupported: ['query', 'fragment', 'form_post'],
    });
    expect(urls).toEqual(['http://127.0.0.1:4001/.well-known/openid-configuration']);
  });
  it('explains an unreachable issuer', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(fetchDiscovery('https://tenant.auth0.com/', failing)).rejects.toMatchObject({ code: 'ERR_DISCOVERY_FAILED', message: expect.stringContaining('https://tenant.auth0.com could not be reached') });
  });

  it('refuses a document for another issuer', async () => {
    const { fetchImpl } = serve({ issuer: 'https://evil.example/', authorization_endpoint: 'https://evil.example/authorize', token_endpoint: 'https://evil.example/token' });
    await expect(fetchDiscovery('https://tenant.auth0.com/', fetchImpl)).rejects.toMatchObject({ code: 'ERR_DISCOVERY_FAILED' });
  });
});
