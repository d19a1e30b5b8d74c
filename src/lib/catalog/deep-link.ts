import { MANAGEMENT_API_KEY } from './api-model';
import type { TokenKind } from './api-model';

/** What a `/scopes?…` link carries: the API, the token kind, the selected endpoints and the scopes asked for on purpose. */
export interface ScopeSelectionLink {
  api: string;
  kind: TokenKind;
  endpoints: string[];
  requested: string[];
}

const METHOD_AND_PATH = /^([A-Za-z]+)\s+(\/\S*)$/;
// RFC 6749 §3.3 scope-token, minus the comma that separates them here.
const SCOPE_TOKEN = /^[\x21\x23-\x2B\x2D-\x5B\x5D-\x7E]+$/;

/** Reads `?kind=m2m|user&endpoints=METHOD path,…[&with=scope,…][&api=custom:id]`; unknown values fall back to defaults. */
export function parseSelectionLink(search: string | URLSearchParams): ScopeSelectionLink {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const kind = params.get('kind') === 'user' ? 'user' : 'm2m';
  const endpoints: string[] = [];
  for (const part of (params.get('endpoints') ?? '').split(',')) {
    const match = METHOD_AND_PATH.exec(part.trim());
    if (!match) continue;
    const id = `${(match[1] as string).toUpperCase()} ${match[2] as string}`;
    if (!endpoints.includes(id)) endpoints.push(id);
  }
  const requested = [...new Set((params.get('with') ?? '').split(',').map((s) => s.trim()))].filter((s) => SCOPE_TOKEN.test(s));
  return { api: params.get('api') || MANAGEMENT_API_KEY, kind, endpoints, requested };
}

/** Writes the query string of a selection link, readable: `/`, `{` and `}` stay as they are, spaces become %20. */
export function formatSelectionLink({ api, kind, endpoints, requested }: ScopeSelectionLink): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%2F/gi, '/').replace(/%7B/gi, '{').replace(/%7D/gi, '}').replace(/%3A/gi, ':');
  const parts = [`kind=${kind}`];
  if (endpoints.length > 0) parts.push(`endpoints=${endpoints.map(encode).join(',')}`);
  if (requested.length > 0) parts.push(`with=${requested.map(encode).join(',')}`);
  if (api !== MANAGEMENT_API_KEY) parts.push(`api=${encode(api)}`);
  return parts.join('&');
}
