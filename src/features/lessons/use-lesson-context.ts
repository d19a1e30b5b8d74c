import { useEffect, useState } from 'react';
import { useProfiles } from '../../api/profiles-query';
import type { Lesson, LessonContext } from '../../lib/lessons/lesson';

/**
 * The demo tenant's issuer (from the companion server's demo profile) and the lesson's example material, made in this
 * browser once the issuer is known. The material lives in this component's memory only.
 */
export function useLessonContext(lesson: Lesson): LessonContext & { profilesError: unknown } {
  const profiles = useProfiles();
  const issuer = profiles.data?.find((p) => p.id === 'demo')?.issuer ?? null;
  const [materials, setMaterials] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!issuer || lesson.materials.length === 0) return;
    let cancelled = false;
    const now = Math.floor(Date.now() / 1000);
    void Promise.all(lesson.materials.map(async (spec) => [spec.id, await spec.make({ issuer, now })] as const)).then((made) => {
      if (!cancelled) setMaterials(Object.fromEntries(made));
    });
    return () => {
      cancelled = true;
    };
  }, [issuer, lesson]);
  return { issuer, materials, profilesError: profiles.error };
}
