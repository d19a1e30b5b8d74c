import { useMemo } from 'react';
import type { TokenClassification } from '../../lib/jwt/classify';
import type { DecodeResult } from '../../lib/jwt/decode';
import { collectFindings } from '../../lib/jwt/findings';
import type { Finding } from '../../lib/jwt/findings';
import type { CleanedInput } from '../../lib/jwt/lenient-input';
import type { Verdict } from '../../lib/jwt/verify';
import { useNow } from './use-now';
import { useLessonObservation } from '../../state/lesson-observations';

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

interface FindingsPanelProps {
  cleaned: CleanedInput;
  decoded: DecodeResult;
  verdict: Verdict | undefined;
  classification: TokenClassification;
}

/** Lints the token, its keys and its clock, and lists what it found. */
export function FindingsPanel({ cleaned, decoded, verdict, classification }: FindingsPanelProps) {
  const now = useNow();
  const findings = useMemo(() => collectFindings({ cleaned, decoded, verdict, classification, now }), [cleaned, decoded, verdict, classification, now]);
  useLessonObservation(findings.length > 0 ? { kind: 'findings-shown', ids: findings.map((f) => f.id) } : null);
  return <FindingsList findings={findings} />;
}
