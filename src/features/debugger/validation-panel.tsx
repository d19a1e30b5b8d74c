import { useId, useMemo, useState } from 'react';
import { CopyButton } from '../../components/ui/copy-button';
import { SIGNING_ALGS } from '../../lib/jwt/algorithms';
import type { TokenClassification } from '../../lib/jwt/classify';
import type { DecodeResult } from '../../lib/jwt/decode';
import { profileFromToken } from '../../lib/jwt/profile-from-token';
import { expressSnippet, joseSnippet, validateAgainstProfile } from '../../lib/jwt/validation';
import type { Verdict } from '../../lib/jwt/verify';
import { useDebuggerActions, useProfile } from './debugger-store';
import { useNow } from './use-now';

function Snippet({ title, copyLabel, code }: { title: string; copyLabel: string; code: string }) {
  return (
    <div>
      <div className="key-output-head">
        <span className="field-label">{title}</span>
        <CopyButton text={code} label={copyLabel} />
      </div>
      <pre className="snippet">
        <code>{code}</code>
      </pre>
    </div>
  );
}

const STATUS_TONE = { pass: 'ok', fail: 'danger', skip: '' } as const;

/** Expected issuer, audience, algorithm allowlist and clock tolerance, with a pass/fail line each and code that does the same. */
export function ValidationPanel({ decoded, verdict, classification }: { decoded: DecodeResult; verdict: Verdict | undefined; classification: TokenClassification }) {
  const profile = useProfile();
  const { profileChanged, profileAlgorithmToggled } = useDebuggerActions();
  const now = useNow();
  const ids = useId();
  const lines = useMemo(() => validateAgainstProfile(decoded, verdict, profile, now), [decoded, verdict, profile, now]);
  const claims = decoded.kind === 'jws' ? decoded.claims : undefined;
  const [fillNote, setFillNote] = useState('');
  const fillFromToken = () => {
    const { patch, note } = profileFromToken(decoded, classification);
    profileChanged(patch);
    setFillNote(note ?? '');
  };
  return (
    <section className="panel" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Validation profile</h2>
      <div className="grid-2">
        <div>
          <label className="field">
            <span>Expected issuer</span>
            <input type="text" value={profile.issuer} onChange={(event) => profileChanged({ issuer: event.target.value })} placeholder="https://tenant.auth0.com/" />
          </label>
          <label className="field">
            <span>Expected audience</span>
            <input type="text" value={profile.audience} onChange={(event) => profileChanged({ audience: event.target.value })} placeholder="https://api.example.com/" />
          </label>
          <label className="field">
            <span>Clock tolerance (seconds)</span>
            <input type="number" min={0} max={3600} value={profile.clockTolerance} onChange={(event) => profileChanged({ clockTolerance: Math.max(0, Number(event.target.value) || 0) })} />
          </label>
          <fieldset className="alg-allowlist">
            <legend>Allowed algorithms</legend>
            {SIGNING_ALGS.map((alg) => (
              <label key={alg} className="inline-check">
                <input type="checkbox" checked={profile.algorithms.includes(alg)} onChange={(event) => profileAlgorithmToggled(alg, event.target.checked)} /> {alg}
              </label>
            ))}
          </fieldset>
          <button type="button" onClick={fillFromToken} disabled={!claims} aria-describedby={`${ids}-fill`}>
            Fill from the token
          </button>
          <p id={`${ids}-fill`} role="status" className="field-hint fill-note">
            {fillNote}
          </p>
        </div>
        {decoded.kind === 'empty' ? (
          <p className="muted validation-results">Nothing to judge yet: paste a token, and each expectation gets a pass or fail line here.</p>
        ) : (
          <ul aria-label="Validation results" className="validation-results">
            {lines.map((line) => (
              <li key={line.check}>
                <span className={`badge ${STATUS_TONE[line.status]}`}>{line.status}</span> {line.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      <h3>The same checks in code</h3>
      <div className="grid-2">
        <Snippet title="jose (jwtVerify)" copyLabel="Copy jose snippet" code={joseSnippet(profile)} />
        <Snippet title="express-oauth2-jwt-bearer" copyLabel="Copy express-oauth2-jwt-bearer snippet" code={expressSnippet(profile)} />
      </div>
    </section>
  );
}
