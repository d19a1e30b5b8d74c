import { useState } from 'react';
import type { ProfileSummary } from '../../shared/api-contract';
import { AssertionBuildError, buildClientAssertion } from '../../lib/oauth/build-assertion';
import { lintClientAssertion } from '../../lib/oauth/assertion-lint';
import type { LintResult } from '../../lib/oauth/assertion-lint';
import { assertionLintedObservation } from '../../lib/lessons/observations';
import { useLessonObservation } from '../../state/lesson-observations';

function kidsOf(jwksText: string): string[] | undefined | 'invalid' {
  if (!jwksText.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(jwksText);
    const keys = (parsed as { keys?: unknown }).keys;
    if (!Array.isArray(keys)) return 'invalid';
    return keys.map((k) => (k && typeof k === 'object' && typeof (k as { kid?: unknown }).kid === 'string' ? (k as { kid: string }).kid : '')).filter(Boolean);
  } catch {
    return 'invalid';
  }
}

const severityBadge: Record<LintResult['severity'], string> = { ok: 'ok', warning: 'warn', error: 'danger' };

/**
 * The client-assertion builder and linter (RFC 7523). Everything happens in this component's memory: the pasted
 * key is never stored, sent or put in a URL, and it is gone when the page is left.
 */
export function AssertionTools({ profile }: { profile: ProfileSummary | undefined }) {
  const [assertion, setAssertion] = useState('');
  const [clientId, setClientId] = useState<string | undefined>(undefined);
  const [issuer, setIssuer] = useState<string | undefined>(undefined);
  const [endpoint, setEndpoint] = useState<string | undefined>(undefined);
  const [jwksText, setJwksText] = useState('');
  const [keyText, setKeyText] = useState('');
  const [audienceKind, setAudienceKind] = useState<'issuer' | 'endpoint'>('issuer');
  const [results, setResults] = useState<LintResult[] | undefined>(undefined);
  const [buildError, setBuildError] = useState<string | undefined>(undefined);

  const expectedClient = clientId ?? profile?.client_id ?? '';
  const expectedIssuer = issuer ?? profile?.issuer ?? '';
  const expectedEndpoint = endpoint ?? (profile ? new URL('oauth/token', profile.issuer).href : '');
  const kids = kidsOf(jwksText);
  useLessonObservation(assertionLintedObservation(results));

  const lint = (text: string) =>
    setResults(
      lintClientAssertion(text, {
        clientId: expectedClient || undefined,
        issuer: expectedIssuer || undefined,
        endpoint: expectedEndpoint || undefined,
        registeredKids: kids === 'invalid' ? undefined : kids,
        now: Date.now() / 1000,
      }),
    );

  const build = async () => {
    setBuildError(undefined);
    try {
      const built = await buildClientAssertion({ keyText, clientId: expectedClient, audience: audienceKind === 'issuer' ? expectedIssuer : expectedEndpoint, now: Date.now() / 1000 });
      setAssertion(built.assertion);
      lint(built.assertion);
    } catch (error) {
      setBuildError(error instanceof AssertionBuildError ? error.message : 'The assertion could not be signed with this key.');
    }
  };

  return (
    <section className="panel" aria-labelledby="assertion-title">
      <h2 id="assertion-title">Client assertion builder and linter</h2>
      <p className="muted">private_key_jwt (RFC 7523): paste a client assertion to check it, or build an example with a private key that stays in this browser.</p>
      <div className="grid-2">
        <label className="field">
          <span>Expected client_id</span>
          <input className="mono" value={expectedClient} onChange={(e) => setClientId(e.target.value)} />
        </label>
        <label className="field">
          <span>Issuer</span>
          <input className="mono" value={expectedIssuer} onChange={(e) => setIssuer(e.target.value)} />
        </label>
        <label className="field">
          <span>Endpoint</span>
          <input className="mono" value={expectedEndpoint} onChange={(e) => setEndpoint(e.target.value)} />
        </label>
        <label className="field">
          <span>Client JWKS (optional, to check the kid)</span>
          <textarea className="mono" rows={3} value={jwksText} spellCheck={false} onChange={(e) => setJwksText(e.target.value)} />
        </label>
        {kids === 'invalid' ? <span className="field-hint error-detail">Not a JWKS ({'{"keys":[…]}'}): the kid is not checked.</span> : null}
      </div>
      <label className="field">
        <span>Client assertion</span>
        <textarea className="mono" rows={4} value={assertion} spellCheck={false} onChange={(e) => setAssertion(e.target.value)} />
      </label>
      <div className="button-row">
        <button type="button" className="button" disabled={!assertion.trim()} onClick={() => lint(assertion)}>
          Lint assertion
        </button>
      </div>
      <details>
        <summary>Build an example assertion</summary>
        <label className="field">
          <span>Private key (stays in this browser, never saved)</span>
          <textarea className="mono" rows={5} value={keyText} spellCheck={false} autoComplete="off" onChange={(e) => setKeyText(e.target.value)} />
        </label>
        <fieldset className="assertion-aud">
          <legend>Assertion audience</legend>
          <label>
            <input type="radio" name="assertion-aud" checked={audienceKind === 'issuer'} onChange={() => setAudienceKind('issuer')} /> the issuer (RFC 7523 update)
          </label>{' '}
          <label>
            <input type="radio" name="assertion-aud" checked={audienceKind === 'endpoint'} onChange={() => setAudienceKind('endpoint')} /> the endpoint URL
          </label>
        </fieldset>
        <div className="button-row">
          <button type="button" className="button" disabled={!keyText.trim() || !expectedClient} onClick={() => void build()}>
            Build assertion
          </button>
        </div>
        {buildError ? (
          <p className="status danger" role="alert">
            {buildError}
          </p>
        ) : null}
      </details>
      {results ? (
        <ul className="assertion-lint" aria-label="Assertion checks">
          {results.map((r) => (
            <li key={r.id} data-rule={r.id} data-severity={r.severity}>
              <span className={`badge ${severityBadge[r.severity]}`}>{r.severity}</span> <span className="mono">{r.id}</span>: {r.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
