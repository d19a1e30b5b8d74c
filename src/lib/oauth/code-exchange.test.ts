import { SignJWT, generateKeyPair } from 'jose';
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { redeemAuthorizationCode } from './code-exchange';
import type { CodeRedemption } from './code-exchange';

const issuer = 'http://127.0.0.1:4001/';
const { privateKey } = await generateKeyPair('RS256');

async function idToken(claims: Record<string, unknown>) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).setIssuer(issuer).setAudience('demo-spa').setSubject('alice').setIssuedAt().setExpirationTime('5m').sign(privateKey);
}

function tokenEndpoint(body: Record<string, unknown>, status = 200) {
  const requests: Request[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, requests };
}

const redemption: Omit<CodeRedemption, 'fetch'> = {
  issuer,
  tokenEndpoint: `${issuer}oauth/token`,
  clientId: 'demo-spa',
  code: 'the-code',
  redirectUri: 'http://127.0.0.1:4000/callback',
  codeVerifier: 'verifier-verifier-verifier-verifier-verifier-1',
  expectedNonce: 'nn',
};

describe('redeemAuthorizationCode', () => {
  it('sends the code, redirect URI and PKCE verifier, and returns the tokens', async () => {
    const { fetchImpl, requests } = tokenEndpoint({ access_token: 'at', token_type: 'Bearer', expires_in: 60, scope: 'openid', id_token: await idToken({ nonce: 'nn' }) });
    const tokens = await redeemAuthorizationCode({ ...redemption, fetch: fetchImpl });
    expect(tokens).toMatchObject({ access_token: 'at', token_type: 'bearer', expires_in: 60, scope: 'openid' });
    const body = new URLSearchParams(await requests[0]!.text());
    expect(Object.fromEntries(body)).toMatchObject({ grant_type: 'authorization_code', code: 'the-code', code_verifier: redemption.codeVerifier, client_id: 'demo-spa', redirect_uri: redemption.redirectUri });
  });

  it('authenticates a confidential client with HTTP Basic', async () => {
    const { fetchImpl, requests } = tokenEndpoint({ access_token: 'at', token_type: 'Bearer' });
    await redeemAuthorizationCode({ ...redemption, clientAuth: oauth.ClientSecretBasic('s3cret'), expectedNonce: undefined, fetch: fetchImpl });
    const [scheme, credentials] = (requests[0]!.headers.get('authorization') ?? '').split(' ');
    expect(scheme).toBe('Basic');
    // RFC 6749 §2.3.1: id and secret are form-urlencoded before base64.
    expect(atob(credentials ?? '').split(':').map(decodeURIComponent)).toEqual(['demo-spa', 's3cret']);
  });

  it('sends a client_secret_post secret in the body', async () => {
    const { fetchImpl, requests } = tokenEndpoint({ access_token: 'at', token_type: 'Bearer' });
    await redeemAuthorizationCode({ ...redemption, clientAuth: oauth.ClientSecretPost('s3cret'), expectedNonce: undefined, fetch: fetchImpl });
    expect(requests[0]!.headers.get('authorization')).toBeNull();
    expect(new URLSearchParams(await requests[0]!.text()).get('client_secret')).toBe('s3cret');
  });

  it('turns an OAuth error response into a token-error with the AS error', async () => {
    const { fetchImpl } = tokenEndpoint({ error: 'invalid_grant', error_description: 'grant request is invalid' }, 400);
    await expect(redeemAuthorizationCode({ ...redemption, fetch: fetchImpl })).rejects.toMatchObject({ code: 'ERR_TOKEN_ERROR', error: 'invalid_grant', errorDescription: 'grant request is invalid' });
  });

  it('refuses an ID token whose nonce differs', async () => {
    const { fetchImpl } = tokenEndpoint({ access_token: 'at', token_type: 'Bearer', id_token: await idToken({ nonce: 'other' }) });
    await expect(redeemAuthorizationCode({ ...redemption, fetch: fetchImpl })).rejects.toMatchObject({ code: 'ERR_NONCE_MISMATCH' });
  });
});
