import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { companionKeys, profilesQueryOptions } from './profiles-query';

const demo = { id: 'demo', label: 'Demo', issuer: 'http://127.0.0.1:4001/', client_id: 'demo-m2m', client_auth_method: 'client_secret_basic', default_audience: null, apis: [], demo: true };

describe('profilesQueryOptions', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads GET /api/profiles once, under the one companion key every tool shares', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json({ profiles: [demo] }));
    vi.stubGlobal('fetch', fetch);
    const client = new QueryClient();
    expect(profilesQueryOptions().queryKey).toEqual(['companion', 'profiles']);
    expect(await client.fetchQuery(profilesQueryOptions())).toEqual([demo]);
    expect(await client.fetchQuery(profilesQueryOptions())).toEqual([demo]);
    expect(fetch).toHaveBeenCalledOnce();
    expect(client.getQueryData(companionKeys.profiles())).toEqual([demo]);
  });
});
