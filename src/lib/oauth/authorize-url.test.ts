import { describe, expect, it } from 'vitest';
import {
  appendParam, buildAuthorizeUrl, getParam, getParamValues, parseAuthorizeUrl, removeParamAt, repeatedParamNames, replaceParamAt, setParam,
} from './authorize-url';
import { OAuthFlowError } from './oauth-error';

describe('parseAuthorizeUrl + buildAuthorizeUrl round-trip', () => {
  const urls = [
    'https://tenant.auth0.com/authorize?response_type=code&client_id=abc&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&scope=openid%20profile&state=xyz',
    'https://tenant.auth0.com/authorize?scope=openid+profile+email&client_id=abc',
    'https://tenant.auth0.com/authorize?redirect_uri=https://app.example.com/callback?x=1&client_id=abc',
    'https://tenant.auth0.com/authorize?scope=openid&scope=email&resource=a&resource=b',
    'https://tenant.auth0.com/authorize?prompt=&login_hint&empty=',
    'https://tenant.auth0.com/authorize?a=1&&b=2&',
    'https://tenant.auth0.com/authorize?',
    'https://tenant.auth0.com/authorize',
    'https://tenant.auth0.com/authorize?x_custom=%E2%9C%93&ext-thing=caf%C3%A9&client_id=abc#frag',
    'https://tenant.auth0.com/authorize?state=a%2Bb%26c%3Dd&nonce=%zz-malformed',
    'https://login.example.com/oauth2/default/v1/authorize?client_id=abc&z=1&a=2&m=3',
    'http://127.0.0.1:4001/authorize?client_id=demo-spa&audience=https%3a%2f%2fapi.demo.test%2f',
  ];
  it.each(urls)('gives back exactly %s', (url) => {
    expect(buildAuthorizeUrl(parseAuthorizeUrl(url))).toBe(url);
  });

  it('decodes + and %20 to spaces, and keeps order and repeats', () => {
    const request = parseAuthorizeUrl('https://t.auth0.com/authorize?scope=openid+profile%20email&resource=a&client_id=c&resource=b');
    expect(getParam(request, 'scope')).toBe('openid profile email');
    expect(request.params.map((param) => param.name)).toEqual(['scope', 'resource', 'client_id', 'resource']);
    expect(getParamValues(request, 'resource')).toEqual(['a', 'b']);
    expect(repeatedParamNames(request)).toEqual(['resource']);
  });

  it('decodes percent-encoded reserved characters and keeps unknown parameters', () => {
    const request = parseAuthorizeUrl('https://t.auth0.com/authorize?redirect_uri=https%3A%2F%2Fa.test%2Fcb%3Fx%3D1%26y%3D2&ext=%23hash');
    expect(getParam(request, 'redirect_uri')).toBe('https://a.test/cb?x=1&y=2');
    expect(getParam(request, 'ext')).toBe('#hash');
  });

  it('treats a name without = as an empty value', () => {
    expect(getParam(parseAuthorizeUrl('https://t.auth0.com/authorize?login_hint'), 'login_hint')).toBe('');
  });

  it('refuses text that is not an http(s) URL, with a stable code', () => {
    expect(() => parseAuthorizeUrl('tenant.auth0.com/authorize?x=1')).toThrow(OAuthFlowError);
    try {
      parseAuthorizeUrl('javascript:alert(1)');
    } catch (error) {
      expect((error as OAuthFlowError).code).toBe('ERR_INVALID_AUTHORIZE_URL');
    }
    expect.assertions(2);
  });
});

describe('editing parameters', () => {
  const base = parseAuthorizeUrl('https://t.auth0.com/authorize?response_type=code&scope=openid+profile&x=1&client_id=abc');

  it('re-encodes only the edited value, in place', () => {
    const edited = setParam(base, 'scope', 'openid email');
    expect(buildAuthorizeUrl(edited)).toBe('https://t.auth0.com/authorize?response_type=code&scope=openid%20email&x=1&client_id=abc');
  });

  it('keeps the original encoding when a value is set to what it already is', () => {
    expect(buildAuthorizeUrl(setParam(base, 'scope', 'openid profile'))).toBe(buildAuthorizeUrl(base));
  });

  it('appends new parameters last and removes every occurrence on undefined', () => {
    const added = setParam(base, 'state', 'a b&c');
    expect(buildAuthorizeUrl(added)).toBe('https://t.auth0.com/authorize?response_type=code&scope=openid+profile&x=1&client_id=abc&state=a%20b%26c');
    const repeated = appendParam(base, { name: 'x', value: '2' });
    expect(getParamValues(setParam(repeated, 'x', undefined), 'x')).toEqual([]);
  });

  it('edits and removes custom parameters by position, even when names repeat', () => {
    const repeated = appendParam(base, { name: 'x', value: '2' });
    const replaced = replaceParamAt(repeated, 4, { name: 'x', value: '3' });
    expect(getParamValues(replaced, 'x')).toEqual(['1', '3']);
    expect(getParamValues(removeParamAt(replaced, 2), 'x')).toEqual(['3']);
  });

  it('builds a URL whose parameters a standard parser reads back', () => {
    const built = buildAuthorizeUrl(setParam(setParam(base, 'redirect_uri', 'https://a.test/cb?x=1&y=é'), 'scope', 'a+b c'));
    const parsed = new URL(built).searchParams;
    expect(parsed.get('redirect_uri')).toBe('https://a.test/cb?x=1&y=é');
    expect(parsed.get('scope')).toBe('a+b c');
  });
});
