import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { Observation, Observed } from '../lib/lessons/observations';

/** Enough for any lesson; the oldest go first. */
const MAX_OBSERVATIONS = 200;

/**
 * What the learner did in the tools of this tab, for the lesson steps to check. In memory only, never persisted: the
 * observations describe tokens (their scopes and audiences), and a reload forgets them; the steps already done are
 * kept apart, in the lesson progress.
 */
interface LessonObservationsState {
  observations: Observed[];
  /** By lesson id: the last observation before the learner started that lesson over; only later ones count for it. */
  restartedAfter: Record<string, number>;
  actions: {
    observed(observation: Observation): void;
    lessonRestarted(lessonId: string): void;
  };
}

let nextSeq = 1;

const useLessonObservationsStore = create<LessonObservationsState>()((set) => ({
  observations: [],
  restartedAfter: {},
  actions: {
    observed: (observation) => set((state) => ({ observations: [...state.observations, { ...observation, seq: nextSeq++ }].slice(-MAX_OBSERVATIONS) })),
    lessonRestarted: (lessonId) => set((state) => ({ restartedAfter: { ...state.restartedAfter, [lessonId]: nextSeq - 1 } })),
  },
}));

export const useLessonObservations = () => useLessonObservationsStore((s) => s.observations);
/** The observations that count for a lesson: those made since it was last started over in this tab. */
export function useLessonObservationsFor(lessonId: string): Observed[] {
  const observations = useLessonObservations();
  const after = useLessonObservationsStore((s) => s.restartedAfter[lessonId] ?? 0);
  return useMemo(() => (after === 0 ? observations : observations.filter((o) => o.seq > after)), [observations, after]);
}
export const useLessonRestart = () => useLessonObservationsStore((s) => s.actions.lessonRestarted);

/**
 * Publishes what a tool just did. A plain function, not a hook, so that mutation callbacks (an answer arrived) can
 * call it in one line.
 */
export function lessonObserved(observation: Observation | null): void {
  if (observation) useLessonObservationsStore.getState().actions.observed(observation);
}

/** Publishes what a tool shows (pitfalls, findings, a verification) each time it changes; `null` publishes nothing. */
export function useLessonObservation(observation: Observation | null): void {
  const key = observation ? JSON.stringify(observation) : '';
  useEffect(() => {
    if (key) lessonObserved(JSON.parse(key) as Observation);
  }, [key]);
}
