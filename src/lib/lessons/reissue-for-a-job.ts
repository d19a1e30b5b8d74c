import { authorizeLink, DEMO_API, sameScopes } from './lesson';
import type { Lesson } from './lesson';
import { observationsOf } from './observations';

const JOB_SCOPE = ['write:appointments'];

/** A nightly job acts for a user with less than the user may do, for longer than the user's token lives. */
export const reissueForAJobLesson: Lesson = {
  id: 'reissue-for-a-job',
  title: 'Re-issue with fewer scopes for a background job',
  summary: 'Token exchange keeps the user; client credentials with a user claim make the token the client’s. Compare the two, claim by claim.',
  story: [
    'A clinic app let alice queue appointment changes that a background worker applied overnight. The worker reused her access token: it expired before the job finished, and it carried every scope she had, reading included, which the job never needed.',
    'Two answers came up. Exchange her token for a new one that still names her, holds only write:appointments and lives as long as the API allows; or let the worker ask for its own client-credentials token and write her user id into a claim. Both work, but they say different things about who is acting, and the second trusts whoever holds the worker’s secret to name any user.',
  ],
  materials: [],
  steps: [
    {
      id: 'user-token',
      title: 'Log in as alice for the appointments API',
      actions: ['Open the builder, press “Log in”, sign in as alice, then press “Exchange code”.'],
      links: [{ label: 'Open the builder (appointments API)', to: () => authorizeLink('demo-spa', { audience: DEMO_API, scope: 'openid read:appointments write:appointments' }) }],
      check: (observations) => observationsOf(observations, 'signed-in').some((o) => o.audience === DEMO_API && !o.accessTokenOpaque && o.granted.includes('write:appointments')),
      lesson: 'Her token carries both scopes and lives as long as the API’s token lifetime, counted from her login.',
    },
    {
      id: 'token-exchange',
      title: 'Exchange it for write:appointments only',
      actions: [
        'Open the Re-issue panel with alice’s token (or press “Re-issue” under the access token on the callback page).',
        'Untick every scope but write:appointments, choose “Token exchange (keeps the user)”, and press “Re-issue”.',
        'Read the diff: same sub, an act claim naming the client, the scope narrowed.',
      ],
      links: [{ label: 'Re-issue alice’s token', to: () => '/introspect', handoff: { kind: 'reissue', audience: DEMO_API } }],
      check: (observations) => observationsOf(observations, 'reissued').some((o) => o.method === 'token-exchange' && o.userKept && sameScopes(o.scopes, JOB_SCOPE)),
      lesson: 'Token exchange (RFC 8693) keeps alice as the subject and records the worker as the actor: an API can still tell who the change is for and who made it.',
    },
    {
      id: 'client-credentials',
      title: 'Compare with client credentials and a user claim',
      actions: ['In the same panel, choose “Client credentials + user claim (the token belongs to the client)” and press “Re-issue”.', 'Compare the diff with the exchange’s: sub is now the client, and alice is only a custom claim.'],
      links: [{ label: 'Re-issue alice’s token', to: () => '/introspect', handoff: { kind: 'reissue', audience: DEMO_API } }],
      check: (observations) => observationsOf(observations, 'reissued').some((o) => o.method === 'client-credentials' && sameScopes(o.scopes, JOB_SCOPE)),
      lesson: 'The token belongs to the worker now: an API that authorizes by sub sees a client, and anyone with the worker’s secret can mint a token for any user id.',
    },
  ],
};
