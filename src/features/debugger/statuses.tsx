import type { TokenClassification } from '../../lib/jwt/classify';
import type { DecodeResult } from '../../lib/jwt/decode';
import { tokenValidity } from '../../lib/jwt/time';
import type { Verdict, VerdictKind } from '../../lib/jwt/verify';
import { useNow } from './use-now';

const VERDICT_TONE: Record<VerdictKind, string> = { verified: 'ok', invalid: 'danger', 'not-verified': 'warn', malformed: 'danger' };

/** Shown instead of any verdict while the editor is empty: there is nothing to pass or fail. */
export const NOTHING_TO_JUDGE = 'Nothing to judge yet: paste a token, or load one from Examples.';

export function SignatureStatus({ verdict, empty }: { verdict: Verdict | undefined; empty: boolean }) {
  return (
    <div className="status-row">
      <span className="status-label" aria-hidden="true">
        Signature
      </span>
      <div role="status" aria-label="Signature" className={`status ${verdict && !empty ? VERDICT_TONE[verdict.kind] : ''}`}>
        {empty ? NOTHING_TO_JUDGE : verdict ? verdict.text : 'Not verified: checking…'}
      </div>
    </div>
  );
}

export function ValidityStatus({ decoded }: { decoded: DecodeResult }) {
  const now = useNow();
  const claims = decoded.kind === 'jws' || decoded.kind === 'malformed' ? decoded.claims : undefined;
  const validity =
    decoded.kind === 'empty'
      ? { kind: 'no-expiry' as const, text: 'Nothing to judge yet: no token.' }
      : decoded.kind === 'jwe'
        ? { kind: 'no-expiry' as const, text: 'No expiry visible: the claims are encrypted.' }
        : decoded.kind === 'opaque'
          ? { kind: 'no-expiry' as const, text: 'No expiry visible: an opaque token carries no readable claims.' }
          : tokenValidity(claims, now);
  const tone = validity.kind === 'valid' ? 'ok' : validity.kind === 'no-expiry' ? 'warn' : 'danger';
  return (
    <div className="status-row">
      <span className="status-label" aria-hidden="true">
        Token validity
      </span>
      {/* A status by role, but not live: near expiry the text changes every second, and a live region would read each tick. */}
      <div role="status" aria-live="off" aria-label="Token validity" className={`status ${decoded.kind === 'empty' ? '' : tone}`}>
        {validity.text}
      </div>
    </div>
  );
}

export function TokenTypeStatus({ classification }: { classification: TokenClassification }) {
  return (
    <div className="status-row">
      <span className="status-label" aria-hidden="true">
        Token type
      </span>
      <div role="status" aria-label="Token type" className={`status ${classification.kind === 'id-token' || classification.kind === 'opaque' ? 'warn' : ''}`}>
        <div>
          <strong>{classification.label}</strong>
          {classification.evidence.length > 0 && <span>: {classification.evidence.join('; ')}.</span>}
          {classification.fix && <div className="token-type-fix">{classification.fix}</div>}
        </div>
      </div>
    </div>
  );
}
