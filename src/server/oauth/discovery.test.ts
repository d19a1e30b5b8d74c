import { describe, expect, it } from 'vitest';
import { createDiscoveryCache } from './discovery';
import { createSecretScrubber } from './secret-scrubber';
import { stubProfile } from '../test-support';

const issuer = 'http://127.0.0.1:4903/';
const profile = stubProfile(issuer);

/** A discovery endpoint that counts its requests, answering `fail` ones with a 500 first. */
function countingAs(fail = 0) {
  let requests = 0;
  const fetchImpl = (async () => {
    requests += 1;
    await new Promise((r) => setTimeout(r, 5));
    if (requests <= fail) return new Response('down', { status: 500 });
    return Response.json({ issuer, token_endpoint: `${issuer}token` });
  }) as typeof fetch;
  return { fetchImpl, requests: () => requests };
}

describe('discovery cache', () => {
  it('shares one request between concurrent asks, keeps the document for ten minutes, and refetches on refresh', async () => {
    let now = 0;
    const as = countingAs();
    const cache = createDiscoveryCache(as.fetchImpl, createSecretScrubber({ profiles: [], secrets: [] }), () => now);
    const [a, b] = await Promise.all([cache.get(profile), cache.get(profile)]);
    expect(a.document.issuer).toBe(issuer);
    expect(b).toBe(a);
    expect(as.requests()).toBe(1);
    now = 10 * 60_000 - 1;
    await cache.get(profile);
    expect(as.requests()).toBe(1);
    await cache.get(profile, true);
    expect(as.requests()).toBe(2);
    now += 10 * 60_000 + 1;
    await cache.get(profile);
    expect(as.requests()).toBe(3);
  });

  it('does not keep a failure', async () => {
    const as = countingAs(1);
    const cache = createDiscoveryCache(as.fetchImpl, createSecretScrubber({ profiles: [], secrets: [] }), () => 0);
    await expect(cache.get(profile)).rejects.toMatchObject({ code: 'upstream_error' });
    expect((await cache.get(profile)).document.issuer).toBe(issuer);
    expect(as.requests()).toBe(2);
  });
});
