import { describe, expect, it } from 'vitest';
import { defaultEndpoints, discoveryUrl, isAuth0Host, isLoopbackHost, issuerInputFromEndpoint, managementApiIdentifier, resolveIssuer } from './issuer';

function kinds(input: string) {
  return resolveIssuer(input)?.problems.map((problem) => problem.kind);
}

describe('resolveIssuer', () => {
  it('accepts a bare Auth0 domain', () => {
    const resolved = resolveIssuer('tenant.auth0.com');
    expect(resolved).toMatchObject({ issuer: 'https://tenant.auth0.com/', isAuth0Domain: true, suggestedInput: 'tenant.auth0.com', problems: [] });
  });

  it('accepts a regional Auth0 issuer URL', () => {
    expect(resolveIssuer('https://tenant.eu.auth0.com/')).toMatchObject({ issuer: 'https://tenant.eu.auth0.com/', isAuth0Domain: true, problems: [] });
  });

  it('accepts custom domains and keeps issuer paths of other servers', () => {
    expect(resolveIssuer('login.example.com')).toMatchObject({ issuer: 'https://login.example.com/', isAuth0Domain: false, problems: [] });
    expect(resolveIssuer('https://sso.example.com/realms/demo')).toMatchObject({ issuer: 'https://sso.example.com/realms/demo', problems: [] });
    expect(resolveIssuer('http://127.0.0.1:4001/')).toMatchObject({ issuer: 'http://127.0.0.1:4001/', problems: [] });
  });

  it('flags scheme, path and trailing-slash mistakes, and suggests the fixed form', () => {
    expect(kinds('https://tenant.auth0.com')).toEqual(['issuer-missing-trailing-slash']);
    expect(resolveIssuer('https://tenant.auth0.com')?.suggestedInput).toBe('https://tenant.auth0.com/');
    expect(kinds('tenant.auth0.com/')).toEqual(['bare-domain-trailing-slash']);
    expect(resolveIssuer('tenant.auth0.com/')?.suggestedInput).toBe('tenant.auth0.com');
    expect(kinds('https://tenant.auth0.com/authorize')).toEqual(['endpoint-path']);
    expect(resolveIssuer('https://tenant.auth0.com/authorize')?.suggestedInput).toBe('https://tenant.auth0.com/');
    expect(kinds('http://tenant.auth0.com/')).toEqual(['http-scheme']);
    expect(kinds('https://https://tenant.auth0.com/')).toEqual(['doubled-scheme']);
    expect(kinds(' Tenant.Auth0.com')).toEqual(['whitespace', 'uppercase-host']);
    expect(kinds('https://tenant.auth0.com/foo/')).toEqual(['unexpected-path']);
    expect(kinds('login.example.com/.well-known/openid-configuration')).toEqual(['endpoint-path']);
  });

  it('returns undefined for empty or unusable input', () => {
    expect(resolveIssuer('  ')).toBeUndefined();
    expect(resolveIssuer('ftp://tenant.auth0.com')).toBeUndefined();
  });
});

describe('endpoints', () => {
  it('uses /authorize and /oauth/token for Auth0 without discovery', () => {
    const resolved = resolveIssuer('tenant.us.auth0.com');
    expect(resolved && defaultEndpoints(resolved, false)).toEqual({
      issuer: 'https://tenant.us.auth0.com/', authorizationEndpoint: 'https://tenant.us.auth0.com/authorize', tokenEndpoint: 'https://tenant.us.auth0.com/oauth/token', source: 'auth0',
    });
  });

  it('treats a custom domain as Auth0 when an Auth0 preset is chosen, and guesses otherwise', () => {
    const resolved = resolveIssuer('login.example.com');
    expect(resolved && defaultEndpoints(resolved, true).authorizationEndpoint).toBe('https://login.example.com/authorize');
    const generic = resolveIssuer('https://sso.example.com/realms/demo');
    expect(generic && defaultEndpoints(generic, false)).toMatchObject({ authorizationEndpoint: 'https://sso.example.com/realms/demo/authorize', source: 'guess' });
  });

  it('derives the discovery URL and the Management API audience', () => {
    expect(discoveryUrl('https://tenant.auth0.com/')).toBe('https://tenant.auth0.com/.well-known/openid-configuration');
    expect(discoveryUrl('https://sso.example.com/realms/demo')).toBe('https://sso.example.com/realms/demo/.well-known/openid-configuration');
    // Joined as text: an issuer path that starts with // stays on the issuer's host.
    expect(new URL(discoveryUrl('https://good.example//evil.example/x')).host).toBe('good.example');
    const resolved = resolveIssuer('tenant.auth0.com');
    expect(resolved && managementApiIdentifier(resolved)).toBe('https://tenant.auth0.com/api/v2/');
  });

  it('finds the issuer of a pasted authorization endpoint', () => {
    expect(issuerInputFromEndpoint('https://tenant.auth0.com/authorize')).toBe('tenant.auth0.com');
    expect(issuerInputFromEndpoint('http://127.0.0.1:4001/authorize')).toBe('http://127.0.0.1:4001/');
    expect(issuerInputFromEndpoint('https://sso.example.com/realms/demo/protocol/openid-connect/auth')).toBe('https://sso.example.com/realms/demo');
    expect(issuerInputFromEndpoint('https://dev.okta.com/oauth2/default/v1/authorize')).toBe('https://dev.okta.com/oauth2/default');
  });

  it('recognizes loopback and Auth0 hosts', () => {
    expect(['localhost', '127.0.0.1', '[::1]', 'app.localhost'].every(isLoopbackHost)).toBe(true);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
    expect(isAuth0Host('tenant.eu.auth0.com')).toBe(true);
    expect(isAuth0Host('auth0.com.evil.test')).toBe(false);
  });
});
