import { lazy, Suspense } from 'react';
import { useFirstPaint } from './after-paint';
import type { JsonEditorProps } from './json-editor';

const JsonEditor = lazy(() => import('./json-editor').then((m) => ({ default: m.JsonEditor })));

/**
 * The JSON editor, requested only once the first paint is on screen, so CodeMirror never weighs on it; a plain
 * textarea stands in meanwhile, and works.
 */
export function LazyJsonEditor(props: JsonEditorProps) {
  const painted = useFirstPaint();
  const fallback = (
    <textarea
      className="mono json-editor-fallback"
      aria-label={props.label}
      value={props.value}
      readOnly={props.readOnly}
      spellCheck={false}
      rows={8}
      onChange={(event) => props.onChange(event.target.value)}
    />
  );
  if (!painted) return fallback;
  return (
    <Suspense fallback={fallback}>
      <JsonEditor {...props} />
    </Suspense>
  );
}
