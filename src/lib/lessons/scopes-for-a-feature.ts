import { formatSelectionLink } from '../catalog/deep-link';
import { MANAGEMENT_API_KEY } from '../catalog/api-model';
import { explorerLink, holdsAll, sameScopes } from './lesson';
import type { Lesson } from './lesson';
import { observationsOf } from './observations';

/** The feature: a support dashboard that lists users and the roles they can be given. */
const ENDPOINTS = ['GET /api/v2/users', 'GET /api/v2/roles'];
const LEAST_PRIVILEGE = ['read:roles', 'read:users'];
const MINT_HINT = 'In “Get a client-credentials token”: Client profile “Demo tenant: demo-m2m”, Audience the Management API (…/api/v2/)';

/** Which scopes a feature needs, proven by calling every endpoint with exactly them, then with one fewer. */
export const scopesForAFeatureLesson: Lesson = {
  id: 'scopes-for-a-feature',
  title: 'Which scopes does this feature of our app need?',
  summary: 'Pick the endpoints a feature calls, get the least-privilege set and the client grant, then prove it: every call 200, and one scope fewer gives a 403 that names it.',
  story: [
    'A team building a support dashboard asked which Management API scopes to grant its backend. The answers they found in old threads ranged from “read:users” to “just grant everything”, and the first version shipped with a dozen scopes nobody could justify.',
    'The dashboard calls two endpoints: it lists users and it lists roles. Each endpoint accepts a small set of scopes; the smallest set that covers both is the answer, and a token minted with exactly that set is the proof. Take one scope away and the endpoint that needed it says so.',
  ],
  materials: [],
  steps: [
    {
      id: 'pick-endpoints',
      title: 'Pick the endpoints and read the least-privilege set',
      actions: ['Open the scope picker with the dashboard’s two endpoints selected (a machine-to-machine token).', 'Read the scope string (read:roles read:users) and the client-grant JSON it generates.'],
      links: [{ label: 'Open the scope picker (the dashboard’s endpoints)', to: () => `/scopes?${formatSelectionLink({ api: MANAGEMENT_API_KEY, kind: 'm2m', endpoints: ENDPOINTS, requested: [], intents: {} })}` }],
      check: (observations) => observationsOf(observations, 'scopes-resolved').some((o) => o.tokenKind === 'm2m' && holdsAll(o.endpoints, ENDPOINTS) && sameScopes(o.scopes, LEAST_PRIVILEGE)),
      lesson: 'The picker chooses, for each endpoint, the scope that grants the least, and shares scopes between endpoints where it can.',
    },
    {
      id: 'every-call-200',
      title: 'Mint a token with exactly those scopes: every call 200',
      actions: [
        `${MINT_HINT}; tick read:roles and read:users; press “Get token”.`,
        'In the explorer, Profile “Demo tenant: demo-m2m”, Authorize with “A token obtained in this tab”, the newest minted token. Send GET /api/v2/users, then GET /api/v2/roles.',
      ],
      links: [
        { label: 'Open the token minting panel', to: () => '/introspect' },
        { label: 'Open the explorer on GET /api/v2/users', to: () => explorerLink('GET /api/v2/users') },
        { label: 'Open the explorer on GET /api/v2/roles', to: () => explorerLink('GET /api/v2/roles') },
      ],
      check: (observations) => {
        const calls = observationsOf(observations, 'api-call').filter((o) => o.credential === 'own-token' && o.status === 200 && sameScopes(o.scopes, LEAST_PRIVILEGE));
        return ENDPOINTS.every((endpoint) => calls.some((o) => o.operation === endpoint));
      },
      lesson: 'Two scopes, two 200s: the set is enough.',
    },
    {
      id: 'one-fewer-403',
      title: 'Remove one scope: the 403 names it',
      actions: [`${MINT_HINT}; tick read:users only; press “Get token”.`, 'In the explorer, send GET /api/v2/roles with that newest token: the answer is 403, and “Why” names read:roles.'],
      links: [
        { label: 'Open the token minting panel', to: () => '/introspect' },
        { label: 'Open the explorer on GET /api/v2/roles', to: () => explorerLink('GET /api/v2/roles') },
      ],
      check: (observations) =>
        observationsOf(observations, 'api-call').some((o) => o.operation === 'GET /api/v2/roles' && o.status === 403 && o.credential === 'own-token' && !o.scopes.includes('read:roles') && o.diagnosis === 'MISSING_SCOPE'),
      lesson: 'The set is also necessary: without read:roles the roles endpoint refuses, and says which scope it expected.',
    },
  ],
};
