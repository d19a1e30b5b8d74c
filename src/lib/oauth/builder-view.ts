import { buildAuthorizeUrl } from './authorize-url';
import type { AuthorizeRequest } from './authorize-url';
import type { DiscoveredServer } from './discovery';
import { defaultEndpoints, managementApiIdentifier, resolveIssuer } from './issuer';
import type { AuthorizationServerEndpoints, ResolvedIssuer } from './issuer';
import { lintAuthorizeRequest } from './pitfalls';
import type { KnownApi, Pitfall } from './pitfalls';
import type { ClientKind } from './presets';

export interface BuilderInputs {
  readonly domainInput: string;
  /** The chosen preset follows Auth0 conventions. */
  readonly presetAuth0: boolean;
  readonly clientKind: ClientKind;
  readonly request: AuthorizeRequest;
  /** The endpoint of a pasted URL, which wins over everything else so that the URL round-trips. */
  readonly pastedEndpoint: string | undefined;
  readonly discovered: DiscoveredServer | undefined;
  /** The selected profile's APIs, then the user's own APIs from the scope picker. */
  readonly apis: readonly { readonly identifier: string; readonly name?: string | undefined; readonly scopes?: readonly string[]; readonly source: 'profile' | 'user' }[];
  readonly userContextScopes: readonly string[];
}

export interface BuilderView {
  readonly resolved: ResolvedIssuer | undefined;
  readonly auth0Like: boolean;
  readonly endpoints: AuthorizationServerEndpoints | undefined;
  readonly managementApi: string | undefined;
  readonly knownApis: readonly KnownApi[];
  /** The URL text, or undefined while there is no endpoint yet. */
  readonly url: string | undefined;
  readonly pitfalls: readonly Pitfall[];
}

/** Everything the builder shows, derived from its inputs: endpoints, known APIs, the URL and its pitfalls. */
export function deriveBuilderView(inputs: BuilderInputs): BuilderView {
  const resolved = resolveIssuer(inputs.domainInput);
  const auth0Like = inputs.presetAuth0 || (resolved?.isAuth0Domain ?? false);
  const discovered = inputs.discovered && resolved && inputs.discovered.issuer === resolved.issuer ? inputs.discovered : undefined;
  const endpoints = discovered ?? (resolved ? defaultEndpoints(resolved, auth0Like) : undefined);
  const managementApi = resolved && auth0Like ? managementApiIdentifier(resolved) : undefined;

  const knownApis: KnownApi[] = managementApi ? [{ identifier: managementApi, name: 'Auth0 Management API', source: 'management' }] : [];
  for (const api of inputs.apis) {
    const existing = knownApis.findIndex((known) => known.identifier === api.identifier);
    const entry: KnownApi = { identifier: api.identifier, source: api.source, ...(api.name ? { name: api.name } : {}), ...(api.scopes ? { scopes: api.scopes } : {}) };
    // The first source wins (the Management API stays "management"); a later one may add the scope list.
    if (existing === -1) knownApis.push(entry);
    else knownApis[existing] = { ...entry, ...knownApis[existing], scopes: knownApis[existing]?.scopes ?? entry.scopes };
  }

  const endpoint = inputs.pastedEndpoint ?? endpoints?.authorizationEndpoint;
  const url = endpoint ? buildAuthorizeUrl({ ...inputs.request, endpoint }) : undefined;
  const pitfalls = lintAuthorizeRequest(inputs.request, {
    domainInput: inputs.domainInput,
    clientKind: inputs.clientKind,
    auth0Like,
    knownApis,
    userContextScopes: inputs.userContextScopes,
    ...(discovered?.responseModesSupported ? { responseModesSupported: discovered.responseModesSupported } : {}),
  });
  return { resolved, auth0Like, endpoints, managementApi, knownApis, url, pitfalls };
}
