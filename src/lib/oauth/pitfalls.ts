import { getParam, repeatedParamNames, setParam } from './authorize-url';
import type { AuthorizeRequest } from './authorize-url';
import { isLoopbackHost, resolveIssuer } from './issuer';
import type { ClientKind } from './presets';
import { formatScope, splitScope } from './scope';

/** The stable ids of the pitfall rules; tests, the UI and the docs refer to them. */
export type PitfallId =
  | 'client-id-missing'
  | 'missing-audience'
  | 'audience-mismatch'
  | 'management-api-user-scopes'
  | 'non-standard-scope'
  | 'openid-missing'
  | 'nonce-missing'
  | 'implicit-flow'
  | 'pkce-missing'
  | 'state-missing'
  | 'offline-access'
  | 'response-mode-mismatch'
  | 'redirect-uri-insecure'
  | 'domain-format'
  | 'repeated-parameter';

export type PitfallSeverity = 'error' | 'warning' | 'info';

/** One edit that a fix makes. `generate` asks the caller for fresh randomness (state, nonce, PKCE pair). */
export type PatchOp =
  | { readonly op: 'set-param'; readonly name: string; readonly value: string }
  | { readonly op: 'remove-param'; readonly name: string }
  | { readonly op: 'remove-repeats'; readonly name: string }
  | { readonly op: 'generate'; readonly what: 'state' | 'nonce' | 'pkce' }
  | { readonly op: 'set-domain'; readonly value: string };

export interface PitfallFix {
  readonly label: string;
  readonly patch: readonly PatchOp[];
}

export interface Pitfall {
  readonly id: PitfallId;
  readonly severity: PitfallSeverity;
  readonly title: string;
  readonly why: string;
  readonly fixes: readonly PitfallFix[];
  /** The request cannot work at all: the UI keeps "Log in" disabled while it stands. */
  readonly blocksLogin?: true;
}

/** An API the request may target: the Management API, a profile's APIs, or APIs the user added in the scope picker. */
export interface KnownApi {
  readonly identifier: string;
  readonly name?: string;
  readonly source: 'management' | 'profile' | 'user';
  /** The scopes the API defines, when known. */
  readonly scopes?: readonly string[];
}

export interface PitfallContext {
  readonly domainInput: string;
  readonly clientKind: ClientKind;
  /** Auth0 conventions apply (Auth0 domain or an Auth0 preset). */
  readonly auth0Like: boolean;
  readonly knownApis: readonly KnownApi[];
  /** Management API scopes that a user-bound token may carry (`read:current_user`, ...). */
  readonly userContextScopes: readonly string[];
  /** `response_modes_supported` from discovery, when fetched. */
  readonly responseModesSupported?: readonly string[];
}

/** Claim and attribute names that people put in `scope`; no AS turns them into claims. */
const NOT_SCOPES = new Set([
  'roles', 'role', 'permissions', 'groups', 'user_id', 'userid', 'user_metadata', 'app_metadata',
  'sub', 'name', 'nickname', 'picture', 'email_verified', 'given_name', 'family_name', 'org_id', 'id',
]);

/** Management API scopes and the user-context scope that does the same job for the signed-in user's own record. */
const USER_CONTEXT_ALTERNATIVES: Readonly<Record<string, readonly string[]>> = {
  'read:users': ['read:current_user'],
  'read:users_app_metadata': ['read:current_user'],
  'update:users': ['update:current_user_metadata', 'update:current_user_identities'],
  'create:users_app_metadata': ['create:current_user_metadata'],
  'update:users_app_metadata': ['update:current_user_metadata'],
  'delete:users_app_metadata': ['delete:current_user_metadata'],
  'create:device_credentials': ['create:current_user_device_credentials'],
  'delete:device_credentials': ['delete:current_user_device_credentials'],
};

const KNOWN_RESPONSE_MODES = new Set(['query', 'fragment', 'form_post', 'web_message', 'jwt', 'query.jwt', 'fragment.jwt', 'form_post.jwt']);

