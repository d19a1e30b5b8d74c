import type { Pitfall, PatchOp } from '../../lib/oauth/pitfalls';

const SEVERITY_BADGE = { error: 'danger', warning: 'warn', info: 'info' } as const;

interface PitfallsListProps {
  pitfalls: readonly Pitfall[];
  onFix: (patch: readonly PatchOp[]) => void;
}

/** The lint results, each with its stable rule id, why it matters, and one-click fixes. */
export function PitfallsList({ pitfalls, onFix }: PitfallsListProps) {
  return (
    <section className="panel" aria-labelledby="pitfalls-heading">
      <h2 id="pitfalls-heading">Pitfalls</h2>
      {pitfalls.length === 0 ? <p className="muted">No pitfalls found in this request.</p> : null}
      <ul aria-label="Pitfalls" className="pitfalls">
        {pitfalls.map((pitfall, at) => (
          <li key={`${pitfall.id}-${at}`} className={`pitfall ${pitfall.severity}`} data-rule={pitfall.id}>
            <div className="pitfall-head">
              <span className={`badge ${SEVERITY_BADGE[pitfall.severity]}`}>{pitfall.severity}</span>
              <code className="pitfall-id">{pitfall.id}</code>
              <strong>{pitfall.title}</strong>
            </div>
            <p className="pitfall-why">{pitfall.why}</p>
            {pitfall.fixes.length > 0 ? (
              <div className="button-row">
                {pitfall.fixes.map((fix) => (
                  <button key={fix.label} type="button" className="small" onClick={() => onFix(fix.patch)}>
                    {fix.label}
                  </button>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
