import { act, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useIntrospectionHandoff, useReissueHandoffActions } from '../../state/reissue-handoff';
import { renderRoute } from '../../test-support/render-route';
import { Component as IntrospectRoute } from './introspect-route';

const issuer = 'https://tenant.example.com/';
/** Mutable per test: one case lends the first profile a `token_params`. */
const profiles: Record<string, unknown>[] = [
  { id: 'rs', label: 'Resource server', issuer, client_id: 'rs-client', client_auth_method: 'private_key_jwt', default_audience: 'https://api.example/', apis: [{ identifier: 'https://api.example/', scopes: ['read:x', 'write:x'] }], demo: false },
  { id: 'spa', label: 'SPA', issuer, client_id: 'spa', client_auth_method: 'none', default_audience: null, apis: [], demo: false },
];
const meta = { upstreamStatus: 200, elapsedMs: 42, endpoint: `${issuer}oauth/introspect`, authMethod: 'private_key_jwt' };
const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'sig-1', alg: 'RS256' }], meta: { upstreamStatus: 200, elapsedMs: 3, endpoint: `${issuer}.well-known/jwks.json` } };

type Handler = (path: string, body: Record<string, unknown> | undefined) => Response;
let calls: { path: string; body: Record<string, unknown> | undefined }[];
function serve(handler: Handler) {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
      calls.push({ path: input, body });
      if (input === '/api/profiles') return Response.json({ profiles });
      if (input.startsWith('/api/jwks')) return Response.json(jwks);
      return handler(input, body);
    }),
  );
}

const renderPanel = () => renderRoute(<IntrospectRoute />, { url: '/introspect', path: '/introspect' });

async function introspect(token: string) {
  const user = userEvent.setup();
  renderPanel();
  await screen.findByRole('option', { name: 'Resource server (private_key_jwt)' });
  // The panel's store outlives a test (it lives as long as the page): start from an empty box.
  await user.clear(screen.getByRole('textbox', { name: 'Token' }));
  await user.paste(token);
  await user.selectOptions(screen.getByRole('combobox', { name: 'Token type hint' }), 'access_token');
  await user.click(screen.getByRole('button', { name: 'Introspect' }));
  return { user, result: screen.getByRole('region', { name: 'Introspection result' }) };
}

