import type { CallMethod, CallResponse } from '../../shared/call-contract';
import { ApiError } from '../errors';
import { NestingTooDeepError } from './secret-scrubber';
import type { SecretScrubber } from './secret-scrubber';
import { maxUpstreamResponseBytes, readUpstreamText, upstreamFetch, UpstreamTooLargeError } from './upstream-fetch';

/**
 * The answer headers the explorer shows: what explains a status (content type, challenges, rate limits, where a
 * redirect pointed) and nothing that carries state. Never `set-cookie`.
 */
const shownHeaders = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'date',
  'etag',
  'last-modified',
  'location',
  'retry-after',
  'www-authenticate',
  'x-auth0-requestid',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
]);

/** Shorter "tokens" are test strings, not credentials: as scrubber needles they would redact ordinary words. */
const minScrubbedTokenLength = 16;
const jsonMediaType = /^application\/([\w.-]+\+)?json$/i;

export interface ApiCall {
  url: URL;
  method: CallMethod;
  /** The JSON body; undefined sends none. */
  body?: unknown;
  /** The bearer token to send, pasted or minted: never logged, cached or quoted in an error. */
  bearer?: string;
  timeoutMs: number;
}

function answerBody(text: string, contentType: string | null, scrubber: SecretScrubber, host: string): unknown {
  if (text === '') return null;
  const mediaType = (contentType ?? '').split(';')[0]?.trim() ?? '';
  if (jsonMediaType.test(mediaType)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      return scrubber.text(text);
    }
    try {
      return scrubber.json(parsed);
    } catch (error) {
      if (!(error instanceof NestingTooDeepError)) throw error;
      throw new ApiError(502, 'upstream_error', `${host} answered with JSON nested too deeply`);
    }
  }
  return scrubber.text(text);
}

/**
 * One request of the API explorer to an API the profile allows (the caller resolved and checked `url`): the
 * profile's deadline, redirects never followed (a 3xx comes back as it is), answers over 1 MB refused as
 * response_too_large, and every answer, whatever its status, returned as data: status, the shown headers, the body
 * (JSON or text), each scrubbed of the configured secrets and of the bearer token itself.
 */
export async function sendApiCall(fetchImpl: typeof fetch, scrubber: SecretScrubber, call: ApiCall): Promise<CallResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  if (call.bearer !== undefined) headers.authorization = `Bearer ${call.bearer}`;
  const scrub = call.bearer !== undefined && call.bearer.length >= minScrubbedTokenLength ? scrubber.withSecrets([call.bearer]) : scrubber;
  const { host } = call.url;
  const started = performance.now();
  try {
    const response = await upstreamFetch(fetchImpl, call.timeoutMs)(call.url.href, {
      method: call.method,
      headers,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
    const text = await readUpstreamText(response, host, call.timeoutMs);
    const elapsedMs = Math.round(performance.now() - started);
    const shown: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (shownHeaders.has(name)) shown[name] = scrub.text(value);
    });
    return {
      status: response.status,
      headers: shown,
      body: answerBody(text, response.headers.get('content-type'), scrub, host),
      meta: { elapsedMs, url: scrub.text(call.url.href) },
    };
  } catch (error) {
    if (error instanceof UpstreamTooLargeError) {
      throw new ApiError(502, 'response_too_large', `${host} answered with more than ${maxUpstreamResponseBytes / 1024} KB: the answer was cut off and is not shown`);
    }
    throw error;
  }
}
