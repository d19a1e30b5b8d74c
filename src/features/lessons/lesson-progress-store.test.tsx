import { describe, expect, it } from 'vitest';
import { repairLessonProgress } from './lesson-progress-store';

describe('repairLessonProgress', () => {
  it('keeps lesson and step ids only', () => {
    expect(repairLessonProgress({ done: { 'trailing-slash': ['pitfall-shown', 'pitfall-shown', 42, 'eyJhbGciOi.token.like'] }, active: 'trailing-slash' })).toEqual({
      done: { 'trailing-slash': ['pitfall-shown'] },
      active: 'trailing-slash',
    });
  });

  it('repairs whatever else storage holds into empty progress', () => {
    expect(repairLessonProgress(null)).toEqual({ done: {}, active: null });
    expect(repairLessonProgress({ done: ['x'], active: 7 })).toEqual({ done: {}, active: null });
    expect(repairLessonProgress({ done: { 'Not An Id!': ['a'], ok: 'not-a-list' } })).toEqual({ done: {}, active: null });
  });
});
