import { useId } from 'react';
import type { HistoryEntry } from './explorer-store';

/** This tab's calls, newest first, in memory only; a row's button puts its request back into the form. */
export function CallHistory({ entries, onRestore }: { entries: readonly HistoryEntry[]; onRestore: (entry: HistoryEntry) => void }) {
  const id = useId();
  if (entries.length === 0) return null;
  return (
    <section className="panel explorer-history" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>History</h2>
      <p className="muted">This tab only, never saved. Choose a call to put it back into the form.</p>
      <table>
        <caption className="visually-hidden">Calls of this tab</caption>
        <thead>
          <tr>
            <th scope="col">Call</th>
            <th scope="col">Status</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>
                <button type="button" className="small explorer-history-call" onClick={() => onRestore(entry)}>
                  <span className="mono">
                    {entry.method} {entry.path}
                  </span>
                </button>
              </td>
              <td className="mono">{entry.status ?? '…'}</td>
              <td>
                {new Date(entry.at).toLocaleTimeString()}
                {entry.elapsedMs !== null ? <span className="muted"> ({Math.round(entry.elapsedMs)} ms)</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
