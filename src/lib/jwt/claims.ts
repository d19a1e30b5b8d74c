import type { JsonObject } from './decode';
import { stringifyJson } from './deep-json';
import { isNumericDate, isoTime, relativeTime } from './time';

export type ClaimKind = 'registered' | 'oidc' | 'auth0' | 'access-token' | 'namespaced' | 'custom';

export interface ClaimInfo {
  label: string;
  description: string;
  kind: ClaimKind;
  specLabel: string;
  specUrl: string;
  isTime?: boolean;
}

const RFC7519 = (section: string) => `https://www.rfc-editor.org/rfc/rfc7519#section-${section}`;
const OIDC_ID_TOKEN = 'https://openid.net/specs/openid-connect-core-1_0.html#IDToken';
const OIDC_STANDARD = 'https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims';
const RFC9068 = 'https://www.rfc-editor.org/rfc/rfc9068#section-2.2';

const registered = (label: string, description: string, section: string, isTime = false): ClaimInfo =>
  ({ label, description, kind: 'registered', specLabel: `RFC 7519 §${section}`, specUrl: RFC7519(section), isTime });
const oidc = (label: string, description: string, isTime = false): ClaimInfo =>
  ({ label, description, kind: 'oidc', specLabel: 'OpenID Connect Core §2', specUrl: OIDC_ID_TOKEN, isTime });
const profile = (label: string, description: string, isTime = false): ClaimInfo =>
  ({ label, description, kind: 'oidc', specLabel: 'OpenID Connect Core §5.1', specUrl: OIDC_STANDARD, isTime });
const auth0 = (label: string, description: string, specUrl: string): ClaimInfo =>
  ({ label, description, kind: 'auth0', specLabel: 'Auth0 docs', specUrl });

