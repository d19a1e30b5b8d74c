import { lazy, useEffect, useState } from 'react';
import type { ComponentType } from 'react';

let firstPaint: Promise<void> | undefined;
let painted = false;

/** A frame callback, then a task: by then the browser has painted what was committed before the call. */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * False until the browser has painted the commit that first mounted a caller, true from then on (for every caller).
 * Asked from an effect, so it waits for the commit itself, not for a frame that a time-sliced render let through.
 */
export function useFirstPaint(): boolean {
  const [done, setDone] = useState(painted);
  useEffect(() => {
    if (done) return;
    let mounted = true;
    firstPaint ??= nextPaint().then(() => {
      painted = true;
    });
    void firstPaint.then(() => mounted && setDone(true));
    return () => {
      mounted = false;
    };
  }, [done]);
  return done;
}

/**
 * `React.lazy` for a component the first paint can do without (issue 15 §1): its chunk is requested only once the
 * first paint is on screen, so it competes with it neither for the network nor for the main thread. Until then it
 * renders nothing; then it suspends as any lazy component does.
 */
export function lazyAfterPaint<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  function AfterFirstPaint(props: P) {
    return useFirstPaint() ? <Lazy {...props} /> : null;
  }
  return AfterFirstPaint;
}
