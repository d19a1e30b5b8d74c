import { describe, expect, it } from 'vitest';
import { parseAuthorizeUrl } from './authorize-url';
import { deriveBuilderView } from './builder-view';
import type { BuilderInputs } from './builder-view';

const request = parseAuthorizeUrl('https://x/authorize?response_type=code&client_id=demo-spa&scope=openid&state=s');
const inputs: BuilderInputs = {
  domainInput: 'http://127.0.0.1:4001/',
  presetAuth0: true,
  clientKind: 'confidential',
  request,
  pastedEndpoint: undefined,
  discovered: undefined,
  apis: [
    { identifier: 'https://api.demo.test/', name: 'Demo', scopes: ['read:appointments'], source: 'profile' },
    { identifier: 'http://127.0.0.1:4001/api/v2/', name: 'Demo Management API', source: 'profile' },
    { identifier: 'https://mine.example/', name: 'Mine', source: 'user' },
  ],
  userContextScopes: ['read:current_user'],
};

describe('deriveBuilderView', () => {
  it('builds the URL on the Auth0 /authorize endpoint and knows the Management API once', () => {
    const view = deriveBuilderView(inputs);
    expect(view.url).toBe('http://127.0.0.1:4001/authorize?response_type=code&client_id=demo-spa&scope=openid&state=s');
    expect(view.knownApis.map((api) => [api.identifier, api.source])).toEqual([
      ['http://127.0.0.1:4001/api/v2/', 'management'],
      ['https://api.demo.test/', 'profile'],
      ['https://mine.example/', 'user'],
    ]);
    expect(view.pitfalls.map((pitfall) => pitfall.id)).toEqual(['missing-audience']);
  });

  it("checks the audience against the user's own APIs too", () => {
    const view = deriveBuilderView({ ...inputs, request: { ...request, params: [...request.params, { name: 'audience', value: 'https://MINE.example' }] } });
    expect(view.pitfalls.find((pitfall) => pitfall.id === 'audience-mismatch')?.fixes[0]?.patch).toEqual([{ op: 'set-param', name: 'audience', value: 'https://mine.example/' }]);
  });

  it('keeps a pasted endpoint exactly, and uses discovery only for the same issuer', () => {
    expect(deriveBuilderView({ ...inputs, pastedEndpoint: 'http://127.0.0.1:4001/authorize/' }).url).toMatch(/^http:\/\/127\.0\.0\.1:4001\/authorize\/\?/);
    const discovered = { issuer: 'http://127.0.0.1:4001/', authorizationEndpoint: 'http://127.0.0.1:4001/auth', tokenEndpoint: 'http://127.0.0.1:4001/token', source: 'discovery' as const };
    expect(deriveBuilderView({ ...inputs, discovered }).url).toMatch(/^http:\/\/127\.0\.0\.1:4001\/auth\?/);
    expect(deriveBuilderView({ ...inputs, discovered: { ...discovered, issuer: 'https://other/' } }).url).toMatch(/\/authorize\?/);
  });

  it('has no URL until a domain is given', () => {
    expect(deriveBuilderView({ ...inputs, domainInput: '' }).url).toBeUndefined();
  });
});
