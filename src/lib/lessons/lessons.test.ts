import { describe, expect, it } from 'vitest';
import { decodeToken } from '../jwt/decode';
import { lintClientAssertion } from '../oauth/assertion-lint';
import { exampleClientAssertion } from './app-specific-passwords';
import { DEFAULT_VERIFY_OPTIONS, verifyToken } from '../jwt/verify';
import { EXAMPLE_GLOBAL_SECRET, legacyManagementToken } from './global-secret';
import type { Lesson } from './lesson';
import { findLesson, lessons } from './lessons';
import type { Observation, Observed } from './observations';

const ID = /^[a-z0-9-]{1,64}$/;
const context = { issuer: 'http://127.0.0.1:4001/', materials: { 'legacy-token': 'x.y.z', 'legacy-secret': 's', 'client-assertion': 'a.b.c' } };

/** Numbers the observations in order, as the store does. */
const observed = (...observations: Observation[]): Observed[] => observations.map((o, i) => ({ ...o, seq: i + 1 }));

function doneSteps(lesson: Lesson, observations: readonly Observed[]): string[] {
  return lesson.steps.filter((step) => step.check(observations)).map((step) => step.id);
}

describe('lesson data', () => {
  it('has unique, storable ids, and every step says what to do and links a tool', () => {
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    for (const lesson of lessons) {
      expect(lesson.id).toMatch(ID);
      expect(lesson.story.length).toBeGreaterThan(0);
      expect(new Set(lesson.steps.map((s) => s.id)).size).toBe(lesson.steps.length);
      for (const step of lesson.steps) {
        expect(step.id).toMatch(ID);
        expect(step.actions.length).toBeGreaterThan(0);
        expect(step.links.length).toBeGreaterThan(0);
        for (const link of step.links) expect(link.to(context)).toMatch(/^\/(authorize|debugger|explorer|introspect|scopes)\b/);
      }
    }
  });

  it('finds a lesson by id, and nothing for an unknown id', () => {
    expect(findLesson('trailing-slash')?.title).toBe('One trailing slash');
    expect(findLesson('no-such-lesson')).toBeUndefined();
  });

  it('leaves every step to do when nothing was observed', () => {
    for (const lesson of lessons) expect(doneSteps(lesson, [])).toEqual([]);
  });
});

describe('One trailing slash', () => {
  const lesson = findLesson('trailing-slash') as Lesson;

  it('ticks the pitfall, the refusal, then the fixed login', () => {
    expect(doneSteps(lesson, observed({ kind: 'pitfalls-shown', ids: ['audience-mismatch'] }))).toEqual(['pitfall-shown']);
    expect(doneSteps(lesson, observed({ kind: 'authorization-refused', error: 'access_denied', description: 'Service not found: https://api.demo.test' }))).toEqual(['service-not-found']);
    const fixed: Observation = { kind: 'signed-in', clientId: 'demo-spa', audience: 'https://api.demo.test/', accessTokenOpaque: false, granted: ['read:appointments'], dropped: [] };
    expect(doneSteps(lesson, observed(fixed))).toEqual(['fixed']);
  });

  it('does not count a login for the identifier without its slash, or another refusal', () => {
    expect(doneSteps(lesson, observed({ kind: 'signed-in', clientId: 'demo-spa', audience: 'https://api.demo.test', accessTokenOpaque: false, granted: [], dropped: [] }))).toEqual([]);
    expect(doneSteps(lesson, observed({ kind: 'authorization-refused', error: 'login_required', description: 'End-User authentication is required' }))).toEqual([]);
  });
});

/** An explorer call to the Management API, as the explorer publishes it. */
const call = (fields: Partial<Extract<Observation, { kind: 'api-call' }>>): Observation => ({
  kind: 'api-call',
  api: 'management',
  operation: null,
  method: 'GET',
  path: '/api/v2/users',
  status: 200,
  diagnosis: null,
  credential: 'own-token',
  tokenKind: 'jwt',
  tokenUse: 'access',
  userBound: true,
  scopes: [],
  ...fields,
});

