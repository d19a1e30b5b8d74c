import { appSpecificPasswordsLesson } from './app-specific-passwords';
import { globalSecretLesson } from './global-secret';
import type { Lesson } from './lesson';
import { reissueForAJobLesson } from './reissue-for-a-job';
import { scopesForAFeatureLesson } from './scopes-for-a-feature';
import { spaManagementApiLesson } from './spa-management-api';
import { trailingSlashLesson } from './trailing-slash';

/** Every lesson, in the order /learn lists them. */
export const lessons: readonly Lesson[] = [spaManagementApiLesson, globalSecretLesson, trailingSlashLesson, reissueForAJobLesson, appSpecificPasswordsLesson, scopesForAFeatureLesson];

export function findLesson(id: string): Lesson | undefined {
  return lessons.find((lesson) => lesson.id === id);
}