/** Every registered, OIDC and Auth0 claim this tool explains. */
export const CLAIM_REGISTRY: Record<string, ClaimInfo> = {
  iss: registered('Issuer', 'Who issued the token. A verifier must compare it exactly with the issuer it trusts (Auth0 issuers end with "/").', '4.1.1'),
  sub: registered('Subject', 'Whom the token is about: a user id, or for machine tokens the client id (Auth0: "<client_id>@clients").', '4.1.2'),
  aud: registered('Audience', 'Who the token is for. An API must reject tokens whose audience is not its own identifier.', '4.1.3'),
  exp: registered('Expiration time', 'After this instant the token must be rejected.', '4.1.4', true),
  nbf: registered('Not before', 'Before this instant the token must be rejected.', '4.1.5', true),
  iat: registered('Issued at', 'When the token was issued.', '4.1.6', true),
  jti: registered('JWT ID', 'A unique identifier, used to prevent replay.', '4.1.7'),
  nonce: oidc('Nonce', 'Binds the ID token to the client session that asked for it; the client must check it against the value it sent.'),
  auth_time: oidc('Authentication time', 'When the user actually authenticated (may be long before iat with SSO).', true),
  acr: oidc('Authentication context class', 'How strongly the user authenticated.'),
  amr: oidc('Authentication methods', 'Which methods authenticated the user (e.g. "pwd", "mfa", "otp").'),
  azp: { ...oidc('Authorized party', 'The client the token was issued to. Auth0 sets it to the client id of the application.'), kind: 'auth0' },
  at_hash: oidc('Access token hash', 'Half of the hash of the access token issued with this ID token: only ID tokens carry it.'),
  c_hash: oidc('Code hash', 'Half of the hash of the authorization code (hybrid flow): only ID tokens carry it.'),
  sid: { label: 'Session ID', description: 'The OP session, used for front- and back-channel logout.', kind: 'oidc', specLabel: 'OIDC Front-Channel Logout §3', specUrl: 'https://openid.net/specs/openid-connect-frontchannel-1_0.html#ClaimsContents' },
  name: profile('Full name', 'The user\'s full name.'),
  given_name: profile('Given name', 'First name.'),
  family_name: profile('Family name', 'Surname.'),
  middle_name: profile('Middle name', 'Middle name.'),
  nickname: profile('Nickname', 'Casual name.'),
  preferred_username: profile('Preferred username', 'Shorthand name; not unique, never use it as a key.'),
  profile: profile('Profile URL', 'URL of the user\'s profile page.'),
  picture: profile('Picture URL', 'URL of the user\'s picture.'),
  website: profile('Website', 'The user\'s web page.'),
  email: profile('Email', 'Email address; trust it only when email_verified is true.'),
  email_verified: profile('Email verified', 'Whether the provider verified the email address.'),
  gender: profile('Gender', 'Gender.'),
  birthdate: profile('Birthdate', 'Birthday, YYYY-MM-DD.'),
  zoneinfo: profile('Time zone', 'IANA time zone, e.g. Europe/Paris.'),
  locale: profile('Locale', 'BCP47 language tag, e.g. en-US.'),
  phone_number: profile('Phone number', 'Phone number, E.164 preferred.'),
  phone_number_verified: profile('Phone verified', 'Whether the provider verified the phone number.'),
  address: profile('Address', 'Postal address (JSON object).'),
  updated_at: profile('Updated at', 'When the profile was last updated.', true),
  scope: { label: 'Scope', description: 'Space-separated permissions granted to the client. APIs check it before acting.', kind: 'auth0', specLabel: 'RFC 8693 §4.2', specUrl: 'https://www.rfc-editor.org/rfc/rfc8693#section-4.2' },
  scp: { label: 'Scopes (array)', description: 'Scopes as an array (Okta, Microsoft).', kind: 'access-token', specLabel: 'RFC 9068 §2.2.3', specUrl: 'https://www.rfc-editor.org/rfc/rfc9068#section-2.2.3' },
  client_id: { label: 'Client ID', description: 'The client the access token was issued to.', kind: 'access-token', specLabel: 'RFC 9068 §2.2', specUrl: RFC9068 },
  roles: { label: 'Roles', description: 'Roles of the subject.', kind: 'access-token', specLabel: 'RFC 9068 §2.2.3.1', specUrl: 'https://www.rfc-editor.org/rfc/rfc9068#section-2.2.3.1' },
  groups: { label: 'Groups', description: 'Groups the subject belongs to.', kind: 'access-token', specLabel: 'RFC 9068 §2.2.3.1', specUrl: 'https://www.rfc-editor.org/rfc/rfc9068#section-2.2.3.1' },
  entitlements: { label: 'Entitlements', description: 'Entitlements of the subject.', kind: 'access-token', specLabel: 'RFC 9068 §2.2.3.1', specUrl: 'https://www.rfc-editor.org/rfc/rfc9068#section-2.2.3.1' },
  act: { label: 'Actor', description: 'Who acts on behalf of the subject: a token exchange issued this token to act.sub (a client or service), while sub stays the user it is about. Nested act claims are earlier actors in a chain.', kind: 'access-token', specLabel: 'RFC 8693 §4.1', specUrl: 'https://www.rfc-editor.org/rfc/rfc8693#section-4.1' },
  may_act: { label: 'May act', description: 'Who may exchange this token to act on behalf of the subject (RFC 8693 §4.4): an authorization server checks the requesting client against it.', kind: 'access-token', specLabel: 'RFC 8693 §4.4', specUrl: 'https://www.rfc-editor.org/rfc/rfc8693#section-4.4' },
  cnf: { label: 'Confirmation', description: 'Proof-of-possession key binding (DPoP jkt, mTLS x5t#S256).', kind: 'access-token', specLabel: 'RFC 7800 §3.1', specUrl: 'https://www.rfc-editor.org/rfc/rfc7800#section-3.1' },
  events: { label: 'Events', description: 'A Security Event Token / logout token: this is not an access token.', kind: 'registered', specLabel: 'RFC 8417 §2.2', specUrl: 'https://www.rfc-editor.org/rfc/rfc8417#section-2.2' },
  gty: auth0('Grant type', 'The grant that produced the token; "client-credentials" means a machine-to-machine token with no user.', 'https://auth0.com/docs/get-started/authentication-and-authorization-flow/client-credentials-flow'),
  permissions: auth0('Permissions', 'RBAC permissions of the user for this API (Auth0 "Add Permissions in the Access Token").', 'https://auth0.com/docs/get-started/apis/enable-role-based-access-control-for-apis'),
  org_id: auth0('Organization ID', 'The Auth0 Organization the user signed in to. APIs must check it for multi-tenant access.', 'https://auth0.com/docs/manage-users/organizations/using-tokens'),
  org_name: auth0('Organization name', 'The Auth0 Organization name; use org_id for authorization decisions, names can change.', 'https://auth0.com/docs/manage-users/organizations/using-tokens'),
};

export interface ClaimRow extends ClaimInfo {
  name: string;
  value: unknown;
  /** The value as JSON text, to render as text (never as HTML). */
  valueText: string;
  time?: { iso: string; relative: string };
}

/** A claim named by a URI: the collision-resistant form RFC 7519 §4.2 recommends and Auth0 uses for custom claims. */
export function isNamespacedClaim(name: string): boolean {
  return /^https?:\/\/[^\s]+/i.test(name) || /^urn:[a-z0-9][a-z0-9-]{0,31}:/i.test(name);
}

/** Explains every claim of a JWT Claims Set, in token order. */
export function explainClaims(claims: JsonObject, now: number): ClaimRow[] {
  return Object.entries(claims).map(([name, value]) => {
    const known = Object.hasOwn(CLAIM_REGISTRY, name) ? CLAIM_REGISTRY[name] : undefined;
    const info: ClaimInfo = known ?? (isNamespacedClaim(name)
      ? { label: 'Namespaced custom claim', description: `A custom claim namespaced by the URI ${name.replace(/[^/]*$/, '')}, so it cannot collide with registered claims.`, kind: 'namespaced', specLabel: 'RFC 7519 §4.2', specUrl: RFC7519('4.2') }
      : { label: 'Private claim', description: 'A custom claim whose meaning only its issuer defines. Namespace it with a URL to avoid collisions.', kind: 'custom', specLabel: 'RFC 7519 §4.3', specUrl: RFC7519('4.3') });
    const row: ClaimRow = { ...info, name, value, valueText: stringifyJson(value) };
    if (info.isTime && isNumericDate(value)) row.time = { iso: isoTime(value), relative: relativeTime(value, now) };
    return row;
  });
}