describe('401, then 400, then 403', () => {
  const lesson = findLesson('spa-management-api') as Lesson;
  const patch = 'PATCH /api/v2/users/{id}';

  it('ticks each status for the token that causes it', () => {
    expect(doneSteps(lesson, observed(call({ status: 401, tokenUse: 'id' })))).toEqual(['id-token-401']);
    expect(doneSteps(lesson, observed(call({ status: 400, tokenKind: 'opaque', tokenUse: 'unknown' })))).toEqual(['opaque-400']);
    const dropped: Observation = { kind: 'signed-in', clientId: 'demo-spa', audience: 'http://127.0.0.1:4001/api/v2/', accessTokenOpaque: false, granted: ['read:current_user'], dropped: ['update:users'] };
    expect(doneSteps(lesson, observed(dropped, call({ operation: patch, method: 'PATCH', status: 403 })))).toEqual(['scope-dropped-403']);
    expect(doneSteps(lesson, observed(call({ operation: patch, method: 'PATCH', status: 200 })))).toEqual(['own-metadata-200']);
    expect(doneSteps(lesson, observed(call({ operation: patch, method: 'PATCH', status: 200, credential: 'minted-for-call', userBound: false })))).toEqual(['backend-200']);
  });

  it('does not count a 403 without the dropped scope seen at login, nor a 401 for an access token', () => {
    expect(doneSteps(lesson, observed(call({ operation: patch, method: 'PATCH', status: 403 })))).toEqual([]);
    expect(doneSteps(lesson, observed(call({ status: 401, tokenUse: 'access' })))).toEqual([]);
  });
});

describe('Re-issue with fewer scopes for a background job', () => {
  const lesson = findLesson('reissue-for-a-job') as Lesson;

  it('ticks the login, the exchange that keeps the user, and the client-credentials comparison', () => {
    const login: Observation = { kind: 'signed-in', clientId: 'demo-spa', audience: 'https://api.demo.test/', accessTokenOpaque: false, granted: ['openid', 'read:appointments', 'write:appointments'], dropped: [] };
    expect(doneSteps(lesson, observed(login))).toEqual(['user-token']);
    expect(doneSteps(lesson, observed({ kind: 'reissued', method: 'token-exchange', scopes: ['write:appointments'], userKept: true }))).toEqual(['token-exchange']);
    expect(doneSteps(lesson, observed({ kind: 'reissued', method: 'client-credentials', scopes: ['write:appointments'], userKept: false }))).toEqual(['client-credentials']);
  });

  it('does not count an exchange that kept more scopes than the job needs', () => {
    expect(doneSteps(lesson, observed({ kind: 'reissued', method: 'token-exchange', scopes: ['read:appointments', 'write:appointments'], userKept: true }))).toEqual([]);
  });
});

describe('Which scopes does this feature of our app need?', () => {
  const lesson = findLesson('scopes-for-a-feature') as Lesson;
  const both = ['read:users', 'read:roles'];

  it('ticks the picked set, a 200 on every endpoint with exactly it, and the 403 without read:roles', () => {
    expect(doneSteps(lesson, observed({ kind: 'scopes-resolved', tokenKind: 'm2m', endpoints: ['GET /api/v2/users', 'GET /api/v2/roles'], scopes: ['read:roles', 'read:users'] }))).toEqual(['pick-endpoints']);
    const users = call({ operation: 'GET /api/v2/users', userBound: false, scopes: both });
    const roles = call({ operation: 'GET /api/v2/roles', path: '/api/v2/roles', userBound: false, scopes: both });
    expect(doneSteps(lesson, observed(users))).toEqual([]);
    expect(doneSteps(lesson, observed(users, roles))).toEqual(['every-call-200']);
    const refused = call({ operation: 'GET /api/v2/roles', path: '/api/v2/roles', status: 403, diagnosis: 'MISSING_SCOPE', userBound: false, scopes: ['read:users'] });
    expect(doneSteps(lesson, observed(refused))).toEqual(['one-fewer-403']);
  });

  it('does not count calls made with a token the explorer minted per endpoint', () => {
    const minted = (operation: string) => call({ operation, credential: 'minted-for-call', userBound: false, scopes: both });
    expect(doneSteps(lesson, observed(minted('GET /api/v2/users'), minted('GET /api/v2/roles')))).toEqual([]);
  });
});

