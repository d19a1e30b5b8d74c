import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderRoute } from '../../test-support/render-route';
import { Component as AuthorizeRoute } from './authorize-route';
import { initializeAuthorizeRequest } from './authorize-store';

const renderAt = (url: string) => renderRoute(<AuthorizeRoute />, { url, path: '/authorize' });

const urlBox = () => screen.getByRole('textbox', { name: 'Authorize URL' }) as HTMLTextAreaElement;
const pitfallIds = () => within(screen.getByRole('list', { name: 'Pitfalls' })).queryAllByRole('listitem').map((item) => item.getAttribute('data-rule'));

describe('/authorize', () => {
  beforeEach(async () => {
    await initializeAuthorizeRequest('http://localhost:3000/callback', { startOver: true });
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ profiles: [] })));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('pasting a URL (or opening ?url=) fills the form and shows exactly that URL', async () => {
    const pasted = 'https://tenant.eu.auth0.com/authorize?client_id=abc&response_type=id_token%20token&scope=openid+roles&ext=%2Fa%2Fb&ext=2&prompt=';
    renderAt(`/authorize?url=${encodeURIComponent(pasted)}`);
    expect(await screen.findByRole('textbox', { name: 'Client ID' })).toHaveValue('abc');
    expect(urlBox().value).toBe(pasted);
    expect(screen.getByRole('textbox', { name: 'Domain or issuer' })).toHaveValue('tenant.eu.auth0.com');
    expect(screen.getByRole('combobox', { name: 'Response type' })).toHaveValue('id_token token');
    expect(screen.getByRole('textbox', { name: 'Scope' })).toHaveValue('openid roles');
    const custom = screen.getByRole('list', { name: 'Custom parameters' });
    expect(within(custom).getAllByRole('textbox').map((input) => (input as HTMLInputElement).value)).toEqual(['ext', '/a/b', 'ext', '2']);
    expect(pitfallIds()).toEqual(expect.arrayContaining(['implicit-flow', 'nonce-missing', 'non-standard-scope', 'state-missing', 'repeated-parameter']));
  });

  // Types about 80 characters key by key: give it room on a loaded 2-core machine.
  it('builds the URL live from the fields, and a pitfall fix edits the form', { timeout: 20_000 }, async () => {
    const user = userEvent.setup();
    renderAt('/authorize');
    await user.type(screen.getByRole('textbox', { name: 'Domain or issuer' }), 'tenant.auth0.com');
    await user.type(screen.getByRole('textbox', { name: 'Client ID' }), 'abc');
    const url = new URL(urlBox().value);
    expect(url.origin + url.pathname).toBe('https://tenant.auth0.com/authorize');
    expect(url.searchParams.get('client_id')).toBe('abc');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(pitfallIds()).toContain('missing-audience');

    await user.type(screen.getByRole('textbox', { name: 'Audience' }), 'https://tenant.auth0.com/api/v2');
    expect(pitfallIds()).toContain('audience-mismatch');
    await user.click(screen.getByRole('button', { name: 'Use https://tenant.auth0.com/api/v2/' }));
    expect(screen.getByRole('textbox', { name: 'Audience' })).toHaveValue('https://tenant.auth0.com/api/v2/');
    expect(pitfallIds()).not.toContain('audience-mismatch');

    await user.click(screen.getByRole('checkbox', { name: 'PKCE' }));
    expect(new URL(urlBox().value).searchParams.get('code_challenge')).toBeNull();
    expect(pitfallIds()).toContain('pkce-missing');
    await user.click(screen.getByRole('button', { name: 'Add PKCE (S256)' }));
    // The fix generates a code verifier with WebCrypto: the form updates when that promise settles.
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'PKCE' })).toBeChecked());
    expect(pitfallIds()).not.toContain('pkce-missing');
  });

  it("checks the audience against the user's own APIs from the scope picker, and ignores malformed storage", async () => {
    localStorage.setItem('token-workbench:scopes', JSON.stringify({
      version: 1,
      state: { customApis: [{ id: 'a', name: 'Billing', identifier: 'https://billing.example.com/', scopes: [{ name: 'read:invoices' }], operations: [] }, { id: 'broken' }] },
    }));
    const user = userEvent.setup();
    renderAt('/authorize');
    await user.type(screen.getByRole('textbox', { name: 'Domain or issuer' }), 'tenant.auth0.com');
    expect(screen.getByRole('button', { name: 'Add audience Billing (https://billing.example.com/)' })).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Audience' }), 'https://billing.example.com');
    await user.click(screen.getByRole('button', { name: 'Use https://billing.example.com/' }));
    expect(screen.getByRole('textbox', { name: 'Audience' })).toHaveValue('https://billing.example.com/');
    localStorage.clear();
  });

  it('presets set what each kind of app sends', async () => {
    const user = userEvent.setup();
    renderAt('/authorize');
    await user.type(screen.getByRole('textbox', { name: 'Domain or issuer' }), 'https://sso.example.com/realms/demo');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Preset' }), 'Auth0 regular web app');
    expect(screen.getByRole('combobox', { name: 'Response mode' })).toHaveValue('form_post');
    expect(screen.getByRole('combobox', { name: 'Client type' })).toHaveValue('confidential');
    expect(pitfallIds()).toContain('missing-audience');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Preset' }), 'Generic OIDC');
    expect(screen.getByRole('combobox', { name: 'Response mode' })).toHaveValue('');
    expect(screen.getByRole('textbox', { name: 'Scope' })).toHaveValue('openid');
    expect(screen.getByRole('combobox', { name: 'Client type' })).toHaveValue('public');
    // A generic server with no known API has no audience convention to miss.
    expect(pitfallIds()).not.toContain('missing-audience');
    expect(screen.getByText(/a guess: fetch discovery to confirm/)).toBeInTheDocument();
  });

  it('adds custom parameters to the URL, in order', async () => {
    const user = userEvent.setup();
    renderAt('/authorize');
    await user.type(screen.getByRole('textbox', { name: 'Domain or issuer' }), 'tenant.auth0.com');
    await user.click(screen.getByRole('button', { name: 'Add parameter' }));
    await user.type(screen.getByRole('textbox', { name: 'Parameter 1 name' }), 'ui_locales');
    await user.type(screen.getByRole('textbox', { name: 'Parameter 1 value' }), 'fr de');
    expect(urlBox().value.endsWith('&ui_locales=fr%20de')).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Remove parameter 1' }));
    expect(urlBox().value).not.toContain('ui_locales');
  });

  it('keeps "Log in" disabled, and focusable with its reasons, while an error-level pitfall stands', { timeout: 20_000 }, async () => {
    const user = userEvent.setup();
    renderAt('/authorize');
    const logIn = screen.getByRole('button', { name: 'Log in' });
    expect(logIn).toHaveAttribute('aria-disabled', 'true');
    expect(logIn).toHaveAccessibleDescription(/“Log in” is disabled: There is no client ID; there is no authorize URL yet/);
    await user.type(screen.getByRole('textbox', { name: 'Domain or issuer' }), 'tenant.auth0.com');
    expect(logIn).toHaveAccessibleDescription(/“Log in” is disabled: There is no client ID\. See the pitfalls below\.$/);
    // A client id can never be overridden: the server would not come back.
    expect(screen.queryByRole('checkbox', { name: /Log in anyway/ })).toBeNull();

    await user.type(screen.getByRole('textbox', { name: 'Client ID' }), 'abc');
    await user.type(screen.getByRole('textbox', { name: 'Audience' }), 'https://tenant.auth0.com/api/v2/');
    await user.clear(screen.getByRole('textbox', { name: 'Scope' }));
    await user.type(screen.getByRole('textbox', { name: 'Scope' }), 'openid update:users');
    expect(logIn).toHaveAttribute('aria-disabled', 'true');
    expect(logIn).toHaveAccessibleDescription(/Users cannot be granted update:users.*tick “Log in anyway”/);
    // Still reachable by keyboard, so the reason is heard.
    logIn.focus();
    expect(logIn).toHaveFocus();

    await user.click(screen.getByRole('checkbox', { name: 'Log in anyway, to see what the server does' }));
    expect(logIn).toHaveAttribute('aria-disabled', 'false');
    expect(logIn).not.toHaveAccessibleDescription();

    // The override was for that pitfall: once it goes and comes back, "Log in anyway" is asked again.
    await user.clear(screen.getByRole('textbox', { name: 'Scope' }));
    await user.type(screen.getByRole('textbox', { name: 'Scope' }), 'openid');
    expect(logIn).toHaveAttribute('aria-disabled', 'false');
    await user.clear(screen.getByRole('textbox', { name: 'Scope' }));
    await user.type(screen.getByRole('textbox', { name: 'Scope' }), 'openid update:users');
    expect(logIn).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('checkbox', { name: 'Log in anyway, to see what the server does' })).not.toBeChecked();
  });
});
