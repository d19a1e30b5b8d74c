import type { ApiDefinition, ApiOperation } from '../../lib/catalog/api-model';
import { readTokenFacts, scopeStringFacts } from '../../lib/catalog/token-facts';
import type { UnverifiedTokenFacts } from '../../lib/catalog/token-facts';
import { leastPrivilegeMint } from '../../lib/explorer/pre-send-check';
import { splitScope } from '../../lib/oauth/scope';
import type { ProfileSummary } from '../../shared/api-contract';
import type { TabToken } from '../../state/tab-tokens';
import type { AuthorizeMode } from './explorer-store';

/** What the call will carry: a token, a token the profile mints, nothing at all, or why it cannot be sent so. */
export type Credential =
  | { kind: 'token'; token: string; facts: UnverifiedTokenFacts; describe: string }
  | { kind: 'none'; describe: string }
  | { kind: 'mint'; scope: string; profile: ProfileSummary; facts: UnverifiedTokenFacts; describe: string; leastPrivilege: boolean }
  | { kind: 'unavailable'; reason: string };

export interface CredentialInputs {
  mode: AuthorizeMode;
  pastedToken: string;
  tabToken: TabToken | undefined;
  profile: ProfileSummary | undefined;
  api: ApiDefinition;
  operation: ApiOperation | null;
  /** The profile's own scopes for an own API, minted when the explorer does not know the endpoint's. */
  apiScopes: readonly string[] | null;
  /** The members of the JSON body that will be sent (null: not an object): a narrower scope is minted only if it covers them. */
  bodyFields: readonly string[] | null;
}

/** A profile can mint only with credentials of its own: a public client has none. */
export const canMint = (profile: ProfileSummary | undefined): profile is ProfileSummary => profile !== undefined && profile.client_auth_method !== 'none';

/** A minted token's facts: a client-credentials token carries the scopes asked for. */
export function mintedFacts(scope: string): UnverifiedTokenFacts {
  return scopeStringFacts(splitScope(scope), false);
}

export function resolveCredential({ mode, pastedToken, tabToken, profile, api, operation, apiScopes, bodyFields }: CredentialInputs): Credential {
  if (mode === 'paste') {
    const token = pastedToken.trim();
    if (token === '') return { kind: 'none', describe: 'no token (the API answers 401)' };
    return { kind: 'token', token, facts: readTokenFacts(token), describe: 'a pasted token' };
  }
  if (mode === 'tab') {
    if (!tabToken) return { kind: 'unavailable', reason: 'No token obtained in this tab yet: log in with the Authorize-URL builder, or mint one on the Introspection page.' };
    return { kind: 'token', token: tabToken.token, facts: readTokenFacts(tabToken.token), describe: tabToken.label };
  }
  if (!canMint(profile)) return { kind: 'unavailable', reason: 'This profile is a public client: it has no secret or key to mint with. Choose a profile with credentials (demo, for instance).' };
  if (operation) {
    const plan = leastPrivilegeMint(api, [operation], [], bodyFields);
    if (!plan.ok) return { kind: 'unavailable', reason: `No client-credentials token can call ${operation.id}: it acts on the signed-in user only. Use a user token from the authorize flow.` };
    return { kind: 'mint', scope: plan.scope, profile, facts: mintedFacts(plan.scope), leastPrivilege: true, describe: `a token minted by ${profile.id} with ${plan.scope || 'no scope'}` };
  }
  if (apiScopes) {
    const scope = apiScopes.join(' ');
    return { kind: 'mint', scope, profile, facts: mintedFacts(scope), leastPrivilege: false, describe: `a token minted by ${profile.id} with ${scope || 'no scope'}` };
  }
  return { kind: 'unavailable', reason: 'Choose an endpoint first: the scopes to mint depend on it.' };
}
