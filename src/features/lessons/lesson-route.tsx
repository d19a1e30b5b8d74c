import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { companionAccessProblem } from '../../api/companion-client';
import { CopyButton } from '../../components/ui/copy-button';
import type { Lesson, LessonContext, LessonStep } from '../../lib/lessons/lesson';
import { newestUserAccessToken } from '../../lib/lessons/handoff';
import { findLesson } from '../../lib/lessons/lessons';
import { useReissueHandoffActions } from '../../state/reissue-handoff';
import { useTabTokens } from '../../state/tab-tokens';
import { useLessonRestart } from '../../state/lesson-observations';
import { useLessonProgressActions } from './lesson-progress-store';
import { useLessonContext } from './use-lesson-context';
import { stepStateText, useLessonProgress } from './use-lesson-progress';
import './lessons.css';

function StepLinks({ lesson, step, context }: { lesson: Lesson; step: LessonStep; context: LessonContext }) {
  const { lessonStarted } = useLessonProgressActions();
  const tabTokens = useTabTokens();
  const { reissueRequested } = useReissueHandoffActions();
  return (
    <p className="button-row step-links">
      {step.links.map((link) => {
        const to = link.to(context);
        const handedOff = link.handoff ? newestUserAccessToken(tabTokens, link.handoff.audience) : undefined;
        if (!to || (link.handoff && !handedOff)) {
          return (
            <span key={link.label} className="muted">
              {link.label}: {to ? 'do the steps before this one first (it needs their token, in this tab).' : 'waiting for the demo tenant’s address…'}
            </span>
          );
        }
        return (
          <Link
            key={link.label}
            className="button"
            to={to}
            onClick={() => {
              lessonStarted(lesson.id);
              if (handedOff) reissueRequested(handedOff);
            }}
          >
            {link.label}
          </Link>
        );
      })}
    </p>
  );
}

function Materials({ lesson, materials }: { lesson: Lesson; materials: LessonContext['materials'] }) {
  const headingId = useId();
  if (lesson.materials.length === 0) return null;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Example material</h2>
      <p className="status warn">Made in this browser for this lesson only, with example keys and secrets: none of it is a real credential, and none of it is stored.</p>
      {lesson.materials.map((spec) => {
        const value = materials[spec.id];
        return (
          <div key={spec.id} className="field">
            <label htmlFor={`${headingId}-${spec.id}`} className="field-label">
              {spec.label}
            </label>
            <textarea id={`${headingId}-${spec.id}`} className="mono" readOnly rows={3} value={value ?? 'Making it…'} />
            <div className="button-row">
              <CopyButton text={value ?? ''} label={`Copy ${spec.label}`} disabled={!value} />
            </div>
          </div>
        );
      })}
    </section>
  );
}

/** Clears the lesson's steps: the progress kept, and what the tools saw in this tab before now. */
function StartOver({ lesson }: { lesson: Lesson }) {
  const { progressReset } = useLessonProgressActions();
  const lessonRestarted = useLessonRestart();
  return (
    <button
      type="button"
      className="button"
      onClick={() => {
        lessonRestarted(lesson.id);
        progressReset(lesson.id);
      }}
    >
      Start over
    </button>
  );
}

function LessonPage({ lesson }: { lesson: Lesson }) {
  const context = useLessonContext(lesson);
  const progress = useLessonProgress(lesson);
  const access = context.profilesError ? companionAccessProblem(context.profilesError) : null;
  const done = progress.filter((p) => p.done).length;
  return (
    <section className="lesson">
      <title>{`${lesson.title} · Lessons · Token Workbench`}</title>
      <p className="muted">
        <Link to="/learn">All lessons</Link>
      </p>
      <h1>{lesson.title}</h1>
      <section className="panel lesson-story" aria-labelledby="story-heading">
        <h2 id="story-heading">What went wrong</h2>
        {lesson.story.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </section>
      {access ? (
        <p className="status warn" role="alert">
          {access.title}. {access.detail}
        </p>
      ) : null}
      <Materials lesson={lesson} materials={context.materials} />
      <h2 id="steps-heading">Steps</h2>
      <div className="button-row lesson-progress">
        <p className="muted" role="status">
          {done === progress.length ? `All ${progress.length} steps done ✓` : `${done} of ${progress.length} steps done`}
        </p>
        {done > 0 ? <StartOver lesson={lesson} /> : null}
      </div>
      <ol className="lesson-steps" aria-labelledby="steps-heading">
        {progress.map(({ step, done: stepDone }, index) => (
          <li key={step.id} className={`panel lesson-step${stepDone ? ' done' : ''}`} aria-labelledby={`step-${step.id}`} data-step={step.id}>
            <h3 id={`step-${step.id}`}>
              Step {index + 1}: {step.title}
            </h3>
            <p className={`step-state badge ${stepDone ? 'ok' : ''}`} data-state={stepDone ? 'done' : 'todo'}>
              {stepStateText(stepDone)}
            </p>
            <ul className="step-actions">
              {step.actions.map((action) => (
                <li key={action}>{action}</li>
              ))}
            </ul>
            <StepLinks lesson={lesson} step={step} context={context} />
            <p className="muted step-lesson">{step.lesson}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** /learn/<id>: the story, the example material and the steps, each ✓ once the tools saw it done. */
export function Component() {
  const { lessonId = '' } = useParams();
  const lesson = findLesson(lessonId);
  if (!lesson) {
    return (
      <section className="lesson">
        <title>Lesson not found · Token Workbench</title>
        <h1>Lesson not found</h1>
        <p>
          There is no lesson <code>{lessonId}</code>. <Link to="/learn">See all lessons</Link>.
        </p>
      </section>
    );
  }
  return <LessonPage key={lesson.id} lesson={lesson} />;
}