describe('/introspect', () => {
  afterEach(() => vi.unstubAllGlobals());
  beforeEach(() => serve(() => Response.json({ error: { code: 'not_found', message: 'no' } }, { status: 404 })));

  it('sends only the profile id with the token, and shows active prominently, explained members, raw JSON, and upstream status and timing', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2 * 3600 + 150;
    serve(() => Response.json({ active: true, client_id: 'm2m', scope: 'read:x', exp, token_type: 'Bearer', meta }));
    const { result } = await introspect('opaque-token-value');
    expect(await within(result).findByText('active: true', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(result.querySelector('[data-active="true"]')).toHaveTextContent(/^Active/);
    expect(within(result).getByRole('row', { name: /^exp/ })).toHaveTextContent(/in 2 h 2 min/);
    expect(within(result).getByRole('row', { name: /^client_id/ })).toHaveTextContent('m2m');
    expect(within(result).getByText(/upstream HTTP 200 in 42 ms/)).toHaveTextContent('private_key_jwt');
    expect(result.querySelector('pre')?.textContent).toContain('"client_id": "m2m"');
    expect(calls.find((c) => c.path === '/api/introspect')?.body).toEqual({ profile: 'rs', token: 'opaque-token-value', token_type_hint: 'access_token' });
    // An opaque token needs no JWKS.
    expect(calls.some((c) => c.path.startsWith('/api/jwks'))).toBe(false);
  });

  it('takes a token handed over by "Introspect this token" into the Token box, once', async () => {
    const { result } = renderHook(() => useReissueHandoffActions());
    act(() => result.current.introspectionRequested('handed-over-opaque'));
    renderPanel();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Token' })).toHaveValue('handed-over-opaque'));
    expect(renderHook(() => useIntrospectionHandoff()).result.current).toBe('');
  });

  it('renders hostile member values as text', async () => {
    serve(() => Response.json({ active: true, username: '<img src=x onerror=alert(1)>', meta }));
    const { result } = await introspect('t');
    expect(await within(result).findByText(/<img src=x/, { selector: '.introspect-value' })).toBeInTheDocument();
    expect(result.querySelector('img')).toBeNull();
  });

  it('explains the unsupported_token_type refusal of a JWT and shows the local verification and diff', async () => {
    const jwt = await new SignJWT({ scope: 'read:x' }).setProtectedHeader({ alg: 'RS256', kid: 'sig-1' }).setIssuer(issuer).setIssuedAt().setExpirationTime('1h').sign(privateKey);
    serve(() => Response.json({ error: { code: 'upstream_error', message: 'x', upstream: { error: 'unsupported_token_type', error_description: 'Structured JWT Tokens cannot be introspected', status: 400 } } }, { status: 502 }));
    const { result } = await introspect(jwt);
    expect(await within(result).findByText('This server does not introspect JWTs', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(await within(result).findByText(/^Signature verified/)).toBeInTheDocument();
    const diff = within(result).getByRole('table', { name: 'Introspection vs local verification' });
    expect(within(diff).getByRole('row', { name: /^active/ })).toHaveTextContent('not answered (unsupported_token_type)');
    expect(within(diff).getByRole('row', { name: /^scope/ })).toHaveTextContent('read:x');
    expect(calls.find((c) => c.path.startsWith('/api/jwks'))?.path).toBe('/api/jwks?profile=rs');
    // Documented behaviour, shown as information beside the local verification, not as an alert.
    expect(within(result).queryByRole('alert')).toBeNull();
    expect(result.querySelector('.introspect-side-by-side .introspect-info')).toHaveTextContent(/HTTP 400.*Documented behaviour, not a failure/);
    expect(within(diff).getByRole('row', { name: /^iss/ })).toHaveTextContent(issuer);
    expect(within(diff).getByRole('row', { name: /^active/ })).toHaveTextContent('from the local verification only');

    // A new token makes the old answer stale: it goes.
    await userEvent.setup().type(screen.getByRole('textbox', { name: 'Token' }), 'x');
    expect(within(result).queryByText('This server does not introspect JWTs')).toBeNull();
  });

  it('shows where introspection and the JWT disagree (a revoked JWT)', async () => {
    const jwt = await new SignJWT({ scope: 'read:x' }).setProtectedHeader({ alg: 'RS256', kid: 'sig-1' }).setIssuedAt().setExpirationTime('1h').sign(privateKey);
    serve(() => Response.json({ active: false, meta }));
    const { result } = await introspect(jwt);
    const diff = await within(result).findByRole('table', { name: 'Introspection vs local verification' }, { timeout: 5000 });
    expect(within(diff).getByRole('row', { name: /^active/ })).toHaveTextContent('disagree');
  });

  it('says clearly when the authorization server is unreachable', async () => {
    serve(() => Response.json({ error: { code: 'upstream_unreachable', message: '127.0.0.1:9 cannot be reached' } }, { status: 502 }));
    const { result } = await introspect('t');
    const alert = await within(result).findByRole('alert');
    expect(alert).toHaveTextContent('Authorization server unreachable');
    expect(alert).toHaveTextContent('upstream_unreachable');
  });

  it('mints a client-credentials token for a scope subset and links it to the token editor by fragment', async () => {
    serve((path) =>
      path === '/api/token'
        ? Response.json({ access_token: 'minted.jwt.value', token_type: 'Bearer', expires_in: 86400, scope: 'read:x', meta: { ...meta, endpoint: `${issuer}oauth/token`, cached: false, obtainedAt: Date.now(), cachedUntil: Date.now() + 86_340_000, audience: 'https://api.example/', scope: 'read:x' } })
        : Response.json({}, { status: 500 }),
    );
    const user = userEvent.setup();
    renderPanel();
    const mint = await screen.findByRole('region', { name: 'Get a client-credentials token' });
    expect(within(mint).getByRole('combobox', { name: 'Client profile' })).toHaveValue('rs');
    await user.click(within(mint).getByRole('checkbox', { name: 'read:x' }));
    await user.click(within(mint).getByRole('button', { name: 'Get token' }));
    expect(await within(mint).findByRole('textbox', { name: 'Minted token' })).toHaveValue('minted.jwt.value');
    expect(calls.find((c) => c.path === '/api/token')?.body).toEqual({ profile: 'rs', audience: 'https://api.example/', scope: 'read:x' });
    expect(within(mint).getByRole('link', { name: 'Open in token editor' })).toHaveAttribute('href', '/debugger');
    await user.click(within(mint).getByRole('button', { name: 'Use this token' }));
    expect(screen.getByRole('textbox', { name: 'Token' })).toHaveValue('minted.jwt.value');
    // The user is brought back to the field that now holds it.
    expect(screen.getByRole('textbox', { name: 'Token' })).toHaveFocus();
  });

  it('says a client-credentials token has no user when /userinfo answers 401, and clears an old alert when a new action starts', async () => {
    serve((path) => {
      if (path === '/api/revoke') return Response.json({ error: { code: 'upstream_error', message: 'x', upstream: { error: 'invalid_client', status: 401 } } }, { status: 502 });
      if (path === '/api/userinfo') return Response.json({ error: { code: 'upstream_error', message: 'x', upstream: { error: 'invalid_token', error_description: 'invalid token provided', status: 401 } } }, { status: 502 });
      return Response.json({ active: true, meta });
    });
    const m2m = await new SignJWT({ gty: 'client-credentials', azp: 'm2m' }).setProtectedHeader({ alg: 'RS256', kid: 'sig-1' }).setSubject('m2m@clients').setIssuedAt().setExpirationTime('1h').sign(privateKey);
    const { user } = await introspect(m2m);
    await user.click(screen.getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('The authorization server answered invalid_client')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Userinfo' }));
    expect(await screen.findByText('This token has no user')).toBeInTheDocument();
    expect(screen.getByText(/gty is client-credentials; sub m2m@clients ends with @clients/)).toBeInTheDocument();
    expect(screen.queryByText('The authorization server answered invalid_client')).toBeNull();
  });

  it('revokes the token and asks for the user with the chosen profile, and forgets both answers when the token changes', async () => {
    serve((path) => {
      if (path === '/api/revoke') return Response.json({ revoked: true, meta: { ...meta, endpoint: `${issuer}oauth/revoke` } });
      if (path === '/api/userinfo') return Response.json({ sub: 'auth0|alice', name: 'Alice <b>Admin</b>', meta: { ...meta, endpoint: `${issuer}userinfo` } });
      return Response.json({}, { status: 500 });
    });
    const { user } = await introspect('user-access-token');
    await user.click(screen.getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText(/^Revoked\./)).toBeInTheDocument();
    expect(calls.find((c) => c.path === '/api/revoke')?.body).toEqual({ profile: 'rs', token: 'user-access-token', token_type_hint: 'access_token' });
    await user.click(screen.getByRole('button', { name: 'Userinfo' }));
    expect(await screen.findByLabelText('Userinfo claims')).toHaveTextContent('"name": "Alice <b>Admin</b>"');
    expect(calls.find((c) => c.path === '/api/userinfo')?.body).toEqual({ profile: 'rs', access_token: 'user-access-token' });
    await user.type(screen.getByRole('textbox', { name: 'Token' }), 'x');
    expect(screen.queryByText(/^Revoked\./)).toBeNull();
    expect(screen.queryByLabelText('Userinfo claims')).toBeNull();
  });

  it('lints a pasted client assertion', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByRole('option', { name: 'Resource server (private_key_jwt)' });
    const assertion = await new SignJWT({ jti: 'j' }).setProtectedHeader({ alg: 'RS256', kid: 'k' }).setIssuer('rs-client').setSubject('other').setAudience(issuer).setIssuedAt().setExpirationTime('1m').sign(privateKey);
    await user.click(screen.getByRole('textbox', { name: 'Client assertion' }));
    await user.paste(assertion);
    await user.click(screen.getByRole('button', { name: 'Lint assertion' }));
    const checks = screen.getByRole('list', { name: 'Assertion checks' });
    expect(within(checks).getAllByRole('listitem').find((li) => li.getAttribute('data-rule') === 'iss-sub')).toHaveAttribute('data-severity', 'error');
    expect(within(checks).getAllByRole('listitem').find((li) => li.getAttribute('data-rule') === 'aud')).toHaveAttribute('data-severity', 'ok');
  });
});

describe('/introspect: the Re-issue panel', () => {
  afterEach(() => vi.unstubAllGlobals());

  const userToken = () =>
    new SignJWT({ scope: 'read:x write:x', azp: 'spa' }).setProtectedHeader({ alg: 'RS256', kid: 'sig-1' }).setIssuer(issuer).setSubject('auth0|alice').setAudience('https://api.example/').setIssuedAt().setExpirationTime('1h').sign(privateKey);

  async function openPanel(token: string) {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByRole('option', { name: 'Resource server (private_key_jwt)' });
    await user.clear(screen.getByRole('textbox', { name: 'Token' }));
    await user.click(screen.getByRole('textbox', { name: 'Token' }));
    await user.paste(token);
    return { user, panel: screen.getByRole('region', { name: 'Re-issue with fewer scopes' }) };
  }

  it('exchanges the token for the kept scopes only, and diffs the answer claim by claim', async () => {
    const exchanged = await new SignJWT({ scope: 'write:x', azp: 'rs-client', act: { sub: 'rs-client@clients' } }).setProtectedHeader({ alg: 'RS256', kid: 'sig-1' }).setIssuer(issuer).setSubject('auth0|alice').setAudience('https://api.example/').setIssuedAt().setExpirationTime('1d').sign(privateKey);
    serve((path) => (path === '/api/exchange' ? Response.json({ access_token: exchanged, token_type: 'Bearer', issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', meta: { ...meta, audience: null, scope: null } }) : Response.json({}, { status: 404 })));
    const token = await userToken();
    const { user, panel } = await openPanel(token);
    // The profile allows no user_id, so only token exchange is offered.
    expect(within(panel).getByRole('radio', { name: /Client credentials/ })).toBeDisabled();
    await user.click(within(panel).getByRole('checkbox', { name: 'read:x' }));
    await user.click(within(panel).getByRole('button', { name: 'Re-issue' }));
    const result = await within(panel).findByRole('region', { name: 'Re-issued token' }, { timeout: 5000 });
    expect(calls.find((c) => c.path === '/api/exchange')?.body).toEqual({ profile: 'rs', subject_token: token, audience: 'https://api.example/', scope: 'write:x' });
    expect(within(result).getByRole('row', { name: /^act/ })).toHaveTextContent('rs-client@clients');
    expect(within(result).getByRole('row', { name: /^scope/ })).toHaveTextContent('Narrowed ✓ (dropped read:x)');
    expect(within(result).getByRole('row', { name: /^lifetime/ })).toHaveTextContent('86400 s (1 d)');
  });

  it('sends the token’s sub as user_id to /api/token when the profile allows it, and shows the refusal of an extra scope', async () => {
    const plain = profiles[0]!;
    profiles[0] = { ...plain, token_params: ['user_id'] };
    try {
      serve(() => Response.json({ error: { code: 'upstream_error', message: 'refused', upstream: { error: 'invalid_scope', error_description: 'scope not allowed: delete:x', status: 400 } } }, { status: 502 }));
      const { user, panel } = await openPanel(await userToken());
      await user.click(within(panel).getByRole('radio', { name: /Client credentials/ }));
      await user.type(within(panel).getByRole('textbox', { name: /Also ask for/ }), 'delete:x');
      await user.click(within(panel).getByRole('button', { name: 'Re-issue' }));
      expect(await within(panel).findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('invalid_scope');
      expect(calls.find((c) => c.path === '/api/token')?.body).toEqual({ profile: 'rs', audience: 'https://api.example/', scope: 'read:x write:x delete:x', params: { user_id: 'auth0|alice' } });
    } finally {
      profiles[0] = plain;
    }
  });
});
