import { OAuthFlowError } from './oauth-error';

/**
 * One query parameter of an authorization request. `raw` is the segment exactly as it was pasted,
 * so that parsing then building gives back the same text (`+` vs `%20`, `%2F` vs `/`, `a` vs `a=`).
 */
export interface AuthorizeParam {
  readonly name: string;
  readonly value: string;
  readonly raw?: string;
}

/** An authorization request (RFC 6749 §4.1.1), as an ordered list of parameters; repeats and unknown names are kept. */
export interface AuthorizeRequest {
  /** The authorization endpoint, exactly as given (no normalization). */
  readonly endpoint: string;
  readonly params: readonly AuthorizeParam[];
  /** A trailing `?` with nothing after it. */
  readonly emptyQuery?: boolean;
  /** Anything after `#`, without the `#`. */
  readonly fragment?: string;
}

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Malformed percent-encoding: keep the text as typed, `raw` still round-trips it.
    return spaced;
  }
}

/** Percent-encodes a name or value the way browsers' encodeURIComponent does (space as %20). */
function encodeComponent(text: string): string {
  return encodeURIComponent(text);
}

function decodeSegment(segment: string): { name: string; value: string } {
  const equals = segment.indexOf('=');
  if (equals === -1) return { name: decodeComponent(segment), value: '' };
  return { name: decodeComponent(segment.slice(0, equals)), value: decodeComponent(segment.slice(equals + 1)) };
}

function encodeParam(param: AuthorizeParam): string {
  if (param.raw !== undefined) {
    const decoded = decodeSegment(param.raw);
    if (decoded.name === param.name && decoded.value === param.value) return param.raw;
  }
  return `${encodeComponent(param.name)}=${encodeComponent(param.value)}`;
}

/** Parses an /authorize URL into its endpoint and ordered parameters; never reorders, merges or drops anything. */
export function parseAuthorizeUrl(input: string): AuthorizeRequest {
  const text = input.trim();
  const hashAt = text.indexOf('#');
  const beforeHash = hashAt === -1 ? text : text.slice(0, hashAt);
  const fragment = hashAt === -1 ? undefined : text.slice(hashAt + 1);
  const questionAt = beforeHash.indexOf('?');
  const endpoint = questionAt === -1 ? beforeHash : beforeHash.slice(0, questionAt);
  const query = questionAt === -1 ? undefined : beforeHash.slice(questionAt + 1);

  let parsed: URL;
  try {
    parsed = new URL(endpoint);
  } catch (cause) {
    throw new OAuthFlowError('ERR_INVALID_AUTHORIZE_URL', 'This is not an absolute URL.', { cause });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new OAuthFlowError('ERR_INVALID_AUTHORIZE_URL', 'An authorization endpoint is an http(s) URL.');
  }

  const params = query === undefined || query === '' ? [] : query.split('&').map((raw) => ({ ...decodeSegment(raw), raw }));
  return {
    endpoint,
    params,
    ...(query === '' ? { emptyQuery: true } : {}),
    ...(fragment === undefined ? {} : { fragment }),
  };
}

/** Builds the URL text of an authorization request; `parseAuthorizeUrl` then `buildAuthorizeUrl` is the identity. */
export function buildAuthorizeUrl(request: AuthorizeRequest): string {
  const query = request.params.map(encodeParam).join('&');
  const withQuery = request.params.length > 0 ? `${request.endpoint}?${query}` : request.emptyQuery ? `${request.endpoint}?` : request.endpoint;
  return request.fragment === undefined ? withQuery : `${withQuery}#${request.fragment}`;
}

/** The first value of a parameter, or undefined when it is absent. */
export function getParam(request: AuthorizeRequest, name: string): string | undefined {
  return request.params.find((param) => param.name === name)?.value;
}

/** Every value of a parameter, in order. */
export function getParamValues(request: AuthorizeRequest, name: string): string[] {
  return request.params.filter((param) => param.name === name).map((param) => param.value);
}

/**
 * Sets a parameter in place: the first occurrence keeps its position, a new one goes last.
 * `undefined` removes every occurrence. Later repeats are left alone, so the pitfalls list can show them.
 */
export function setParam(request: AuthorizeRequest, name: string, value: string | undefined): AuthorizeRequest {
  if (value === undefined) return { ...request, params: request.params.filter((param) => param.name !== name) };
  const index = request.params.findIndex((param) => param.name === name);
  if (index === -1) return { ...request, params: [...request.params, { name, value }] };
  const params = request.params.map((param, at) => (at === index ? { ...param, value } : param));
  return { ...request, params };
}

/** Replaces the parameter at a position (used by the custom-parameter editor, where names may repeat). */
export function replaceParamAt(request: AuthorizeRequest, index: number, next: { name: string; value: string }): AuthorizeRequest {
  const params = request.params.map((param, at) => (at === index ? { ...param, ...next } : param));
  return { ...request, params };
}

/** Removes the parameter at a position. */
export function removeParamAt(request: AuthorizeRequest, index: number): AuthorizeRequest {
  return { ...request, params: request.params.filter((_, at) => at !== index) };
}

/** Appends a parameter, even when one of that name exists. */
export function appendParam(request: AuthorizeRequest, param: { name: string; value: string }): AuthorizeRequest {
  return { ...request, params: [...request.params, param] };
}

/** Names that appear more than once (RFC 6749 §3.1: request parameters must not be included more than once). */
export function repeatedParamNames(request: AuthorizeRequest): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { name } of request.params) {
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  return [...repeated];
}
