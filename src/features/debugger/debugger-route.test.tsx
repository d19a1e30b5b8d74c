import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RFC7515_A1, RFC7515_A5 } from '../../lib/jwt/fixtures/rfc-vectors';
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
    expect(await screen.findByText(/^Nothing to judge yet/, {}, slow)).toBeInTheDocument();
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
});
