import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UnsecuredJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderRoute } from '../../test-support/render-route';
import { Component as ExplorerRoute } from './explorer-route';

const issuer = 'http://127.0.0.1:4001/';
const managementAudience = `${issuer}api/v2/`;
const profiles = [
  {
    id: 'demo',
    label: 'Demo tenant: demo-m2m',
    issuer,
    client_id: 'demo-m2m',
    client_auth_method: 'client_secret_basic',
    default_audience: 'https://api.demo.test/',
    apis: [
      { identifier: 'https://api.demo.test/', name: 'Demo appointments API', scopes: ['read:appointments', 'write:appointments'], baseUrl: `${issuer}demo-api/` },
      { identifier: managementAudience, name: 'Demo Management API', scopes: ['read:users', 'read:clients'] },
    ],
    demo: true,
  },
];

type CallBody = Record<string, unknown>;
let calls: CallBody[];
let answer: (body: CallBody) => unknown;

const rateHeaders = (remaining: number) => ({ 'content-type': 'application/json', 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 30) });

function serve() {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      if (input === '/api/profiles') return Response.json({ profiles });
      if (input === '/api/call') {
        const body = JSON.parse(String(init?.body)) as CallBody;
        calls.push(body);
        return Response.json(answer(body));
      }
      return Response.json({ error: { code: 'not_found', message: 'no' } }, { status: 404 });
    }),
  );
}

const ok = (body: unknown, status = 200) => ({ status, headers: rateHeaders(49), body, meta: { elapsedMs: 12.4, url: `${issuer}api/v2/users` } });

/** The catalog and its request forms are lazy chunks; on a loaded machine they can take a few seconds. */
const open = async (url: string) => {
  const user = userEvent.setup();
  const view = renderRoute(<ExplorerRoute />, { url, path: '/explorer' });
  await screen.findByRole('combobox', { name: 'Endpoint' }, { timeout: 15_000 });
  await screen.findByRole('option', { name: /demo-m2m/ });
  return { user, ...view };
};

const userToken = (scope: string) => new UnsecuredJWT({ scope, sub: 'auth0|alice', gty: undefined }).setAudience([managementAudience]).setIssuer(issuer).setExpirationTime('1h').encode();
const m2mToken = (scope: string) => new UnsecuredJWT({ scope, gty: 'client-credentials', azp: 'demo-m2m' }).setSubject('demo-m2m@clients').setAudience(managementAudience).setIssuer(issuer).setExpirationTime('1h').encode();

