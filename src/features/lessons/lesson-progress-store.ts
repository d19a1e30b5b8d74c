import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/**
 * The lesson steps done, by lesson id, and the lesson being followed. Persisted (allowlisted, versioned, repaired on
 * read): ids only, never a token or anything a tool observed.
 */
interface LessonProgressState {
  done: Record<string, string[]>;
  active: string | null;
  actions: {
    stepsDone(lessonId: string, stepIds: readonly string[]): void;
    lessonStarted(lessonId: string): void;
    lessonLeft(): void;
    progressReset(lessonId: string): void;
  };
}

const ID = /^[a-z0-9-]{1,64}$/;

/** Whatever storage holds, repaired into ids only. */
export function repairLessonProgress(persisted: unknown): Pick<LessonProgressState, 'done' | 'active'> {
  const value = (typeof persisted === 'object' && persisted !== null ? persisted : {}) as { done?: unknown; active?: unknown };
  const done: Record<string, string[]> = {};
  if (typeof value.done === 'object' && value.done !== null) {
    for (const [lessonId, steps] of Object.entries(value.done)) {
      if (!ID.test(lessonId) || !Array.isArray(steps)) continue;
      done[lessonId] = [...new Set(steps.filter((s): s is string => typeof s === 'string' && ID.test(s)))];
    }
  }
  return { done, active: typeof value.active === 'string' && ID.test(value.active) ? value.active : null };
}

const useLessonProgressStore = create<LessonProgressState>()(
  persist(
    (set) => ({
      done: {},
      active: null,
      actions: {
        stepsDone: (lessonId, stepIds) =>
          set((state) => {
            const current = state.done[lessonId] ?? [];
            const added = stepIds.filter((id) => !current.includes(id));
            return added.length === 0 ? state : { done: { ...state.done, [lessonId]: [...current, ...added] } };
          }),
        lessonStarted: (active) => set({ active }),
        lessonLeft: () => set({ active: null }),
        progressReset: (lessonId) =>
          set((state) => {
            const { [lessonId]: _reset, ...rest } = state.done;
            return { done: rest };
          }),
      },
    }),
    {
      name: 'token-workbench:lessons',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ done: state.done, active: state.active }),
      migrate: (persisted) => repairLessonProgress(persisted),
      merge: (persisted, current) => ({ ...current, ...repairLessonProgress(persisted) }),
    },
  ),
);

const NONE: string[] = [];
export const useStepsDone = (lessonId: string) => useLessonProgressStore((s) => s.done[lessonId] ?? NONE);
export const useActiveLesson = () => useLessonProgressStore((s) => s.active);
export const useLessonProgressActions = () => useLessonProgressStore((s) => s.actions);
