import { MANAGEMENT_API_KEY } from './api-model';
import type { TokenKind } from './api-model';

/**
 * What a `/scopes?…` link carries: the API, the token kind, the selected endpoints, the scopes asked for on purpose,
 * and the intents stated for endpoints (what the call must be able to change: `scope-reach.ts` keys, by endpoint).
 */
export interface ScopeSelectionLink {
  api: string;
  kind: TokenKind;
  endpoints: string[];
  requested: string[];
  intents: Record<string, string>;
}

const METHOD_AND_PATH = /^([A-Za-z]+)\s+(\/\S*)$/;
// RFC 6749 §3.3 scope-token, minus the comma that separates them here.
const SCOPE_TOKEN = /^[\x21\x23-\x2B\x2D-\x5B\x5D-\x7E]+$/;
const INTENT_KEY = /^[A-Za-z0-9_+]+(@own)?$/;

function endpointId(text: string): string | null {
  const match = METHOD_AND_PATH.exec(text.trim());
  return match ? `${(match[1] as string).toUpperCase()} ${match[2] as string}` : null;
}

/**
 * Reads `?kind=m2m|user&endpoints=METHOD path,…[&with=scope,…][&intent=METHOD path~key,…][&api=custom:id]`;
 * unknown values fall back to defaults.
 */
export function parseSelectionLink(search: string | URLSearchParams): ScopeSelectionLink {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const kind = params.get('kind') === 'user' ? 'user' : 'm2m';
  const endpoints: string[] = [];
  for (const part of (params.get('endpoints') ?? '').split(',')) {
    const id = endpointId(part);
    if (id && !endpoints.includes(id)) endpoints.push(id);
  }
  const intents: Record<string, string> = {};
  for (const part of (params.get('intent') ?? '').split(',')) {
    const at = part.lastIndexOf('~');
    const id = at > 0 ? endpointId(part.slice(0, at)) : null;
    const key = part.slice(at + 1);
    if (id && endpoints.includes(id) && INTENT_KEY.test(key)) intents[id] = key;
  }
  const requested = [...new Set((params.get('with') ?? '').split(',').map((s) => s.trim()))].filter((s) => SCOPE_TOKEN.test(s));
  return { api: params.get('api') || MANAGEMENT_API_KEY, kind, endpoints, requested, intents };
}

/** Writes the query string of a selection link, readable: `/`, `{` and `}` stay as they are, spaces become %20. */
export function formatSelectionLink({ api, kind, endpoints, requested, intents }: ScopeSelectionLink): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%2F/gi, '/').replace(/%7B/gi, '{').replace(/%7D/gi, '}').replace(/%3A/gi, ':');
  const parts = [`kind=${kind}`];
  if (endpoints.length > 0) parts.push(`endpoints=${endpoints.map(encode).join(',')}`);
  if (requested.length > 0) parts.push(`with=${requested.map(encode).join(',')}`);
  const stated = endpoints.filter((id) => intents[id] !== undefined);
  if (stated.length > 0) parts.push(`intent=${stated.map((id) => `${encode(id)}~${encode(intents[id] as string)}`).join(',')}`);
  if (api !== MANAGEMENT_API_KEY) parts.push(`api=${encode(api)}`);
  return parts.join('&');
}