describe('/explorer', { timeout: 30_000 }, () => {
  beforeEach(() => serve());
  afterEach(() => vi.unstubAllGlobals());

  it('opens the deep-linked endpoint, mints least privilege, and shows the status, rate limit and body as text', async () => {
    answer = () => ok([{ user_id: 'auth0|alice', name: '<img src=x onerror=alert(1)>' }]);
    const { user } = await open('/explorer?endpoint=GET%20%2Fapi%2Fv2%2Fusers');
    expect(screen.getByRole('combobox', { name: 'Endpoint' })).toHaveValue('GET /api/v2/users');
    expect(screen.getByRole('combobox', { name: 'Authorize with' })).toHaveValue('mint');
    expect(await screen.findByText('read:users', { selector: '.explorer-mint-scope' })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Headers that will be sent' })).toHaveTextContent('Authorization: Bearer $TOKEN');
    await user.click(screen.getByRole('button', { name: 'Send request' }));

    const response = screen.getByRole('region', { name: 'Response' });
    expect(await within(response).findByText(/^200/)).toBeInTheDocument();
    expect(within(response).getByText('in 12 ms')).toBeInTheDocument();
    expect(within(response).getByText(/49 of 50 left, resets in/)).toBeInTheDocument();
    expect(within(response).getByLabelText('Response body')).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(response.querySelector('img')).toBeNull();
    expect(calls).toEqual([{ profile: 'demo', method: 'GET', path: '/api/v2/users', mintScope: 'read:users' }]);
    // The history keeps the call, with no token.
    expect(screen.getByRole('button', { name: 'GET /api/v2/users' })).toBeInTheDocument();
  });

  it('shows input errors next to their fields, sends nothing, and keeps what was typed', async () => {
    answer = () => ok({});
    const { user } = await open('/explorer?endpoint=PATCH%20%2Fapi%2Fv2%2Fusers%2F%7Bid%7D');
    const body = await screen.findByRole('textbox', { name: 'Body (JSON)' });
    await user.clear(body);
    await user.click(body);
    await user.paste('{"user_metadata": ');
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    expect(screen.getByRole('textbox', { name: 'id' })).toHaveAccessibleDescription(/id is required\./);
    expect(body).toHaveAccessibleDescription(/The body is not JSON/);
    expect(body).toHaveValue('{"user_metadata": ');
    expect(calls).toEqual([]);

    await user.type(screen.getByRole('textbox', { name: 'id' }), 'auth0|alice');
    await user.click(body);
    await user.paste('{"theme":"dark"}}');
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({ method: 'PATCH', path: '/api/v2/users/auth0|alice', body: { user_metadata: { theme: 'dark' } } });
  });

  it('explains a 403 with the missing scope, and mints those scopes and retries in one click', async () => {
    answer = (body) =>
      body.token
        ? { status: 403, headers: rateHeaders(48), body: { statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: read:clients,read:client_keys', errorCode: 'insufficient_scope' }, meta: { elapsedMs: 3, url: `${issuer}api/v2/clients` } }
        : ok([{ client_id: 'demo-m2m' }]);
    const { user } = await open('/explorer?endpoint=GET%20%2Fapi%2Fv2%2Fclients');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Authorize with' }), 'paste');
    const token = m2mToken('read:users');
    // The explorer's store outlives a test (it lives as long as the page): start from an empty box.
    await user.clear(screen.getByRole('textbox', { name: 'Bearer token' }));
    await user.paste(token);
    expect(screen.getByText('Check before sending').closest('section')).toHaveTextContent(/Fails/);
    await user.click(screen.getByRole('button', { name: 'Send request' }));

    const response = screen.getByRole('region', { name: 'Response' });
    expect(await within(response).findByText(/^403/)).toBeInTheDocument();
    const why = within(response).getByRole('region', { name: 'Why' });
    expect(why).toHaveTextContent('read:clients');
    expect(why).toHaveTextContent(/Insufficient scope/);
    // The copy-as-curl snippet never carries the token.
    expect(screen.getByLabelText('curl command').textContent).not.toContain(token);

    const retry = within(response).getByRole('button', { name: 'Mint a token with these scopes and retry' });
    // The least-privilege alternative of the catalog, which the button names.
    const scope = retry.nextElementSibling?.textContent ?? '';
    expect(scope).toMatch(/^read:client/);
    await user.click(retry);
    expect(await within(response).findByText(/^200/)).toBeInTheDocument();
    expect(calls[1]).toEqual({ profile: 'demo', method: 'GET', path: '/api/v2/clients', mintScope: scope });
  });

  it('explains the user-token trap: alice holds update:current_user_metadata, which covers her own user_metadata only', async () => {
    answer = () => ({
      status: 403,
      headers: rateHeaders(47),
      body: { statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: update:users,update:users_app_metadata,update:current_user_metadata', errorCode: 'insufficient_scope' },
      meta: { elapsedMs: 3, url: `${issuer}api/v2/users/auth0|bob` },
    });
    const { user } = await open('/explorer?endpoint=PATCH%20%2Fapi%2Fv2%2Fusers%2Fauth0%7Cbob');
    expect(screen.getByRole('textbox', { name: 'id' })).toHaveValue('auth0|bob');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Authorize with' }), 'paste');
    // The explorer's store outlives a test (it lives as long as the page): start from an empty box.
    await user.clear(screen.getByRole('textbox', { name: 'Bearer token' }));
    await user.paste(userToken('read:current_user update:current_user_metadata'));
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    const why = await within(screen.getByRole('region', { name: 'Response' })).findByRole('region', { name: 'Why' });
    expect(why).toHaveAttribute('data-code', 'OWN_USER_ONLY');
    expect(why).toHaveTextContent('update:current_user_metadata acts only on the token\u2019s own user (auth0|alice), and this call is on auth0|bob');
  });

  it('calls an own API with a free method and path', async () => {
    answer = () => ({ status: 403, headers: { 'www-authenticate': 'Bearer error="insufficient_scope", scope="write:appointments"' }, body: null, meta: { elapsedMs: 2, url: `${issuer}demo-api/appointments` } });
    const { user } = await open('/explorer');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Which API' }), 'https://api.demo.test/');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Method' }), 'POST');
    await user.click(screen.getByRole('textbox', { name: 'Body (JSON)' }));
    await user.paste('{"at":"09:00"}');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Authorize with' }), 'paste');
    // The explorer's store outlives a test (it lives as long as the page): start from an empty box.
    await user.clear(screen.getByRole('textbox', { name: 'Bearer token' }));
    await user.paste(userToken('read:appointments'));
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    const why = await within(screen.getByRole('region', { name: 'Response' })).findByRole('region', { name: 'Why' });
    expect(why).toHaveTextContent('write:appointments');
    expect(calls[0]).toMatchObject({ profile: 'demo', api: 'https://api.demo.test/', method: 'POST', path: '/appointments', body: { at: '09:00' } });
  });
});
