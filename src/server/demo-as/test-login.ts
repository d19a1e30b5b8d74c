import { calculatePKCECodeChallenge, generateRandomCodeVerifier } from 'oauth4webapi';
import type { DemoAuthorizationServer } from './provider';

/**
 * Test support: a demo user's access token for `audience`, obtained as demo-spa obtains it (authorization code with
 * PKCE, the tenant's own login and consent), with fetch and a cookie jar: a token the tenant really issued.
 */
export async function userAccessToken(as: DemoAuthorizationServer, userId: string, audience: string, scope: string): Promise<string> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  };
  const redirectUri = 'http://127.0.0.1:4000/callback';
  const verifier = generateRandomCodeVerifier();
  const authorize = new URL('authorize', as.issuer);
  authorize.search = new URLSearchParams({
    client_id: 'demo-spa', response_type: 'code', redirect_uri: redirectUri, scope, audience,
    code_challenge: await calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: 'test-state',
  }).toString();

  let res = await send(authorize.href);
  for (let hops = 0; hops < 10; hops += 1) {
    const location = new URL(res.headers.get('location') ?? '', as.issuer);
    if (location.href.startsWith(redirectUri)) {
      const code = location.searchParams.get('code');
      if (!code) throw new Error(`login failed: ${location.search}`);
      const token = await fetch(new URL('oauth/token', as.issuer), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'demo-spa', code, redirect_uri: redirectUri, code_verifier: verifier }),
      });
      const body = (await token.json()) as { access_token?: string };
      if (!body.access_token) throw new Error(`code exchange failed: ${JSON.stringify(body)}`);
      return body.access_token;
    }
    if (location.pathname.startsWith('/interaction/')) {
      const page = await send(location.href);
      if (page.status === 200 && (await page.text()).includes('name="user"')) {
        res = await send(`${location.href}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ user: userId }) });
      } else {
        res = page;
      }
      continue;
    }
    res = await send(location.href);
  }
  throw new Error('login did not finish');
}
