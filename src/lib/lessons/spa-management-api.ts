import { authorizeLink, explorerLink, managementApiOf } from './lesson';
import type { Lesson } from './lesson';
import { observationsOf } from './observations';
import type { ObservationOf, Observed } from './observations';

const PATCH_USER = 'PATCH /api/v2/users/{id}';
const USER_SCOPES = 'openid profile read:current_user update:current_user_metadata update:users';
const PROFILE_HINT = 'In the explorer, Profile: “Demo tenant: demo-m2m”.';

const managementCalls = (observations: readonly Observed[], where: (call: ObservationOf<'api-call'>) => boolean) =>
  observationsOf(observations, 'api-call').some((call) => call.api === 'management' && where(call));

/** A single-page app calls the Management API itself, and meets every status code on the way. */
export const spaManagementApiLesson: Lesson = {
  id: 'spa-management-api',
  title: '401, then 400, then 403: calling the Management API from a SPA',
  summary: 'An ID token, an opaque token, a silently dropped scope: why a browser app can change its own user’s metadata and nothing more.',
  story: [
    'A developer wanted the settings page of their single-page app to save a user’s preferences through the Management API, straight from the browser. The first call sent the ID token, since it was the token that looked like it described the user: 401.',
    'Next they sent the access token, but the login had asked for no audience, so the token was a short opaque string rather than a JWT: 400, the API could not even read the header. With the Management API as the audience the token became a JWT, yet the update:users scope they asked for was not in it, and changing a user still failed with 403.',
    'A token issued to a person in a browser can only ever act on that person, through the current_user scopes. Changing anybody else is a job for a backend that authenticates as itself, with client credentials.',
  ],
  materials: [],
  steps: [
    {
      id: 'id-token-401',
      title: 'Send the ID token: 401',
      actions: [
        'Open the builder (no audience), press “Log in”, sign in as alice, then press “Exchange code”.',
        'Open the explorer on alice’s user. ' + PROFILE_HINT,
        'Authorize with: “A token obtained in this tab”, Token: the ID token. Press “Send request”.',
      ],
      links: [
        { label: 'Open the builder (no audience)', to: () => authorizeLink('demo-spa', { scope: 'openid profile' }) },
        { label: 'Open the explorer on GET /api/v2/users/auth0|alice', to: () => explorerLink('GET /api/v2/users/auth0|alice') },
      ],
      check: (observations) => managementCalls(observations, (call) => call.status === 401 && call.tokenUse === 'id'),
      lesson: 'An ID token tells the app who logged in; its audience is the app’s client ID, so no API accepts it.',
    },
    {
      id: 'opaque-400',
      title: 'Send the access token without an audience: 400',
      actions: ['In the same explorer, Token: the access token from the authorize flow. Press “Send request”.'],
      links: [{ label: 'Open the explorer on GET /api/v2/users/auth0|alice', to: () => explorerLink('GET /api/v2/users/auth0|alice') }],
      check: (observations) => managementCalls(observations, (call) => call.status === 400 && call.tokenKind === 'opaque'),
      lesson: 'Without an audience the tenant issues an opaque token meant for /userinfo only: the API cannot parse it as a JWT.',
    },
    {
      id: 'scope-dropped-403',
      title: 'Ask for the Management API and update:users: dropped, 403',
      actions: [
        'Open the builder with the Management API audience: the pitfall already warns about update:users, and holds “Log in” back. Tick “Log in anyway, to see what the server does”, log in as alice and exchange the code: “Requested vs granted” shows update:users dropped.',
        'Open the explorer on bob’s user. Authorize with the access token from the authorize flow, Body {"user_metadata":{"theme":"dark"}}, and send it.',
      ],
      links: [
        { label: 'Open the builder (Management API audience)', to: ({ issuer }) => (issuer ? authorizeLink('demo-spa', { audience: managementApiOf(issuer), scope: USER_SCOPES }) : null) },
        { label: 'Open the explorer on PATCH /api/v2/users/auth0|bob', to: () => explorerLink('PATCH /api/v2/users/auth0|bob') },
      ],
      check: (observations) =>
        observationsOf(observations, 'signed-in').some((o) => o.dropped.includes('update:users')) &&
        managementCalls(observations, (call) => call.operation === PATCH_USER && call.status === 403 && call.userBound === true),
      lesson: 'A user’s token for the Management API keeps only the current_user scopes; every other one is dropped without an error, so the failure shows up later as 403.',
    },
    {
      id: 'own-metadata-200',
      title: 'Change your own user_metadata: 200',
      actions: ['Open the explorer on alice’s own user, with the same token and the same body, and send it.'],
      links: [{ label: 'Open the explorer on PATCH /api/v2/users/auth0|alice', to: () => explorerLink('PATCH /api/v2/users/auth0|alice') }],
      check: (observations) => managementCalls(observations, (call) => call.operation === PATCH_USER && call.status === 200 && call.userBound === true),
      lesson: 'update:current_user_metadata is enough for a settings page: the user’s own user_metadata, nothing else.',
    },
    {
      id: 'backend-200',
      title: 'Change another user from a backend: 200',
      actions: ['Open the explorer on bob’s user again, Authorize with: “Least-privilege token from a profile” (client credentials of demo-m2m), Body {"app_metadata":{"plan":"gold"}}, and send it.'],
      links: [{ label: 'Open the explorer on PATCH /api/v2/users/auth0|bob', to: () => explorerLink('PATCH /api/v2/users/auth0|bob') }],
      check: (observations) => managementCalls(observations, (call) => call.operation === PATCH_USER && call.status === 200 && call.userBound !== true),
      lesson: 'Changing someone else needs a client that proves who it is with its own credentials, on a server, never in a browser.',
    },
  ],
};
