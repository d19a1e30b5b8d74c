import type { Finding } from '../../lib/jwt/findings';

const TONE = { error: 'danger', warning: 'warn', info: 'info' } as const;

/** Every finding with its stable rule id, a one-line explanation and the fix. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  return (
    <section className="panel" aria-labelledby="findings-heading">
      <h2 id="findings-heading">Findings</h2>
      <ul aria-label="Findings" className="findings">
        {findings.map((finding, index) => (
          <li key={`${finding.id}-${index}`} className={`finding ${finding.severity}`}>
            <span className={`badge ${TONE[finding.severity]}`}>{finding.severity}</span> <code className="rule-id">{finding.id}</code>{' '}
            <span className="finding-message">{finding.message}</span>
            <div className="finding-fix muted">Fix: {finding.fix}</div>
          </li>
        ))}
      </ul>
      {findings.length === 0 && <p className="muted">No findings.</p>}
    </section>
  );
}
