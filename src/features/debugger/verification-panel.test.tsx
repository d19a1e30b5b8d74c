import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderRoute } from '../../test-support/render-route';
import { resetDebuggerStore } from './debugger-store';
import { VerificationPanel } from './verification-panel';

const jwk = (kid: string) => ({ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', kid });

function answering(body: unknown, status = 200) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json(body, { status }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderPanel() {
  renderRoute(<VerificationPanel verdict={undefined} tokenIssuer={undefined} />);
  fireEvent.click(screen.getByText('Fetch a JWKS (explicit, never automatic)'));
}

describe('VerificationPanel fetches', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    resetDebuggerStore();
  });

  it('asks the companion server for the discovery document and JWKS, and counts the keys in good English', async () => {
    const fetch = answering({
      discovery: { issuer: 'https://tenant.example.com/', jwks_uri: 'https://tenant.example.com/.well-known/jwks.json' },
      jwks: { keys: [jwk('one')] },
      fetchedFrom: { discovery: 'https://tenant.example.com/.well-known/openid-configuration', jwks: 'https://tenant.example.com/.well-known/jwks.json' },
    });
    renderPanel();
    fireEvent.change(screen.getByRole('textbox', { name: 'Trusted issuer' }), { target: { value: ' https://tenant.example.com/ ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fetch from discovery' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Fetched 1 key into “Verification key” from https://tenant.example.com/.well-known/jwks.json, named by the discovery document of https://tenant.example.com/.',
    );
    expect(fetch).toHaveBeenCalledWith('/api/metadata', expect.objectContaining({ method: 'POST', body: '{"issuer":"https://tenant.example.com/"}' }));
    expect(JSON.parse((screen.getByRole('textbox', { name: 'Verification key' }) as HTMLTextAreaElement).value)).toEqual({ keys: [jwk('one')] });
  });

  it('says "keys" for two, from a JWKS URL', async () => {
    answering({ jwks: { keys: [jwk('one'), jwk('two')] }, fetchedFrom: { jwks: 'https://idp.example/keys' } });
    renderPanel();
    fireEvent.change(screen.getByRole('textbox', { name: 'JWKS URL' }), { target: { value: 'https://idp.example/keys' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fetch JWKS' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Fetched 2 keys into “Verification key” from https://idp.example/keys.');
  });

  it("shows the server's refusal, naming the URL, and only the latest fetch's outcome", async () => {
    const message = 'https://127.0.0.2/jwks: 127.0.0.2 is not a public address';
    answering({ error: { code: 'metadata_address_refused', message } }, 403);
    renderPanel();
    fireEvent.change(screen.getByRole('textbox', { name: 'JWKS URL' }), { target: { value: 'https://127.0.0.2/jwks' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fetch JWKS' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`Could not fetch: ${message}`);

    answering({ jwks: { keys: [] }, fetchedFrom: { jwks: 'https://idp.example/jwks' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Trusted issuer' }), { target: { value: 'https://idp.example/' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fetch from discovery' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Fetched 0 keys');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says what it could not read as a URL, and how to get the access key', async () => {
    answering({ error: { code: 'invalid_request', message: 'The metadata request is invalid' } }, 400);
    renderPanel();
    fireEvent.change(screen.getByRole('textbox', { name: 'JWKS URL' }), { target: { value: 'tenant.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fetch JWKS' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not fetch: “tenant.example.com” is not an http(s) URL.');

    // A URL the server refuses for another rule: its own message, not "not a URL".
    answering({ error: { code: 'invalid_request', message: 'An issuer has no query or fragment: https://idp.example/?x=1' } }, 400);
    fireEvent.change(screen.getByRole('textbox', { name: 'Trusted issuer' }), { target: { value: 'https://idp.example/?x=1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fetch from discovery' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not fetch: An issuer has no query or fragment: https://idp.example/?x=1');

    answering({ error: { code: 'unauthenticated', message: 'no key' } }, 401);
    fireEvent.click(screen.getByRole('button', { name: 'Fetch JWKS' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/Could not fetch: The companion server needs its access key/);
  });
});
