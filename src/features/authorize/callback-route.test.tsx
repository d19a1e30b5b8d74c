import { fireEvent, renderHook, screen, waitFor, within } from '@testing-library/react';
import { UnsecuredJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PendingAuthorization } from '../../lib/oauth/callback';
import { useIntrospectionHandoff } from '../../state/reissue-handoff';
import { renderRoute } from '../../test-support/render-route';
import { Component as CallbackRoute } from './callback-route';
import { savePendingAuthorization } from './pending-authorization';

const pending: PendingAuthorization = {
  version: 1,
  issuer: 'https://tenant.auth0.com/',
  authorizationEndpoint: 'https://tenant.auth0.com/authorize',
  tokenEndpoint: 'https://tenant.auth0.com/oauth/token',
  tokenEndpointKnown: true,
  clientId: 'abc',
  clientKind: 'public',
  redirectUri: 'http://localhost:3000/callback',
  state: 'the-state',
  nonce: 'the-nonce',
  codeVerifier: 'v'.repeat(43),
  requestedScope: 'openid read:things',
  audience: 'https://api.example/',
  responseType: 'code',
};

let visit = 0;
/** Lands on /callback with this response, as the browser would after the AS redirect (each visit is a new URL). */
function landOnCallback(query: string, fragment = '') {
  visit += 1;
  window.history.replaceState(null, '', `/callback?${query ? `${query}&` : ''}visit=${visit}${fragment ? `#${fragment}` : ''}`);
  renderRoute(<CallbackRoute />);
}

describe('/callback', () => {
  beforeEach(() => sessionStorage.clear());

  it('accepts a code with the right state, deletes the round-trip data and clears the address bar', () => {
    savePendingAuthorization(pending);
    landOnCallback('code=c1&state=the-state');
    expect(screen.getByText(/State checked/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Exchange code' })).toBeEnabled();
    expect(sessionStorage.length).toBe(0);
    expect(window.location.search).toBe('');
  });

  it('refuses a state mismatch and offers no exchange', () => {
    savePendingAuthorization(pending);
    landOnCallback('code=c1&state=forged');
    expect(screen.getByRole('alert')).toHaveTextContent('Refused: the state does not match');
    expect(screen.queryByRole('button', { name: 'Exchange code' })).not.toBeInTheDocument();
  });

  it('refuses a response when no login is pending in this tab', () => {
    landOnCallback('code=c1&state=the-state');
    expect(screen.getByRole('alert')).toHaveTextContent('ERR_NO_PENDING_REQUEST');
  });

  it('shows the AS error and its description as text', () => {
    savePendingAuthorization(pending);
    landOnCallback('error=access_denied&error_description=%3Cb%3EUser%3C%2Fb%3E%20said%20no&state=the-state');
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The authorization server returned an error');
    expect(within(alert).getByText('access_denied')).toBeInTheDocument();
    // Hostile text stays text.
    expect(within(alert).getByText('<b>User</b> said no')).toBeInTheDocument();
  });

  it('shows implicit-flow tokens from the fragment after the nonce check, with the scope diff', () => {
    savePendingAuthorization({ ...pending, responseType: 'id_token token' });
    const idToken = new UnsecuredJWT({ nonce: 'the-nonce', sub: 'alice' }).encode();
    landOnCallback('', `access_token=opaque-at&id_token=${idToken}&state=the-state&scope=openid`);
    expect(screen.getByText(/nonce checked/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Access token' })).toHaveValue('opaque-at');
    expect(screen.getAllByRole('link', { name: 'Open in token editor' })[0]).toHaveAttribute('href', '/debugger');
    const diff = screen.getByRole('table', { name: 'Requested vs granted' });
    expect(within(diff).getByRole('row', { name: /^read:things / })).toHaveTextContent('dropped');
    // Every row says why; openid is listed in the response here.
    const whyCells = within(diff).getAllByRole('row').slice(1).map((row) => row.lastElementChild?.textContent ?? '');
    expect(whyCells.every((why) => why.length > 20)).toBe(true);
    expect(within(diff).getByRole('row', { name: /^openid / })).toHaveTextContent('Listed in the token response’s scope');
  });

  it('tells an empty visit from a reloaded one', () => {
    window.history.replaceState(null, '', '/callback?nothing=here');
    renderRoute(<CallbackRoute />);
    expect(screen.getByText(/No authorization response here/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'The tokens of this login are gone' })).toBeNull();
  });

  it('offers "Introspect this token" for an opaque access token only, handing it over in memory', async () => {
    savePendingAuthorization({ ...pending, responseType: 'id_token token' });
    const idToken = new UnsecuredJWT({ nonce: 'the-nonce', sub: 'alice' }).encode();
    landOnCallback('', `access_token=opaque-at&id_token=${idToken}&state=the-state&scope=openid`);
    const buttons = screen.getAllByRole('button', { name: 'Introspect this token' });
    expect(buttons).toHaveLength(1);
    fireEvent.click(buttons[0]!);
    const { result } = renderHook(() => useIntrospectionHandoff());
    await waitFor(() => expect(result.current).toBe('opaque-at'));
    expect(window.location.href).not.toContain('opaque-at');
  });

  it('refuses an implicit ID token whose nonce differs', () => {
    savePendingAuthorization({ ...pending, responseType: 'id_token' });
    const idToken = new UnsecuredJWT({ nonce: 'replayed' }).encode();
    landOnCallback('', `id_token=${idToken}&state=the-state`);
    expect(screen.getByRole('alert')).toHaveTextContent('Refused: the nonce does not match');
  });
});