/** Compares API identifiers the way people get them wrong: case, http vs https, trailing slashes. */
export function looseIdentifier(identifier: string): string {
  return identifier.trim().toLowerCase().replace(/^http:\/\//, 'https://').replace(/\/+$/, '');
}

function responseTypeWords(request: AuthorizeRequest): Set<string> {
  return new Set((getParam(request, 'response_type') ?? '').split(/\s+/).filter(Boolean));
}

function apiLabel(api: KnownApi): string {
  return api.name ? `${api.name} (${api.identifier})` : api.identifier;
}

type Rule = (request: AuthorizeRequest, context: PitfallContext) => Pitfall | undefined;

const clientIdMissing: Rule = (request) => {
  if ((getParam(request, 'client_id') ?? '').trim() !== '') return undefined;
  return {
    id: 'client-id-missing',
    severity: 'error',
    title: 'There is no client ID',
    why: 'client_id is required (RFC 6749 §4.1.1): it names the application that asks. Without it the authorization server shows its own error page and never comes back here.',
    fixes: [],
    blocksLogin: true,
  };
};

const missingAudience: Rule = (request, context) => {
  const words = responseTypeWords(request);
  const wantsAccessToken = words.has('code') || words.has('token');
  const targeted = (getParam(request, 'audience') ?? '') !== '' || getParam(request, 'resource') !== undefined;
  const ownApis = context.knownApis.filter((api) => api.source !== 'management');
  if (!wantsAccessToken || targeted || (!context.auth0Like && ownApis.length === 0)) return undefined;
  return {
    id: 'missing-audience',
    severity: 'warning',
    title: 'No audience: the access token will be opaque',
    why: 'Without an audience the authorization server issues an opaque access token meant only for its /userinfo endpoint. Your API cannot verify it as a JWT and will reject it.',
    fixes: ownApis.slice(0, 3).map((api) => ({ label: `Add audience ${apiLabel(api)}`, patch: [{ op: 'set-param', name: 'audience', value: api.identifier }] })),
  };
};

const audienceMismatch: Rule = (request, context) => {
  const audience = getParam(request, 'audience');
  if (!audience) return undefined;
  if (context.knownApis.some((api) => api.identifier === audience)) return undefined;
  const match = context.knownApis.find((api) => looseIdentifier(api.identifier) === looseIdentifier(audience));
  if (!match) return undefined;
  return {
    id: 'audience-mismatch',
    severity: 'error',
    title: `The audience is almost ${match.identifier}`,
    why: `API identifiers are compared as exact strings. "${audience}" differs from the known API "${match.identifier}" only by a trailing slash, http vs https, or letter case, so the authorization server rejects it or issues a token for a different audience.`,
    fixes: [{ label: `Use ${match.identifier}`, patch: [{ op: 'set-param', name: 'audience', value: match.identifier }] }],
  };
};

const managementApiUserScopes: Rule = (request, context) => {
  const audience = getParam(request, 'audience');
  if (!audience) return undefined;
  const management = context.knownApis.find((api) => api.source === 'management' && looseIdentifier(api.identifier) === looseIdentifier(audience));
  if (!management) return undefined;
  const scopes = splitScope(getParam(request, 'scope'));
  const allowed = new Set(context.userContextScopes);
  const blocked = scopes.filter((scope) => scope.includes(':') && !allowed.has(scope));
  if (blocked.length === 0) return undefined;
  const alternatives = blocked.flatMap((scope) => (USER_CONTEXT_ALTERNATIVES[scope] ?? []).filter((alt) => allowed.has(alt)).slice(0, 1));
  const named = blocked.map((scope) => {
    const alt = (USER_CONTEXT_ALTERNATIVES[scope] ?? []).filter((candidate) => allowed.has(candidate));
    return alt.length > 0 ? `${scope} → ${alt.join(' or ')}` : `${scope} → no user-context alternative: call the Management API from a backend with client credentials`;
  });
  const kept = scopes.filter((scope) => !blocked.includes(scope));
  const replaced = [...new Set([...kept, ...alternatives])];
  return {
    id: 'management-api-user-scopes',
    severity: 'error',
    title: `Users cannot be granted ${blocked.join(', ')}`,
    why: `A token that a user obtains for the Management API can carry only user-context scopes (${context.userContextScopes.join(', ')}), which act on the user's own record. Other scopes are silently dropped. ${named.join('; ')}.`,
    fixes: [{
      label: alternatives.length > 0 ? `Use ${alternatives.join(' ')} instead` : `Remove ${blocked.join(' ')}`,
      patch: [{ op: 'set-param', name: 'scope', value: formatScope(replaced) }],
    }],
  };
};

const nonStandardScope: Rule = (request, context) => {
  const audience = getParam(request, 'audience');
  const api = audience ? context.knownApis.find((candidate) => candidate.identifier === audience) : undefined;
  const defined = new Set(api?.scopes ?? []);
  const scopes = splitScope(getParam(request, 'scope'));
  const wrong = scopes.filter((scope) => NOT_SCOPES.has(scope.toLowerCase()) && !defined.has(scope));
  if (wrong.length === 0) return undefined;
  return {
    id: 'non-standard-scope',
    severity: 'warning',
    title: `${wrong.map((word) => `"${word}"`).join(', ')} ${wrong.length === 1 ? 'is' : 'are'} not a scope`,
    why: 'Scopes are permissions (openid, profile, email, or those your API defines). Asking for a claim name does not put that claim in a token: roles and permissions come from RBAC settings or an Action that adds custom claims.',
    fixes: [{ label: `Remove ${wrong.join(' ')}`, patch: [{ op: 'set-param', name: 'scope', value: formatScope(scopes.filter((scope) => !wrong.includes(scope))) }] }],
  };
};

const openidMissing: Rule = (request) => {
  const scopes = splitScope(getParam(request, 'scope'));
  if (!responseTypeWords(request).has('id_token') || scopes.includes('openid')) return undefined;
  return {
    id: 'openid-missing',
    severity: 'error',
    title: 'An ID token is requested without the openid scope',
    why: 'OpenID Connect requests must include the openid scope (OIDC Core §3.1.2.1). Without it this is a plain OAuth request and no ID token is issued, or the request is rejected.',
    fixes: [{ label: 'Add openid', patch: [{ op: 'set-param', name: 'scope', value: formatScope(['openid', ...scopes]) }] }],
  };
};

const nonceMissing: Rule = (request) => {
  if (!responseTypeWords(request).has('id_token') || (getParam(request, 'nonce') ?? '') !== '') return undefined;
  return {
    id: 'nonce-missing',
    severity: 'error',
    title: 'An ID token comes back in the redirect, but there is no nonce',
    why: 'When response_type includes id_token, the nonce is required (OIDC Core §3.2.2.1): it binds the ID token to this browser session and stops replayed tokens.',
    fixes: [{ label: 'Generate a nonce', patch: [{ op: 'generate', what: 'nonce' }] }],
  };
};

const implicitFlow: Rule = (request) => {
  const words = responseTypeWords(request);
  const implicit = words.has('token') && !words.has('code') && [...words].every((word) => word === 'token' || word === 'id_token');
  if (!implicit) return undefined;
  const patch: PatchOp[] = [{ op: 'set-param', name: 'response_type', value: 'code' }, { op: 'generate', what: 'pkce' }];
  if (getParam(request, 'response_mode') === 'fragment') patch.push({ op: 'remove-param', name: 'response_mode' });
  return {
    id: 'implicit-flow',
    severity: 'warning',
    title: 'The implicit flow puts tokens in the URL',
    why: 'With response_type token or "id_token token" the access token travels in the URL fragment, where history, extensions and referrers can leak it, and it cannot be sender-constrained. OAuth 2.0 Security BCP (RFC 9700 §2.1.2) says to use the authorization code flow with PKCE instead.',
    fixes: [{ label: 'Switch to code + PKCE', patch }],
  };
};

const pkceMissing: Rule = (request, context) => {
  if (context.clientKind !== 'public' || !responseTypeWords(request).has('code')) return undefined;
  const challenge = getParam(request, 'code_challenge');
  const method = getParam(request, 'code_challenge_method');
  if (challenge && method === 'S256') return undefined;
  return {
    id: 'pkce-missing',
    severity: 'error',
    title: challenge ? 'PKCE uses the plain method' : 'A public client uses the code flow without PKCE',
    why: 'A public client has no secret, so anyone who intercepts the code can redeem it. PKCE with S256 (RFC 7636) binds the code to a verifier that only this browser knows; Auth0 and most servers require it for public clients.',
    fixes: [{ label: 'Add PKCE (S256)', patch: [{ op: 'generate', what: 'pkce' }] }],
  };
};

const stateMissing: Rule = (request) => {
  if ((getParam(request, 'state') ?? '') !== '') return undefined;
  return {
    id: 'state-missing',
    severity: 'warning',
    title: 'There is no state',
    why: 'state ties the response to the request that this browser made (RFC 6749 §10.12). Without it, an attacker can feed the callback a code or token of their own (login CSRF).',
    fixes: [{ label: 'Generate a state', patch: [{ op: 'generate', what: 'state' }] }],
  };
};

const offlineAccess: Rule = (request, context) => {
  if (!splitScope(getParam(request, 'scope')).includes('offline_access')) return undefined;
  return {
    id: 'offline-access',
    severity: 'info',
    title: 'offline_access asks for a refresh token',
    why: `A refresh token is only issued if the API allows offline access (Auth0: "Allow Offline Access" in the API settings)${context.clientKind === 'public' ? ', and a SPA needs refresh-token rotation enabled on the application, since it cannot keep a long-lived secret' : ''}. Otherwise the scope is silently ignored.`,
    fixes: [],
  };
};

const responseModeMismatch: Rule = (request, context) => {
  const mode = getParam(request, 'response_mode');
  if (mode === undefined) return undefined;
  const words = responseTypeWords(request);
  if (mode === 'query' && (words.has('token') || words.has('id_token'))) {
    return {
      id: 'response-mode-mismatch',
      severity: 'error',
      title: 'Tokens cannot be returned in the query string',
      why: 'When response_type includes token or id_token, the query response mode is forbidden (OAuth 2.0 Multiple Response Type Encoding Practices §2.1): tokens in the query reach server logs and the Referer header. Use fragment or form_post.',
      fixes: [{ label: 'Use fragment', patch: [{ op: 'set-param', name: 'response_mode', value: 'fragment' }] }],
    };
  }
  const supported = context.responseModesSupported;
  if (!KNOWN_RESPONSE_MODES.has(mode) || (supported && !supported.includes(mode))) {
    return {
      id: 'response-mode-mismatch',
      severity: 'error',
      title: `The response mode "${mode}" is not supported`,
      why: supported
        ? `The discovery document lists ${supported.join(', ')}. The server rejects other response modes.`
        : 'Known response modes are query, fragment and form_post (plus web_message and the JARM .jwt modes).',
      fixes: [{ label: 'Use the default response mode', patch: [{ op: 'remove-param', name: 'response_mode' }] }],
    };
  }
  return undefined;
};

const redirectUriInsecure: Rule = (request, context) => {
  const redirect = getParam(request, 'redirect_uri');
  if (!redirect) return undefined;
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    return undefined;
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    return {
      id: 'redirect-uri-insecure',
      severity: 'error',
      title: 'The redirect URI uses plain http',
      why: 'Codes and tokens sent to an http redirect URI cross the network in clear text, where anyone on the path can steal them (RFC 9700 §2.6). Authorization servers reject non-loopback http redirect URIs.',
      fixes: [{ label: 'Use https', patch: [{ op: 'set-param', name: 'redirect_uri', value: `https:${redirect.slice('http:'.length)}` }] }],
    };
  }
  if (loopback && context.auth0Like && (url.protocol === 'http:' || url.protocol === 'https:')) {
    return {
      id: 'redirect-uri-insecure',
      severity: 'info',
      title: 'A localhost redirect always gets the consent prompt at Auth0',
      why: 'Auth0 cannot verify who owns localhost, so it never skips user consent for it, even for first-party apps. Silent authentication (prompt=none) fails with consent_required. Use a real host name (for example through /etc/hosts) to test consent skipping.',
      fixes: [],
    };
  }
  return undefined;
};

