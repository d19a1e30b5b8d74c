import { SignJWT } from 'jose';
import { decodeSecret } from '../jwt/keys';
import { explorerLink, holdsAll, sameScopes } from './lesson';
import type { Lesson } from './lesson';
import { observationsOf } from './observations';

/**
 * EXAMPLE ONLY: the "global client secret" of a tenant that never existed, base64-encoded as the old dashboards showed
 * it. It signs the lesson's legacy token in the browser and is no secret of any server, demo tenant included.
 */
export const EXAMPLE_GLOBAL_SECRET = 'ZXhhbXBsZS1vbmx5LWdsb2JhbC1jbGllbnQtc2VjcmV0fn5+Pj4+Pz8/';
const ONE_YEAR = 365 * 86_400;
const LEAST_PRIVILEGE = ['read:clients', 'read:client_keys'];

/** A Management API token of the old kind: HS256 with the global secret (base64-decoded), every scope, a year long. */
export function legacyManagementToken({ issuer, now }: { issuer: string; now: number }): Promise<string> {
  return new SignJWT({ scope: 'read:users update:users delete:users create:users read:clients read:client_keys update:clients delete:clients create:clients' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience('EXAMPLE-global-client-id')
    .setSubject('EXAMPLE-global-client-id')
    .setIssuedAt(now)
    .setExpirationTime(now + ONE_YEAR)
    .setJti(`example-${now}`)
    .sign(decodeSecret(EXAMPLE_GLOBAL_SECRET, 'base64'));
}

/** From a year-long token signed with a shared secret to short, least-privilege client-credentials tokens. */
export const globalSecretLesson: Lesson = {
  id: 'global-secret-to-client-credentials',
  title: 'From the global client secret to client credentials',
  summary: 'Verify a legacy HS256 token signed with a base64 secret, see why its lifetime alone retires it, then mint a 24 h token with two scopes and call the API with it.',
  story: [
    'An operations script had called the Management API for years with a token someone generated once, by hand, signed with the tenant’s global client secret. When the script broke, nobody could even verify the token: the secret was shown base64-encoded, and every tool they tried read it as plain text.',
    'The token itself was the real problem. It was valid for a year, carried every scope, and anybody holding the one shared secret could mint more like it; revoking it meant rotating a secret the whole tenant depended on. Its replacement is a machine client with a client grant: tokens minted on demand, for a day, with only the scopes the script uses.',
  ],
  materials: [
    { id: 'legacy-secret', label: 'Example global client secret (base64)', make: () => Promise.resolve(EXAMPLE_GLOBAL_SECRET) },
    { id: 'legacy-token', label: 'Legacy Management API token (HS256, example only)', make: legacyManagementToken },
  ],
  steps: [
    {
      id: 'verify-legacy',
      title: 'Verify the legacy token with the right secret encoding',
      actions: ['Open the legacy token in the token editor.', 'Copy the example secret above into “Verification key”: the signature does not verify.', 'Set “Secret encoding” to base64: it verifies.'],
      links: [{ label: 'Open the legacy token in the token editor', to: ({ materials }) => (materials['legacy-token'] ? `/debugger#token=${materials['legacy-token']}` : null) }],
      check: (observations) => observationsOf(observations, 'signature-checked').some((o) => o.alg === 'HS256' && o.verified && o.secretEncoding === 'base64'),
      lesson: 'The dashboard showed the secret base64-encoded; the signature was made with the bytes it encodes, not with its text.',
    },
    {
      id: 'lifetime-flagged',
      title: 'See the findings flag its lifetime',
      actions: ['Scroll to “Findings”: long-lived says the token lives a year, far beyond the 30 days an Auth0 API token may.'],
      links: [{ label: 'Open the legacy token in the token editor', to: ({ materials }) => (materials['legacy-token'] ? `/debugger#token=${materials['legacy-token']}` : null) }],
      check: (observations) => observationsOf(observations, 'findings-shown').some((o) => o.ids.includes('long-lived')),
      lesson: 'Why this kind of token was retired: a year-long bearer token with every scope, signed by a secret shared tenant-wide, cannot be limited, and cannot be revoked without breaking everything else that uses the secret.',
    },
    {
      id: 'mint-least-privilege',
      title: 'Mint a least-privilege client-credentials token',
      actions: ['In “Get a client-credentials token”: Client profile “Demo tenant: demo-m2m”, Audience the Management API (…/api/v2/), tick read:clients and read:client_keys, press “Get token”.', 'The companion server asks with the profile’s credentials, which never reach this page; the token expires in 1 day.'],
      links: [{ label: 'Open the token minting panel', to: () => '/introspect' }],
      check: (observations) =>
        observationsOf(observations, 'token-minted').some((o) => o.audience?.endsWith('/api/v2/') === true && sameScopes(o.scopes, LEAST_PRIVILEGE) && o.expiresIn !== null && o.expiresIn > 0 && o.expiresIn <= 86_400),
      lesson: 'Two scopes, one day, minted on demand: a leaked token is worth little, and the client’s grant can be narrowed or its secret rotated without touching anything else.',
    },
    {
      id: 'call-clients',
      title: 'Call GET /api/v2/clients with it: 200',
      actions: ['In the explorer, Profile “Demo tenant: demo-m2m”, Authorize with “A token obtained in this tab”, the minted token. Press “Send request”: the answer lists the clients, and read:client_keys lets it carry their client_secret members. A secret the companion server holds in its own configuration (the demo profiles’ clients) shows as “[redacted]”: the companion scrubs every secret it knows from every answer it relays, so none reaches this page.'],
      links: [{ label: 'Open the explorer on GET /api/v2/clients', to: () => explorerLink('GET /api/v2/clients') }],
      check: (observations) => observationsOf(observations, 'api-call').some((o) => o.operation === 'GET /api/v2/clients' && o.status === 200 && o.credential === 'own-token' && holdsAll(o.scopes, LEAST_PRIVILEGE)),
      lesson: 'The script needs nothing more than this call: the grant says so, and the token proves it.',
    },
  ],
};