describe('From the global client secret to client credentials', () => {
  const lesson = findLesson('global-secret-to-client-credentials') as Lesson;

  it('makes a year-long HS256 token that verifies with the secret read as base64, and not as text', async () => {
    const token = await legacyManagementToken({ issuer: 'http://127.0.0.1:4001/', now: 1_700_000_000 });
    const decoded = decodeToken(token);
    expect(decoded.kind === 'jws' && decoded.claims ? Number(decoded.claims.exp) - Number(decoded.claims.iat) : 0).toBe(365 * 86_400);
    expect((await verifyToken(decoded, EXAMPLE_GLOBAL_SECRET, { ...DEFAULT_VERIFY_OPTIONS, encoding: 'base64' })).kind).toBe('verified');
    expect((await verifyToken(decoded, EXAMPLE_GLOBAL_SECRET, { ...DEFAULT_VERIFY_OPTIONS, encoding: 'utf8' })).kind).toBe('invalid');
  });

  it('ticks the base64 verification, the lifetime finding, the two-scope day-long token and the call', () => {
    expect(doneSteps(lesson, observed({ kind: 'signature-checked', alg: 'HS256', verified: false, secretEncoding: 'utf8' }))).toEqual([]);
    expect(doneSteps(lesson, observed({ kind: 'signature-checked', alg: 'HS256', verified: true, secretEncoding: 'base64' }))).toEqual(['verify-legacy']);
    expect(doneSteps(lesson, observed({ kind: 'findings-shown', ids: ['long-lived'] }))).toEqual(['lifetime-flagged']);
    const minted = (scopes: string[]): Observation => ({ kind: 'token-minted', profile: 'demo', audience: 'http://127.0.0.1:4001/api/v2/', scopes, expiresIn: 86_400 });
    expect(doneSteps(lesson, observed(minted(['read:clients', 'read:client_keys'])))).toEqual(['mint-least-privilege']);
    expect(doneSteps(lesson, observed(minted(['read:clients', 'read:client_keys', 'read:users'])))).toEqual([]);
    expect(doneSteps(lesson, observed(call({ operation: 'GET /api/v2/clients', userBound: false, scopes: ['read:clients', 'read:client_keys'] })))).toEqual(['call-clients']);
  });
});

describe('Introspecting app-specific passwords with private_key_jwt', () => {
  const lesson = findLesson('app-specific-passwords') as Lesson;
  const created = call({ operation: 'POST /api/v2/users/{id}/application-passwords', method: 'POST', status: 201, userBound: false });
  const deleted = call({ operation: 'DELETE /api/v2/users/{id}/application-passwords/{asp_id}', method: 'DELETE', status: 204, userBound: false });
  const active: Observation = { kind: 'introspected', profile: 'demo-rs', active: true, tokenType: 'application_specific_password_token', hasUsername: true };
  const inactive: Observation = { kind: 'introspected', profile: 'demo-rs', active: false, tokenType: null, hasUsername: false };

  it('ticks create, active, delete, inactive after the delete, and a clean lint', () => {
    expect(doneSteps(lesson, observed(created, active, deleted, inactive))).toEqual(['create-password', 'introspect-active', 'delete-password', 'introspect-inactive']);
    expect(doneSteps(lesson, observed({ kind: 'assertion-linted', errors: [], warnings: [] }))).toEqual(['lint-assertion']);
  });

  it('does not count an inactive answer from before the delete, or a lint with errors', () => {
    expect(doneSteps(lesson, observed(inactive, deleted))).toEqual(['delete-password']);
    expect(doneSteps(lesson, observed({ kind: 'assertion-linted', errors: ['exp'], warnings: [] }))).toEqual([]);
  });

  it('makes an example assertion that the linter passes for demo-rs', async () => {
    const now = 1_700_000_000;
    const assertion = await exampleClientAssertion({ issuer: 'http://127.0.0.1:4001/', now, jti: 'fixed-jti' });
    const results = lintClientAssertion(assertion, { clientId: 'demo-rs', issuer: 'http://127.0.0.1:4001/', now: now + 10 });
    expect(results.filter((r) => r.severity !== 'ok')).toEqual([]);
  });
});