const domainFormat: Rule = (_request, context) => {
  const resolved = resolveIssuer(context.domainInput);
  if (!resolved || resolved.problems.length === 0) return undefined;
  return {
    id: 'domain-format',
    severity: 'warning',
    title: 'The domain is not written the way it is expected',
    why: `${resolved.problems.map((problem) => problem.message).join(' ')} A domain is "tenant.auth0.com"; an issuer is "https://tenant.auth0.com/".`,
    fixes: resolved.suggestedInput !== context.domainInput ? [{ label: `Use ${resolved.suggestedInput}`, patch: [{ op: 'set-domain', value: resolved.suggestedInput }] }] : [],
  };
};

const repeatedParameter: Rule = (request) => {
  const repeated = repeatedParamNames(request);
  if (repeated.length === 0) return undefined;
  return {
    id: 'repeated-parameter',
    severity: 'error',
    title: `Repeated parameter${repeated.length === 1 ? '' : 's'}: ${repeated.join(', ')}`,
    why: 'Request parameters must not be included more than once (RFC 6749 §3.1); servers reject the request or pick one of the values unpredictably.',
    fixes: [{ label: 'Keep the first of each', patch: repeated.map((name) => ({ op: 'remove-repeats', name }) as const) }],
  };
};

const RULES: readonly Rule[] = [
  domainFormat, clientIdMissing, missingAudience, audienceMismatch, managementApiUserScopes, nonStandardScope, openidMissing, nonceMissing,
  implicitFlow, pkceMissing, stateMissing, offlineAccess, responseModeMismatch, redirectUriInsecure, repeatedParameter,
];

