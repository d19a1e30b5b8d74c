import { isCurrentUserScope } from './api-model';

/**
 * Scopes that return or change secrets. The least-privilege choice never picks them
 * unless an endpoint accepts nothing else.
 */
export const PRIVILEGED_SCOPES: ReadonlySet<string> = new Set([
  'read:user_idp_tokens',
  'read:client_keys',
  'read:client_credentials',
  'update:client_keys',
  'update:client_credentials',
  'update:client_token_vault_privileged_access',
]);

// What an alternative adds or limits, beyond passing the scope check. Facts from the catalog README.
const NOTES: Readonly<Record<string, string>> = {
  'read:user_idp_tokens': 'Also returns identities[].access_token: the users\u2019 identity-provider access tokens.',
  'read:client_keys': 'Also returns client_secret and the client\u2019s keys.',
  'read:client_credentials': 'Also returns client_secret and the client\u2019s credentials.',
  'read:client_summary': 'Returns summary fields only: no secrets, no keys.',
  'read:clients': 'Returns full client settings, without client_secret or keys.',
  'update:client_keys': 'Can change the client\u2019s secret and keys.',
  'update:client_credentials': 'Can change the client\u2019s credentials.',
  'update:client_token_vault_privileged_access': 'Grants privileged Token Vault access settings.',
  'update:users_app_metadata': 'Changes app_metadata only.',
  'update:users': 'Can change every updatable user field, not only app_metadata.',
  'read:organizations_summary': 'Returns summary fields only.',
  'delete:current_user': 'Listed by the spec, but no Auth0 document says end users may request it: treated as not available on user tokens.',
};

export interface ScopeNote {
  privileged: boolean;
  /** Works only on the token's own user (`sub`), never on another user. */
  ownUserOnly: boolean;
  note: string | null;
}

/** What a scope adds or limits, for the "Accepted scopes" details. */
export function describeScopeEffect(scope: string): ScopeNote {
  const ownUserOnly = isCurrentUserScope(scope);
  return {
    privileged: PRIVILEGED_SCOPES.has(scope),
    ownUserOnly,
    note: NOTES[scope] ?? (ownUserOnly ? 'Works only on the signed-in user\u2019s own record (the token\u2019s sub).' : null),
  };
}
