import { describe, expect, it } from 'vitest';
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
