import { useId, useState } from 'react';
import { TOKEN_EXAMPLES } from '../../lib/jwt/example-list';
import type { ExampleId } from '../../lib/jwt/example-list';
import { useDebuggerActions } from './debugger-store';

/** "Examples": sample tokens made in this page at click time, each loaded with the key that verifies (or decrypts) it. */
export function ExamplesMenu() {
  const { exampleLoaded } = useDebuggerActions();
  const [choice, setChoice] = useState<ExampleId>(TOKEN_EXAMPLES[0]?.id ?? 'access-token');
  const [state, setState] = useState<{ kind: 'idle' | 'loading' } | { kind: 'loaded'; label: string } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const ids = useId();
  const load = async () => {
    setState({ kind: 'loading' });
    try {
      // Its own chunk: jose's signing and encryption are not needed until someone asks for an example.
      const { buildExample } = await import('../../lib/jwt/examples');
      exampleLoaded(await buildExample(choice));
      setState({ kind: 'loaded', label: TOKEN_EXAMPLES.find((e) => e.id === choice)?.label ?? choice });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <div className="examples-menu">
      <label htmlFor={`${ids}-pick`} className="field-label">
        Examples
      </label>
      <select id={`${ids}-pick`} aria-describedby={`${ids}-hint`} value={choice} onChange={(event) => setChoice(event.target.value as ExampleId)}>
        {TOKEN_EXAMPLES.map((example) => (
          <option key={example.id} value={example.id}>
            {example.label}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => void load()} disabled={state.kind === 'loading'}>
        Load example
      </button>
      <span id={`${ids}-hint`} className="field-hint">
        Each is made in this page with throwaway keys, and loads with the key that checks it.
      </span>
      <span role="status" className="field-hint examples-status">
        {state.kind === 'loading' ? 'Making the example…' : state.kind === 'loaded' ? `Loaded: ${state.label}.` : ''}
      </span>
      {state.kind === 'error' && (
        <p role="alert" className="error-detail">
          {state.message}
        </p>
      )}
    </div>
  );
}
