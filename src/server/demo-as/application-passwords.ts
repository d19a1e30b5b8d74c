import { createHash, randomInt } from 'node:crypto';
import type { ApplicationPassword, TenantStore } from './tenant-store';

/**
 * Auth0's application-specific passwords (legacy): a user creates one for an API and some scopes, gets its value
 * once, and uses it as a bearer token; the API introspects it (RFC 7662). The tenant keeps only a hash of the value.
 */

export const applicationPasswordTokenType = 'application_specific_password_token';
const letters = 'abcdefghijklmnopqrstuvwxyz';
const valueLength = 16;

/** A new value: 16 random lowercase letters (about 75 bits). */
export function newApplicationPasswordValue(): string {
  return Array.from({ length: valueLength }, () => letters[randomInt(letters.length)]).join('');
}

export const hashApplicationPassword = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** What /oauth/introspect answers for a live application-specific password, or undefined when `value` is none. */
export function introspectApplicationPassword(tenant: TenantStore, issuer: string, value: string) {
  if (value.length !== valueLength) return undefined;
  const asp: ApplicationPassword | undefined = tenant.applicationPasswordByHash(hashApplicationPassword(value));
  const user = asp && tenant.users.get(asp.user_id);
  if (!asp || !user) return undefined;
  return {
    active: true,
    token_type: applicationPasswordTokenType,
    scope: asp.scope.join(' '),
    sub: user.user_id,
    aud: asp.audience,
    iss: issuer,
    iat: Math.floor(Date.parse(asp.created_at) / 1000),
    username: user.email,
  };
}
