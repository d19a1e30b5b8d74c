import { describe, expect, it } from 'vitest';
import { formatSelectionLink, parseSelectionLink } from './deep-link';

describe('selection deep links', () => {
  it('reads kind and comma-separated METHOD path endpoints', () => {
    expect(parseSelectionLink('?kind=m2m&endpoints=GET%20/api/v2/users/{id},patch+/api/v2/users/%7Bid%7D')).toEqual({
      api: 'auth0-management',
      kind: 'm2m',
      endpoints: ['GET /api/v2/users/{id}', 'PATCH /api/v2/users/{id}'],
      requested: [],
      intents: {},
    });
  });

  it('defaults to machine-to-machine, skips malformed and duplicate entries', () => {
    expect(parseSelectionLink('kind=admin&endpoints=nonsense,,GET /x,GET /x')).toEqual({ api: 'auth0-management', kind: 'm2m', endpoints: ['GET /x'], requested: [], intents: {} });
    expect(parseSelectionLink('').endpoints).toEqual([]);
  });

  it('round-trips, keeping the link readable', () => {
    const link = { api: 'auth0-management', kind: 'user' as const, endpoints: ['GET /api/v2/users/{id}', 'PATCH /api/v2/users/{id}'], requested: [], intents: {} };
    const text = formatSelectionLink(link);
    expect(text).toBe('kind=user&endpoints=GET%20/api/v2/users/{id},PATCH%20/api/v2/users/{id}');
    expect(parseSelectionLink(text)).toEqual(link);
  });

  it('carries the scopes asked for on purpose, dropping what is not a scope token', () => {
    const link = { api: 'auth0-management', kind: 'm2m' as const, endpoints: ['GET /api/v2/users/{id}'], requested: ['read:user_idp_tokens'], intents: {} };
    expect(formatSelectionLink(link)).toBe('kind=m2m&endpoints=GET%20/api/v2/users/{id}&with=read:user_idp_tokens');
    expect(parseSelectionLink(formatSelectionLink(link))).toEqual(link);
    expect(parseSelectionLink('with=read:a,bad"scope,read:a,').requested).toEqual(['read:a']);
  });

  it('carries the intent stated for an endpoint, dropping intents of unselected endpoints and malformed keys', () => {
    const link = { api: 'auth0-management', kind: 'm2m' as const, endpoints: ['PATCH /api/v2/users/{id}'], requested: [], intents: { 'PATCH /api/v2/users/{id}': 'app_metadata' } };
    expect(formatSelectionLink(link)).toBe('kind=m2m&endpoints=PATCH%20/api/v2/users/{id}&intent=PATCH%20/api/v2/users/{id}~app_metadata');
    expect(parseSelectionLink(formatSelectionLink(link))).toEqual(link);
    expect(parseSelectionLink('endpoints=GET /a&intent=GET /b~any,GET /a~bad key,~any').intents).toEqual({});
    expect(parseSelectionLink('endpoints=GET /a&intent=GET /a~user_metadata@own').intents).toEqual({ 'GET /a': 'user_metadata@own' });
  });

  it('carries a custom API key', () => {
    const link = { api: 'custom:appointments', kind: 'm2m' as const, endpoints: ['GET /appointments'], requested: [], intents: {} };
    expect(parseSelectionLink(formatSelectionLink(link))).toEqual(link);
  });
});
