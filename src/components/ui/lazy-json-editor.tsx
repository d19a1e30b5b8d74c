import { lazy, Suspense } from 'react';
import type { JsonEditorProps } from './json-editor';

const JsonEditor = lazy(() => import('./json-editor').then((m) => ({ default: m.JsonEditor })));

/** The JSON editor, loaded on demand so CodeMirror never weighs on first paint; a plain textarea stands in meanwhile. */
export function LazyJsonEditor(props: JsonEditorProps) {
  return (
    <Suspense
      fallback={
        <textarea
          className="mono json-editor-fallback"
          aria-label={props.label}
          value={props.value}
          readOnly={props.readOnly}
          spellCheck={false}
          rows={8}
          onChange={(event) => props.onChange(event.target.value)}
        />
      }
    >
      <JsonEditor {...props} />
    </Suspense>
  );
}
