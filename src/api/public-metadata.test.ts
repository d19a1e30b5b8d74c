import { describe, expect, it, vi } from 'vitest';
import { CompanionError } from './companion-client';
import { fetchPublicMetadata } from './public-metadata';

const jwks = { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k' }] };

describe('fetchPublicMetadata', () => {
  it('asks the companion server, never the issuer, and returns the validated answer', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json({ jwks, fetchedFrom: { jwks: 'https://idp.example/jwks' } }));
    expect(await fetchPublicMetadata({ jwksUri: 'https://idp.example/jwks' }, { fetch })).toEqual({ jwks, fetchedFrom: { jwks: 'https://idp.example/jwks' } });
    expect(fetch).toHaveBeenCalledWith('/api/metadata', expect.objectContaining({ method: 'POST', body: '{"jwksUri":"https://idp.example/jwks"}' }));
  });

  it("turns the server's refusal into a CompanionError with its stable code", async () => {
    const message = 'https://127.0.0.2/: 127.0.0.2 is not a public address';
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json({ error: { code: 'metadata_address_refused', message } }, { status: 403 }));
    const error: unknown = await fetchPublicMetadata({ issuer: 'https://127.0.0.2/' }, { fetch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompanionError);
    expect(error).toMatchObject({ code: 'metadata_address_refused', status: 403, message });
  });

  it('refuses an answer outside the contract', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json({ keys: 'everything' }));
    await expect(fetchPublicMetadata({ issuer: 'https://idp.example/' }, { fetch })).rejects.toMatchObject({ code: 'invalid_response' });
  });
});
