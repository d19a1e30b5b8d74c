import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CompanionError, companionFetch, getJson, postJson } from './companion-client';

const okSchema = z.object({ ok: z.literal(true) });

function answering(response: Response | (() => Promise<Response>)) {
  return vi.fn<typeof fetch>(typeof response === 'function' ? response : async () => response);
}

async function failure(promise: Promise<unknown>): Promise<CompanionError> {
  const error: unknown = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(CompanionError);
  return error as CompanionError;
}

describe('companionFetch', () => {
  it('GETs with an accept header and returns the validated answer', async () => {
    const fetch = answering(Response.json({ ok: true, extra: 'dropped' }));
    expect(await getJson('/api/thing', okSchema, { fetch })).toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledWith('/api/thing', { method: 'GET', headers: { accept: 'application/json' } });
  });

  it('POSTs the body as JSON', async () => {
    const fetch = answering(Response.json({ ok: true }));
    await postJson('/api/thing', { profile: 'demo' }, okSchema, { fetch });
    expect(fetch).toHaveBeenCalledWith('/api/thing', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"profile":"demo"}',
    });
  });

  it("turns the server's error body into a CompanionError with its code, status, message and upstream error", async () => {
    const upstream = { error: 'invalid_client', error_description: 'bad secret', status: 401 };
    const fetch = answering(Response.json({ error: { code: 'upstream_error', message: 'The AS refused', upstream } }, { status: 502 }));
    const error = await failure(postJson('/api/token', {}, okSchema, { fetch }));
    expect(error).toMatchObject({ name: 'CompanionError', code: 'upstream_error', status: 502, message: 'The AS refused', upstream });
  });

  it('says invalid_response for an error body outside the contract, or an unknown code', async () => {
    const html = await failure(getJson('/api/thing', okSchema, { fetch: answering(new Response('<h1>Bad gateway</h1>', { status: 502 })) }));
    expect(html).toMatchObject({ code: 'invalid_response', status: 502, message: 'The companion server answered HTTP 502.' });
    const unknownCode = answering(Response.json({ error: { code: 'made_up', message: 'no' } }, { status: 400 }));
    expect(await failure(getJson('/api/thing', okSchema, { fetch: unknownCode }))).toMatchObject({ code: 'invalid_response', status: 400 });
  });

  it('says invalid_response for a successful answer of another shape', async () => {
    const error = await failure(getJson('/api/thing', okSchema, { fetch: answering(Response.json({ ok: 'yes' })) }));
    expect(error).toMatchObject({ code: 'invalid_response', status: 200, upstream: undefined });
  });

  it('says companion_unreachable, with status 0, when fetch gets no answer at all', async () => {
    const fetch = answering(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await failure(getJson('/api/profiles', okSchema, { fetch }));
    expect(error).toMatchObject({ code: 'companion_unreachable', status: 0, message: 'The companion server cannot be reached.' });
  });

  it("rethrows the caller's abort untouched", async () => {
    const controller = new AbortController();
    controller.abort();
    const fetch = answering(() => Promise.reject(controller.signal.reason));
    await expect(companionFetch('/api/profiles', okSchema, { fetch, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(fetch.mock.calls[0]?.[1]?.signal).toBe(controller.signal);
  });

  it("uses the page's fetch by default, read at call time", async () => {
    const fetch = answering(Response.json({ ok: true }));
    vi.stubGlobal('fetch', fetch);
    try {
      await getJson('/api/thing', okSchema);
      expect(fetch).toHaveBeenCalledOnce();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
