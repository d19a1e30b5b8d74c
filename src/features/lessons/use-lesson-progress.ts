import { useEffect, useMemo } from 'react';
import type { Lesson, LessonStep } from '../../lib/lessons/lesson';
import { useLessonObservationsFor } from '../../state/lesson-observations';
import { useLessonProgressActions, useStepsDone } from './lesson-progress-store';

export interface StepProgress {
  step: LessonStep;
  done: boolean;
}

/**
 * Each step of the lesson, done or not: done when its check passes on what the tools observed in this tab, or when it
 * passed before (the progress kept in localStorage). A newly passed check is stored at once, so a reload (the login
 * round trip is one) keeps it.
 */
export function useLessonProgress(lesson: Lesson): StepProgress[] {
  const observations = useLessonObservationsFor(lesson.id);
  const stored = useStepsDone(lesson.id);
  const { stepsDone } = useLessonProgressActions();
  const passing = useMemo(() => lesson.steps.filter((step) => step.check(observations)).map((step) => step.id), [lesson, observations]);
  useEffect(() => {
    if (passing.some((id) => !stored.includes(id))) stepsDone(lesson.id, passing);
  }, [passing, stored, stepsDone, lesson.id]);
  return lesson.steps.map((step) => ({ step, done: stored.includes(step.id) || passing.includes(step.id) }));
}

/** "to do" or "done ✓": the state as the page writes it. */
export const stepStateText = (done: boolean) => (done ? 'done ✓' : 'to do');
