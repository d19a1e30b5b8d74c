/** Whether the client can keep a secret (RFC 6749 §2.1). */
export type ClientKind = 'public' | 'confidential';

export type PresetId = 'auth0-spa' | 'auth0-regular-web-app' | 'generic-oidc';

export interface AuthorizePreset {
  readonly id: PresetId;
  readonly label: string;
  readonly clientKind: ClientKind;
  /** Auth0 conventions apply: `/authorize` without discovery, `audience`, the Management API. */
  readonly auth0: boolean;
  readonly pkce: boolean;
  /** Parameters the preset sets; `undefined` removes the parameter. */
  readonly params: Readonly<Record<string, string | undefined>>;
}

/** The starting points of the builder; each sets what that kind of app sends. */
export const PRESETS: readonly AuthorizePreset[] = [
  {
    id: 'auth0-spa',
    label: 'Auth0 SPA',
    clientKind: 'public',
    auth0: true,
    pkce: true,
    params: { response_type: 'code', response_mode: undefined, scope: 'openid profile email' },
  },
  {
    id: 'auth0-regular-web-app',
    label: 'Auth0 regular web app',
    clientKind: 'confidential',
    auth0: true,
    pkce: true,
    params: { response_type: 'code', response_mode: 'form_post', scope: 'openid profile email' },
  },
  {
    id: 'generic-oidc',
    label: 'Generic OIDC',
    clientKind: 'public',
    auth0: false,
    pkce: true,
    params: { response_type: 'code', response_mode: undefined, scope: 'openid' },
  },
];

/** The preset with this id. */
export function findPreset(id: PresetId): AuthorizePreset {
  const preset = PRESETS.find((candidate) => candidate.id === id);
  if (!preset) throw new Error(`Unknown preset ${id}`);
  return preset;
}
