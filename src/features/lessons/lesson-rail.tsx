import { Link } from 'react-router';
import type { Lesson } from '../../lib/lessons/lesson';
import { findLesson } from '../../lib/lessons/lessons';
import { useActiveLesson, useLessonProgressActions } from './lesson-progress-store';
import { stepStateText, useLessonProgress } from './use-lesson-progress';
import './lessons.css';

function Rail({ lesson }: { lesson: Lesson }) {
  const progress = useLessonProgress(lesson);
  const { lessonLeft } = useLessonProgressActions();
  const index = progress.findIndex((p) => !p.done);
  const current = progress[index === -1 ? progress.length - 1 : index];
  const allDone = index === -1;
  return (
    <aside className="lesson-rail" aria-label="Lesson">
      <span className="lesson-rail-title">
        Lesson: <strong>{lesson.title}</strong>
      </span>
      <span role="status" className="lesson-rail-step">
        {allDone || !current ? `All ${progress.length} steps done ✓` : `Step ${index + 1} of ${progress.length}: ${current.step.title}: ${stepStateText(current.done)}`}
      </span>
      <span className="button-row">
        <Link className="button" to={`/learn/${lesson.id}`}>
          Back to lesson
        </Link>
        <button type="button" className="button" onClick={lessonLeft}>
          Leave lesson
        </button>
      </span>
    </aside>
  );
}

/** The lesson being followed, above a tool: its current step, live, and the way back. */
export default function LessonRail() {
  const active = useActiveLesson();
  const lesson = active ? findLesson(active) : undefined;
  return lesson ? <Rail key={lesson.id} lesson={lesson} /> : null;
}
