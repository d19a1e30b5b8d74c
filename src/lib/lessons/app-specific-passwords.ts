import { generateKeyPair, SignJWT } from 'jose';
import { DEMO_API, explorerLink } from './lesson';
import type { Lesson } from './lesson';
import { observationsOf } from './observations';
import type { Observed } from './observations';

const CREATE = 'POST /api/v2/users/{id}/application-passwords';
const DELETE = 'DELETE /api/v2/users/{id}/application-passwords/{asp_id}';
const ASSERTION_LIFETIME = 300;

/**
 * EXAMPLE ONLY: a client assertion for demo-rs, signed with a key pair made in this browser and thrown away at once.
 * No server knows the key, so it authenticates nothing; it shows what a well-formed assertion looks like (RFC 7523 §3).
 */
export async function exampleClientAssertion({ issuer, now, jti = crypto.randomUUID() }: { issuer: string; now: number; jti?: string }): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', typ: 'client-authentication+jwt', kid: 'example-only-key' })
    .setIssuer('demo-rs')
    .setSubject('demo-rs')
    .setAudience(issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_LIFETIME)
    .setJti(jti)
    .sign(privateKey);
}

const lastSeq = (observations: readonly Observed[], where: (o: Observed) => boolean) => observations.filter(where).at(-1)?.seq ?? null;

/** The legacy per-user passwords an API checks by introspection, with a resource server that authenticates by key. */
export const appSpecificPasswordsLesson: Lesson = {
  id: 'app-specific-passwords',
  title: 'Introspecting app-specific passwords with private_key_jwt',
  summary: 'Create a password for bob, introspect it as the resource server (active, with his username), delete it (inactive), and lint the kind of assertion the resource server signs.',
  story: [
    'A calendar API had to accept app-specific passwords: long random strings a user creates for one old client that cannot do a browser login. They are not JWTs, so the API cannot check them itself; it has to ask the tenant, by introspection, every time.',
    'The API’s team asked two things in their thread: how the API proves who it is when it asks, without a shared secret sitting in its config, and whether a deleted password stops working at once. The first is private_key_jwt: the API signs a short assertion with its own private key. The second is what introspection is for: the tenant answers from its live state, so a deleted password is inactive on the next call.',
  ],
  materials: [{ id: 'client-assertion', label: 'Example client assertion for demo-rs (throwaway key, expires in 5 minutes)', make: exampleClientAssertion }],
  steps: [
    {
      id: 'create-password',
      title: 'Create an app-specific password for bob: 201',
      actions: [
        'In the explorer (Profile “Demo tenant: demo-m2m”, Authorize with a least-privilege token), set the Body to {"label":"calendar sync","audience":"https://api.demo.test/","scope":["read:appointments"]} and send it.',
        'Copy the 16-letter "value" from the response: it is shown once, and the tenant keeps only its hash.',
      ],
      links: [{ label: 'Open the explorer on POST …/users/auth0|bob/application-passwords', to: () => explorerLink('POST /api/v2/users/auth0|bob/application-passwords') }],
      check: (observations) => observationsOf(observations, 'api-call').some((o) => o.operation === CREATE && o.status === 201),
      lesson: `The password is bob’s own bearer credential for ${DEMO_API}, limited to the scopes it was created with.`,
    },
    {
      id: 'introspect-active',
      title: 'Introspect it as the resource server: active, with a username',
      actions: ['Paste the password into “Token”, choose the Profile “Demo tenant: demo-rs resource server (private_key_jwt)”, press “Introspect”.'],
      links: [{ label: 'Open introspection', to: () => '/introspect' }],
      check: (observations) => observationsOf(observations, 'introspected').some((o) => o.active && o.hasUsername && o.tokenType === 'application_specific_password_token'),
      lesson: 'The companion server authenticated as demo-rs with a fresh private_key_jwt assertion; the tenant answered active, the token type, and whose password it is.',
    },
    {
      id: 'delete-password',
      title: 'Delete the password: 204',
      actions: ['Copy the password’s "id" (asp_…) from the creation response into asp_id, and send the DELETE.'],
      links: [{ label: 'Open the explorer on DELETE …/application-passwords/{asp_id}', to: () => explorerLink('DELETE /api/v2/users/auth0|bob/application-passwords/{asp_id}') }],
      check: (observations) => observationsOf(observations, 'api-call').some((o) => o.operation === DELETE && o.status === 204),
      lesson: 'Deleting it is the user’s (or an admin’s) way to cut off one old client without touching any other.',
    },
    {
      id: 'introspect-inactive',
      title: 'Introspect it again: inactive',
      actions: ['Introspect the same password with demo-rs once more.'],
      links: [{ label: 'Open introspection', to: () => '/introspect' }],
      check: (observations) => {
        const deleted = lastSeq(observations, (o) => o.kind === 'api-call' && o.operation === DELETE && o.status === 204);
        return deleted !== null && observationsOf(observations, 'introspected').some((o) => !o.active && o.seq > deleted);
      },
      lesson: 'Introspection reads the tenant’s live state: the API learns of the deletion on its very next check, with no token to wait out.',
    },
    {
      id: 'lint-assertion',
      title: 'Check a client assertion with the linter',
      actions: [
        'Copy the example client assertion above (it is made for demo-rs with a throwaway key).',
        'On the introspection page, with demo-rs chosen, paste it into “Client assertion” under “Client assertion builder and linter”, and press “Lint assertion”: every check passes.',
      ],
      links: [{ label: 'Open introspection', to: () => '/introspect' }],
      check: (observations) => observationsOf(observations, 'assertion-linted').some((o) => o.errors.length === 0),
      lesson: 'iss and sub are the client, aud is the tenant’s issuer, a short exp and a fresh jti: the shape the tenant checks before it answers any introspection.',
    },
  ],
};
