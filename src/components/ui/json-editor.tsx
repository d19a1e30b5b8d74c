import { useEffect, useRef } from 'react';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, foldGutter, foldKeymap, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Annotation, EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';

export interface JsonEditorError {
  /** 0-based character offset of the error in `value`. */
  offset: number;
  message: string;
}

export interface JsonEditorProps {
  /** Accessible name of the editing surface, e.g. "Payload". */
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: JsonEditorError | null;
  readOnly?: boolean;
}

/** Characters compared at once by `minimalChange`: a native string comparison per block, a loop only in the block that differs. */
const BLOCK = 256;

/** Only the changed middle of the text, so a keystroke in a 100 KB document costs CodeMirror a small edit, not a reload. */
function minimalChange(from: string, to: string): { from: number; to: number; insert: string } {
  const max = Math.min(from.length, to.length);
  let prefix = 0;
  while (prefix + BLOCK <= max && from.slice(prefix, prefix + BLOCK) === to.slice(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < max && from.charCodeAt(prefix) === to.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix + BLOCK <= max - prefix && from.slice(from.length - suffix - BLOCK, from.length - suffix) === to.slice(to.length - suffix - BLOCK, to.length - suffix)) suffix += BLOCK;
  while (suffix < max - prefix && from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)) suffix++;
  return { from: prefix, to: from.length - suffix, insert: to.slice(prefix, to.length - suffix) };
}

/** Marks updates that come from props, so they are never reported back as user edits. */
const fromProps = Annotation.define<boolean>();

/** A CodeMirror 6 JSON editor: syntax colours, folding, bracket matching, and the caller's parse error as a diagnostic. */
/** JSON colours from the app's CSS variables, so the editors follow the light, dark and system themes. */
const jsonHighlightStyle = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--json-key)' },
  { tag: tags.string, color: 'var(--json-string)' },
  { tag: tags.number, color: 'var(--json-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--json-literal)' },
  { tag: [tags.brace, tags.squareBracket, tags.separator, tags.punctuation], color: 'var(--muted)' },
  { tag: tags.invalid, color: 'var(--danger)' },
]);

export function JsonEditor({ label, value, onChange, error, readOnly = false }: JsonEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const initial = useRef({ value, label, readOnly });
  // The editor's text as a string, kept in step with it: comparing with it spares a 100 KB doc.toString() per keystroke.
  const shown = useRef(value);
  const hasDiagnostics = useRef(false);

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const { value: doc, label: name, readOnly: locked } = initial.current;
    shown.current = doc;
    hasDiagnostics.current = false;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc,
        extensions: [
          lineNumbers(),
          foldGutter(),
          highlightSpecialChars(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(jsonHighlightStyle),
          keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap]),
          json(),
          lintGutter(),
          EditorView.lineWrapping,
          EditorState.readOnly.of(locked),
          EditorView.contentAttributes.of({ 'aria-label': name, spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(fromProps))) {
              shown.current = update.state.doc.toString();
              onChangeRef.current(shown.current);
            }
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    if (shown.current !== value) {
      editor.dispatch({ changes: minimalChange(shown.current, value), annotations: fromProps.of(true) });
      shown.current = value;
    }
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    // No error now and none shown: a second update per keystroke would change nothing.
    if (!editor || (!error && !hasDiagnostics.current)) return;
    hasDiagnostics.current = Boolean(error);
    const length = editor.state.doc.length;
    const diagnostics = error
      ? [{ from: Math.min(error.offset, length), to: Math.min(error.offset + 1, length), severity: 'error' as const, message: error.message }]
      : [];
    editor.dispatch(setDiagnostics(editor.state, diagnostics));
  }, [error, value]);

  return <div className="json-editor" ref={host} />;
}
