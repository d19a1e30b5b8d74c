import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { FORM_POST_FRAGMENT_MARKER } from '../../shared/authorize-contract';
import { parsePendingAuthorization, readCallbackResponse, validateAuthorizationResponse } from './callback';
import type { PendingAuthorization } from './callback';
import { OAuthFlowError } from './oauth-error';

const pending: PendingAuthorization = {
  version: 1,
  issuer: 'http://127.0.0.1:4001/',
  authorizationEndpoint: 'http://127.0.0.1:4001/authorize',
  tokenEndpoint: 'http://127.0.0.1:4001/oauth/token',
  tokenEndpointKnown: true,
  clientId: 'demo-spa',
  clientKind: 'public',
  redirectUri: 'http://127.0.0.1:4000/callback',
  state: 'st',
  nonce: 'nn',
  codeVerifier: 'v',
  responseType: 'code',
};

function idToken(claims: Record<string, unknown>) {
  return new UnsecuredJWT(claims).encode();
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof OAuthFlowError ? error.code : 'not-coded';
  }
  return undefined;
}

describe('readCallbackResponse', () => {
  it('reads query, fragment and form_post (handed over in the fragment) responses', () => {
    expect(readCallbackResponse('http://app/callback?code=c&state=s')).toMatchObject({ source: 'query' });
    expect(readCallbackResponse('http://app/callback#access_token=t&state=s')).toMatchObject({ source: 'fragment' });
    const formPost = readCallbackResponse(`http://app/callback#${FORM_POST_FRAGMENT_MARKER}=form_post&code=c&state=s`);
    expect(formPost?.source).toBe('form_post');
    expect([...(formPost?.params.keys() ?? [])]).toEqual(['code', 'state']);
  });
  it('finds nothing on a bare /callback', () => {
    expect(readCallbackResponse('http://app/callback')).toBeUndefined();
  });
});

describe('validateAuthorizationResponse', () => {
  it('accepts a code with the right state and issuer', () => {
    expect(validateAuthorizationResponse(pending, new URLSearchParams({ code: 'c', state: 'st', iss: pending.issuer }))).toEqual({ code: 'c', iss: pending.issuer });
  });
  it('refuses a state mismatch, a missing state, and an unexpected one — before reading any error', () => {
    expect(codeOf(() => validateAuthorizationResponse(pending, new URLSearchParams({ code: 'c', state: 'evil' })))).toBe('ERR_STATE_MISMATCH');
    expect(codeOf(() => validateAuthorizationResponse(pending, new URLSearchParams({ code: 'c' })))).toBe('ERR_STATE_MISMATCH');
    expect(codeOf(() => validateAuthorizationResponse({ ...pending, state: undefined }, new URLSearchParams({ code: 'c', state: 'x' })))).toBe('ERR_STATE_MISMATCH');
    expect(codeOf(() => validateAuthorizationResponse(pending, new URLSearchParams({ error: 'access_denied', state: 'evil' })))).toBe('ERR_STATE_MISMATCH');
  });
  it('refuses a response from another issuer (RFC 9207)', () => {
    expect(codeOf(() => validateAuthorizationResponse(pending, new URLSearchParams({ code: 'c', state: 'st', iss: 'https://evil/' })))).toBe('ERR_INVALID_CALLBACK');
  });
  it('turns an AS error into data with error and error_description', () => {
    try {
      validateAuthorizationResponse(pending, new URLSearchParams({ error: 'invalid_scope', error_description: 'bad scope', state: 'st' }));
    } catch (error) {
      expect(error).toMatchObject({ code: 'ERR_AUTHORIZATION_ERROR', error: 'invalid_scope', errorDescription: 'bad scope' });
    }
    expect.assertions(1);
  });
  it('checks the nonce of an ID token in the response', () => {
    const ok = new URLSearchParams({ id_token: idToken({ nonce: 'nn' }), access_token: 'at', state: 'st', expires_in: '60' });
    expect(validateAuthorizationResponse(pending, ok)).toMatchObject({ accessToken: 'at', expiresIn: 60 });
    expect(codeOf(() => validateAuthorizationResponse(pending, new URLSearchParams({ id_token: idToken({ nonce: 'other' }), state: 'st' })))).toBe('ERR_NONCE_MISMATCH');
    expect(codeOf(() => validateAuthorizationResponse(pending, new URLSearchParams({ id_token: idToken({}), state: 'st' })))).toBe('ERR_NONCE_MISMATCH');
  });
  it('refuses a response with neither code nor token', () => {
    expect(codeOf(() => validateAuthorizationResponse(pending, new URLSearchParams({ state: 'st' })))).toBe('ERR_INVALID_CALLBACK');
  });
});

describe('parsePendingAuthorization', () => {
  it('reads back what was stored, and treats anything malformed as absent', () => {
    expect(parsePendingAuthorization(JSON.stringify(pending))).toEqual(pending);
    expect(parsePendingAuthorization(null)).toBeUndefined();
    expect(parsePendingAuthorization('{not json')).toBeUndefined();
    expect(parsePendingAuthorization(JSON.stringify({ ...pending, version: 2 }))).toBeUndefined();
  });
});
