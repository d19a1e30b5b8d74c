import { Link } from 'react-router';
import type { Lesson } from '../../lib/lessons/lesson';
import { lessons } from '../../lib/lessons/lessons';
import { useLessonProgress } from './use-lesson-progress';
import './lessons.css';

function LessonEntry({ lesson }: { lesson: Lesson }) {
  const progress = useLessonProgress(lesson);
  const done = progress.filter((p) => p.done).length;
  return (
    <li className="panel lesson-entry">
      <h2>
        <Link to={`/learn/${lesson.id}`}>{lesson.title}</Link>
      </h2>
      <p>{lesson.summary}</p>
      <p className="muted">
        {done === progress.length ? `All ${progress.length} steps done ✓` : `${done} of ${progress.length} steps done`}
      </p>
    </li>
  );
}

/** /learn: the lessons, each a mistake everybody makes once, replayed against the demo tenant. */
export function Component() {
  return (
    <section className="lessons">
      <title>Lessons · Token Workbench</title>
      <h1>Lessons</h1>
      <p className="muted lede">
        Real support threads, replayed step by step with your own hands against the demo tenant. Each step opens the right tool, prefilled, and turns ✓ when your token or
        response shows what it should. Progress stays in this browser; tokens never do.
      </p>
      <ul className="lesson-list" aria-label="Lessons">
        {lessons.map((lesson) => (
          <LessonEntry key={lesson.id} lesson={lesson} />
        ))}
      </ul>
    </section>
  );
}
