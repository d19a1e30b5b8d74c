import { act, fireEvent, renderHook, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RFC7515_A1, RFC7515_A5 } from '../../lib/jwt/fixtures/rfc-vectors';
import { useEditorHandoff, useIntrospectionHandoff, useReissueHandoffActions } from '../../state/reissue-handoff';
import { renderRoute } from '../../test-support/render-route';
import { Component as DebuggerRoute } from './debugger-route';
import { resetDebuggerStore } from './debugger-store';

const renderAt = (url: string) => renderRoute(<DebuggerRoute />, { url, path: '/debugger' });

const status = (name: string) => screen.getByRole('status', { name });
const slow = { timeout: 10_000 };

describe('/debugger', () => {
  afterEach(() => resetDebuggerStore());

  it('reads the token from #token=, drops the fragment, and verifies RFC 7515 A.1 with its base64url secret', { timeout: 20_000 }, async () => {
    const { location } = renderAt(`/debugger#token=${RFC7515_A1.token}`);
    const box = screen.getByRole('textbox', { name: 'Encoded token' });
    await waitFor(() => expect(box).toHaveValue(RFC7515_A1.token));
    await waitFor(() => expect(location().hash).toBe(''));
    await waitFor(() => expect(status('Signature')).toHaveTextContent(/^Not verified: no key yet/), slow);
    expect(status('Token validity')).toHaveTextContent(/^Expired .* ago \(at 2011-03-22T18:43:00Z\)/);

    fireEvent.change(await screen.findByRole('textbox', { name: 'Verification key' }, slow), { target: { value: RFC7515_A1.secretBase64url } });
    await waitFor(() => expect(status('Signature')).toHaveTextContent(/^Invalid signature/), slow);
    fireEvent.change(screen.getByRole('combobox', { name: 'Secret encoding' }), { target: { value: 'base64url' } });
    await waitFor(() => expect(status('Signature')).toHaveTextContent(/^Signature verified: HS256/), slow);
  });

  it('with no token, the validation profile has nothing to judge yet, then judges the pasted token', async () => {
    renderAt('/debugger');
    // The statuses say "Nothing to judge yet" too; this is the validation profile's line.
    expect(await screen.findByText(/^Nothing to judge yet: paste a token, and each expectation/, {}, slow)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Validation results' })).toBeNull();
    fireEvent.change(screen.getByRole('textbox', { name: 'Encoded token' }), { target: { value: RFC7515_A1.token } });
    expect(await screen.findByRole('list', { name: 'Validation results' }, slow)).toHaveTextContent('Signature');
    expect(screen.queryByText(/^Nothing to judge yet/)).toBeNull();
  });

  it('lists findings with their rule ids for alg none, and never verifies it', async () => {
    renderAt('/debugger');
    fireEvent.change(screen.getByRole('textbox', { name: 'Encoded token' }), { target: { value: RFC7515_A5.token } });
    await waitFor(() => expect(status('Signature')).toHaveTextContent(/^Not verified: "alg": "none"/), slow);
    const findings = screen.getByRole('list', { name: 'Findings' });
    expect(findings).toHaveTextContent('alg-none');
    expect(findings).toHaveTextContent('expired');
  });

  it('says where a malformed token is broken', async () => {
    renderAt('/debugger');
    fireEvent.change(screen.getByRole('textbox', { name: 'Encoded token' }), { target: { value: RFC7515_A1.token.replace('-', '+') } });
    await waitFor(() => expect(status('Signature')).toHaveTextContent(/^Malformed token: '\+' in the .* is standard base64/), slow);
    expect(screen.getByText('+', { selector: 'mark' })).toBeInTheDocument();
  });

  it('renders hostile claim values as text', { timeout: 20_000 }, async () => {
    renderAt('/debugger');
    const payload = btoa(JSON.stringify({ name: '<img src=x onerror=alert(1)>' })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    fireEvent.change(screen.getByRole('textbox', { name: 'Encoded token' }), { target: { value: `eyJhbGciOiJIUzI1NiJ9.${payload}.c2ln` } });
    const shown = await screen.findAllByText('"<img src=x onerror=alert(1)>"', {}, slow);
    expect(shown.some((element) => element.closest('.claims-table'))).toBe(true);
    expect(document.querySelector('img')).toBeNull();
  });

  it('with no token, the statuses have nothing to judge: no verdict, no warning tone', async () => {
    renderAt('/debugger');
    await waitFor(() => expect(status('Signature')).toHaveTextContent(/^Nothing to judge yet: paste a token, or load one from Examples\./), slow);
    expect(status('Token validity')).toHaveTextContent(/^Nothing to judge yet/);
    for (const name of ['Signature', 'Token validity', 'Token type']) expect(status(name).className).not.toMatch(/\b(warn|danger|ok)\b/);
  });

  it('loads the ID token example with its JWKS; "Fill from the token" then leaves the client id out of the expected audience', { timeout: 30_000 }, async () => {
    renderAt('/debugger');
    fireEvent.change(screen.getByRole('combobox', { name: 'Examples' }), { target: { value: 'id-token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Load example' }));
    await waitFor(() => expect(status('Signature')).toHaveTextContent(/^Signature verified: RS256/), slow);
    expect(status('Token type')).toHaveTextContent(/^ID token/);
    expect((screen.getByRole('textbox', { name: 'Verification key' }) as HTMLTextAreaElement).value).toContain('"keys"');
    fireEvent.click(await screen.findByRole('button', { name: 'Fill from the token' }, slow));
    expect(screen.getByRole('textbox', { name: 'Expected audience' })).toHaveValue('');
    expect(screen.getByRole('textbox', { name: 'Expected issuer' })).toHaveValue('https://example-tenant.us.auth0.com/');
    expect(screen.getByRole('button', { name: 'Fill from the token' })).toHaveAccessibleDescription(/is the client id of the app that signed the user in, not an API audience/);
  });

  it('loads the legacy Management API example with its secret as base64', { timeout: 30_000 }, async () => {
    renderAt('/debugger');
    fireEvent.change(screen.getByRole('combobox', { name: 'Examples' }), { target: { value: 'legacy-management-api' } });
    fireEvent.click(screen.getByRole('button', { name: 'Load example' }));
    await waitFor(() => expect(status('Signature')).toHaveTextContent(/^Signature verified: HS256/), slow);
    expect(screen.getByRole('combobox', { name: 'Secret encoding' })).toHaveValue('base64');
    await waitFor(() => expect(screen.getByRole('list', { name: 'Findings' })).toHaveTextContent('long-lived'), slow);
  });

  it('"Introspect this token" hands an opaque token to /introspect in memory, not in the URL', async () => {
    let handedOver = '';
    function HandoffProbe() {
      handedOver = useIntrospectionHandoff();
      return null;
    }
    const opaque = 'abcdefghijklmnopqrstuvwxyz012345';
    const { location } = renderRoute(
      <>
        <DebuggerRoute />
        <HandoffProbe />
      </>,
      { url: '/debugger' },
    );
    expect(screen.queryByRole('button', { name: 'Introspect this token' })).toBeNull();
    fireEvent.change(screen.getByRole('textbox', { name: 'Encoded token' }), { target: { value: opaque } });
    fireEvent.click(await screen.findByRole('button', { name: 'Introspect this token' }));
    await waitFor(() => expect(location().pathname).toBe('/introspect'));
    expect(location().search + location().hash).toBe('');
    expect(handedOver).toBe(opaque);
  });

  it('takes a token another tool handed over in memory ("Open in token editor") once, with nothing in the URL', async () => {
    const { result } = renderHook(() => ({ actions: useReissueHandoffActions(), pending: useEditorHandoff() }));
    act(() => result.current.actions.editorRequested(RFC7515_A1.token));
    const { location } = renderRoute(<DebuggerRoute />, { url: '/debugger' });
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Encoded token' })).toHaveValue(RFC7515_A1.token));
    expect(location().hash).toBe('');
    expect(result.current.pending).toBe('');
  });
});
