import { authorizeLink, DEMO_API } from './lesson';
import type { Lesson } from './lesson';
import { observationsOf } from './observations';

const WITHOUT_SLASH = DEMO_API.replace(/\/$/, '');
const SCOPE = 'openid profile read:appointments';

/** An API identifier is an exact string: one missing character, and the tenant knows no such API. */
export const trailingSlashLesson: Lesson = {
  id: 'trailing-slash',
  title: 'One trailing slash',
  summary: 'The API is registered as https://api.demo.test/ and the app asks for https://api.demo.test: login fails with “Service not found”.',
  story: [
    'A team registered their API with the identifier https://api.demo.test/, slash included, and configured their single-page app with https://api.demo.test, because that is how URLs usually get typed. Nothing looked wrong in the code review.',
    'The tenant does not treat an identifier as a URL to normalise: it is a name, compared character by character. Without the slash it names an API that does not exist, so the login ends in an error instead of a token, and the message mentions a service rather than a typo.',
  ],
  materials: [],
  steps: [
    {
      id: 'pitfall-shown',
      title: 'See the pitfall before anyone logs in',
      actions: ['Open the builder with the audience as the app had it.', 'Read the pitfall “The audience is almost https://api.demo.test/”: do not apply its fix yet.'],
      links: [{ label: 'Open the builder (audience without the slash)', to: () => authorizeLink('demo-spa', { audience: WITHOUT_SLASH, scope: SCOPE }) }],
      check: (observations) => observationsOf(observations, 'pitfalls-shown').some((o) => o.ids.includes('audience-mismatch')),
      lesson: 'The builder knows the tenant’s APIs, so it sees that the audience differs from one of them only by its final slash.',
    },
    {
      id: 'service-not-found',
      title: 'Log in anyway: the tenant answers “Service not found”',
      actions: ['The pitfall holds “Log in” back: tick “Log in anyway, to see what the server does”, then press “Log in”. The tenant refuses before anyone signs in.', 'The callback page shows the error it sent back.'],
      links: [{ label: 'Open the builder (audience without the slash)', to: () => authorizeLink('demo-spa', { audience: WITHOUT_SLASH, scope: SCOPE }) }],
      check: (observations) => observationsOf(observations, 'authorization-refused').some((o) => /service not found/i.test(o.description)),
      lesson: 'access_denied with “Service not found: https://api.demo.test”: the tenant looked the audience up and found nothing by that exact name.',
    },
    {
      id: 'fixed',
      title: 'Apply the fix and get a token for the API',
      actions: ['Open the builder again, press the pitfall’s “Use https://api.demo.test/” button.', 'Log in as alice, then press “Exchange code”: the access token is a JWT for the API.'],
      links: [{ label: 'Open the builder (audience without the slash)', to: () => authorizeLink('demo-spa', { audience: WITHOUT_SLASH, scope: SCOPE }) }],
      check: (observations) => observationsOf(observations, 'signed-in').some((o) => o.audience === DEMO_API && !o.accessTokenOpaque),
      lesson: 'Copy API identifiers from the tenant, never retype them: the same rule holds in the API’s own token check, which compares aud exactly.',
    },
  ],
};
