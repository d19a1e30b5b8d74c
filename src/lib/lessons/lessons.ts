import type { Lesson } from './lesson';
import { trailingSlashLesson } from './trailing-slash';

/** Every lesson, in the order /learn lists them. */
export const lessons: readonly Lesson[] = [trailingSlashLesson];

export function findLesson(id: string): Lesson | undefined {
  return lessons.find((lesson) => lesson.id === id);
}