/** Lints an authorization request before anyone logs in; every rule is pure and has a stable id. */
export function lintAuthorizeRequest(request: AuthorizeRequest, context: PitfallContext): Pitfall[] {
  return RULES.map((rule) => rule(request, context)).filter((pitfall): pitfall is Pitfall => pitfall !== undefined);
}

/** Why "Log in" is disabled: `unsendable` pitfalls can never come back; `overridable` ones fail visibly, so the user may go ahead to see how. */
export interface LoginGate {
  readonly unsendable: readonly Pitfall[];
  readonly overridable: readonly Pitfall[];
}

/** Every error-level pitfall holds "Log in" back; only those that leave the request answerable may be overridden on purpose. */
export function loginGate(pitfalls: readonly Pitfall[]): LoginGate {
  const errors = pitfalls.filter((pitfall) => pitfall.severity === 'error');
  return { unsendable: errors.filter((pitfall) => pitfall.blocksLogin), overridable: errors.filter((pitfall) => !pitfall.blocksLogin) };
}

/** Applies the parameter edits of a fix; `generate` and `set-domain` are the caller's (they need randomness or form state). */
export function applyParamPatch(request: AuthorizeRequest, patch: readonly PatchOp[]): AuthorizeRequest {
  return patch.reduce<AuthorizeRequest>((current, op) => {
    switch (op.op) {
      case 'set-param':
        return setParam(current, op.name, op.value);
      case 'remove-param':
        return setParam(current, op.name, undefined);
      case 'remove-repeats': {
        let seen = false;
        return {
          ...current,
          params: current.params.filter((param) => {
            if (param.name !== op.name) return true;
            if (seen) return false;
            seen = true;
            return true;
          }),
        };
      }
      default:
        return current;
    }
  }, request);
}
