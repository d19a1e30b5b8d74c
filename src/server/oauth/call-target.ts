import { isAuth0Host } from '../../lib/oauth/issuer';
import type { CallRequest } from '../../shared/call-contract';
import type { ResolvedProfile } from '../config';
import { ApiError } from '../errors';

/** Where POST /api/call sends a request: the final URL, and the audience a minted token is for. */
export interface CallTarget {
  url: URL;
  audience: string;
}

/** The prefix that catalog paths of the Management API carry (`/api/v2/users`): stripped before they are put under its base. */
const managementPathPrefix = '/api/v2';

/** The Management API's identifier for a profile: `{issuer}api/v2/`, as Auth0 and the demo tenant name it. */
export const managementApiIdentifier = (profile: Pick<ResolvedProfile, 'issuer'>): string => new URL('api/v2/', profile.issuer).href;

/**
 * Whether the profile has a Management API to call: the demo profiles, a `*.auth0.com` issuer, or a profile whose
 * `apis` list the identifier `{issuer}api/v2/` (a custom domain or an Auth0-compatible server says so that way).
 */
function hasManagementApi(profile: ResolvedProfile): boolean {
  const identifier = managementApiIdentifier(profile);
  return profile.demo || isAuth0Host(new URL(profile.issuer).hostname) || profile.apis.some((api) => api.identifier === identifier);
}

const refused = (why: string) => new ApiError(400, 'path_not_allowed', `The path ${why}: it must stay under the API's base URL`);

/**
 * Refuses every path that could leave its base once a URL parser or the upstream server resolves it: control
 * characters and whitespace (the WHATWG parser drops tabs and newlines, joining `.\t.` into `..`), a backslash
 * (read as `/`), `?` and `#` (the query goes in `query`), `//` (a host, once at the start), a `.` or `..` segment,
 * and an encoded dot, slash or backslash, percent-encoded once or more (`%2e`, `%252f`, `%5C`), or a malformed escape.
 */
function checkPathText(path: string): void {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029]/.test(path)) throw refused('contains whitespace or a control character');
  if (path.includes('\\')) throw refused('contains a backslash');
  if (/[?#]/.test(path)) throw refused('contains "?" or "#" (send query parameters in `query`)');
  if (path.includes('//')) throw refused('contains "//"');
  if (/%(?![0-9a-f]{2})/i.test(path)) throw refused('contains a malformed percent-escape');
  if (/%(25)*(2e|2f|5c)/i.test(path)) throw refused('contains an encoded dot, slash or backslash');
  if (/%(25)*(0[0-9a-f]|1[0-9a-f]|7f)/i.test(path)) throw refused('contains an encoded control character');
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) throw refused('contains a "." or ".." segment');
}

/** The base URL with a trailing slash, so that a prefix check on its path cannot accept a sibling (`/v1` vs `/v1evil`). */
function normalizedBase(baseUrl: string): URL {
  const base = new URL(baseUrl);
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  return base;
}

/**
 * The URL of `path` under `base`, built with the URL parser and then checked: the same origin as the base, no
 * credentials, and a path that starts with the base's path. Never a concatenation that is trusted as such.
 */
function urlUnder(base: URL, relativePath: string, query: CallRequest['query']): URL {
  const url = new URL(`${base.pathname.slice(0, -1)}${relativePath}`, base.origin);
  if (url.origin !== base.origin || url.username || url.password || !url.pathname.startsWith(base.pathname) || url.search || url.hash) {
    throw refused('resolves outside the base URL');
  }
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of typeof value === 'string' ? [value] : value) url.searchParams.append(name, item);
  }
  return url;
}

/**
 * The URL that POST /api/call may send `request` to, and the audience of the API. Only the bases that the
 * profile allows are ever called: the Management API at `{issuer}api/v2/` (the default, `api` absent or its
 * identifier; a `baseUrl` listed for that identifier moves it), addressed with catalog paths (`/api/v2/users/auth0|alice`); or an API of `apis[]` with a `baseUrl`,
 * addressed with paths relative to that base (`/appointments`). Anything else is unknown_api or path_not_allowed.
 */
export function resolveCallTarget(profile: ResolvedProfile, request: Pick<CallRequest, 'api' | 'path' | 'query'>): CallTarget {
  const managementIdentifier = managementApiIdentifier(profile);
  const isManagement = request.api === undefined || request.api === managementIdentifier;
  checkPathText(request.path);
  if (isManagement) {
    if (!hasManagementApi(profile)) {
      throw new ApiError(404, 'unknown_api', `Profile "${profile.id}" has no Management API: its issuer is not an Auth0 domain, and its apis do not list ${managementIdentifier}`);
    }
    if (!request.path.startsWith(`${managementPathPrefix}/`)) throw refused(`must start with ${managementPathPrefix}/ for the Management API`);
    const declared = profile.apis.find((api) => api.identifier === managementIdentifier)?.baseUrl;
    const base = normalizedBase(declared ?? managementIdentifier);
    return { url: urlUnder(base, request.path.slice(managementPathPrefix.length), request.query), audience: managementIdentifier };
  }
  const api = profile.apis.find((candidate) => candidate.identifier === request.api);
  // The identifier is not quoted back: a mistaken paste there may be a token.
  if (!api) throw new ApiError(404, 'unknown_api', `Profile "${profile.id}" has no API with that identifier`);
  if (!api.baseUrl) throw new ApiError(404, 'unknown_api', `The API ${api.identifier} of profile "${profile.id}" has no baseUrl to call`);
  return { url: urlUnder(normalizedBase(api.baseUrl), request.path, request.query), audience: api.identifier };
}
