import { CompanionError } from '../../api/companion-client';
import { explainClaims } from '../../lib/jwt/claims';
import { diffConclusions, isJwtIntrospectionRefusal } from '../../lib/oauth/introspection-diff';
import type { RemoteConclusion } from '../../lib/oauth/introspection-diff';
import type { IntrospectResponse, UpstreamMeta } from '../../shared/oauth-contract';
import { ErrorBox, explainError } from './error-explanation';
import type { IntrospectionOutcome } from './introspect-mutation';
import { ClaimExplanation } from '../../components/ui/claim-explanation';

/** Auth0's legacy app-specific passwords (archived docs), as its introspection names them. */
const APP_SPECIFIC_PASSWORD = 'application_specific_password_token';
const RFC7662 = 'https://www.rfc-editor.org/rfc/rfc7662#section-2.2';
const introspectionMembers: Record<string, { label: string; description: string }> = {
  active: { label: 'Active', description: 'Whether the token is currently active: issued by this server, not expired, not revoked, and usable by the caller.' },
  token_type: { label: 'Token type', description: 'The type of the token, such as Bearer (RFC 6749 §7.1).' },
  username: { label: 'Username', description: 'A human-readable identifier of the resource owner who authorized the token.' },
};

export function UpstreamMetaLine({ meta, what }: { meta: Pick<UpstreamMeta, 'upstreamStatus' | 'elapsedMs' | 'endpoint'> & { authMethod?: string }; what: string }) {
  return (
    <p className="muted introspect-meta">
      {what}: upstream HTTP {meta.upstreamStatus} in {meta.elapsedMs} ms from <span className="mono">{meta.endpoint}</span>
      {meta.authMethod ? ` (client authentication: ${meta.authMethod})` : ''}
    </p>
  );
}

function MembersTable({ answer, now }: { answer: Record<string, unknown>; now: number }) {
  const rows = explainClaims(answer, now).map((row) => {
    const own = introspectionMembers[row.name];
    return own ? { ...row, label: own.label, description: own.description, specLabel: 'RFC 7662 §2.2', specUrl: RFC7662 } : row;
  });
  return (
    <div className="table-scroll">
      <table className="introspect-claims">
        <caption className="visually-hidden">Returned members, explained</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Value</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row" className="mono">{row.name}</th>
              <td data-label="Value">
                <span className="mono introspect-value">{row.valueText}</span>
                {row.time ? (
                  <span className="introspect-time">
                    {' '}
                    {row.time.relative} ({row.time.iso})
                  </span>
                ) : null}
              </td>
              <td data-label="Meaning">
                <ClaimExplanation label={row.label} description={row.description} specLabel={row.specLabel} specUrl={row.specUrl} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RemoteAnswer({ answer, now }: { answer: IntrospectResponse; now: number }) {
  const { meta, ...body } = answer;
  return (
    <>
      <p className={`introspect-active status ${body.active ? 'ok' : 'danger'}`} data-active={String(body.active)}>
        <strong>{body.active ? 'Active' : 'Inactive'}</strong>
        <span className="mono"> active: {String(body.active)}</span>
        {body.active ? null : <span> (the server says nothing else about an inactive token: expired, revoked, unknown, or not this caller’s to see)</span>}
      </p>
      <UpstreamMetaLine meta={meta} what="Introspection" />
      {body.active && body.token_type === APP_SPECIFIC_PASSWORD ? (
        <p className="status warn" data-token-type={APP_SPECIFIC_PASSWORD}>
          An app-specific password: a user’s own bearer credential{body.username ? ` (${body.username})` : ''}, good until it is deleted. Check its scope and aud on every call, as
          for any access token.
        </p>
      ) : null}
      <h3>Returned members</h3>
      <MembersTable answer={body} now={now} />
      <h3>Raw JSON</h3>
      <pre className="mono introspect-raw">{JSON.stringify(body, null, 2)}</pre>
    </>
  );
}

function LocalVerification({ outcome }: { outcome: NonNullable<IntrospectionOutcome['local']> }) {
  if (!outcome.ok) {
    return (
      <section aria-labelledby="local-verification-title">
        <h3 id="local-verification-title">Local verification</h3>
        <ErrorBox error={outcome.error} />
      </section>
    );
  }
  const { verdict, validity } = outcome.conclusion;
  return (
    <section aria-labelledby="local-verification-title">
      <h3 id="local-verification-title">Local verification</h3>
      <p className={`status ${verdict.kind === 'verified' ? 'ok' : 'danger'}`} data-verdict={verdict.kind}>
        {verdict.text}
      </p>
      <p className={`status ${validity.kind === 'expired' || validity.kind === 'not-yet-valid' ? 'danger' : 'ok'}`}>{validity.text}</p>
      <p className="muted">Checked in this browser with jose against the issuer’s JWKS ({outcome.kids.length} key{outcome.kids.length === 1 ? '' : 's'}: {outcome.kids.join(', ')}), fetched through the companion server.</p>
    </section>
  );
}

function remoteConclusion(remote: IntrospectionOutcome['remote']): RemoteConclusion {
  if (remote.ok) return { kind: 'answer', active: remote.answer.active, exp: remote.answer.exp, scope: remote.answer.scope };
  if (remote.error instanceof CompanionError) return { kind: 'refused', error: remote.error.upstream?.error ?? remote.error.code };
  return { kind: 'refused', error: 'failed' };
}

/** oidc-provider's documented refusal to introspect a JWT: information beside the local verification, not an error. */
function JwtRefusal({ error }: { error: unknown }) {
  const { title, detail, code } = explainError(error);
  const status = error instanceof CompanionError ? error.upstream?.status : undefined;
  return (
    <div className="status introspect-info" data-code={code}>
      <p>
        <strong>{title}</strong> <code className="mono">unsupported_token_type</code>
        {status ? <span className="muted"> (the server’s answer: HTTP {status})</span> : null}
      </p>
      <p>Documented behaviour, not a failure. {detail}</p>
    </div>
  );
}

function DiffTable({ outcome }: { outcome: IntrospectionOutcome }) {
  if (!outcome.local?.ok) return null;
  const rows = diffConclusions(remoteConclusion(outcome.remote), outcome.local.conclusion);
  return (
    <div className="table-scroll">
      <table className="introspect-diff">
        <caption>Introspection vs local verification</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Introspection</th>
            <th scope="col">Local verification</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field} data-agree={row.agree === undefined ? 'n/a' : String(row.agree)}>
              <th scope="row" className="mono">{row.field}</th>
              <td className="mono" data-label="Introspection">{row.introspection}</td>
              <td className="mono" data-label="Local verification">{row.local}</td>
              <td data-label="Verdict">{row.agree === undefined ? (row.note ?? 'nothing to compare') : row.agree ? 'agree' : <strong className="badge danger">disagree</strong>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function IntrospectionResult({ outcome, pending, now }: { outcome: IntrospectionOutcome | undefined; pending: boolean; now: number }) {
  const refusedJwt = outcome !== undefined && isJwtIntrospectionRefusal(remoteConclusion(outcome.remote));
  return (
    <section className="panel" aria-labelledby="introspection-result-title" role="region">
      <h2 id="introspection-result-title">Introspection result</h2>
      {pending ? <p role="status">Introspecting…</p> : null}
      {!pending && !outcome ? <p className="muted">Paste a token, pick the profile whose credentials introspect it, and press Introspect.</p> : null}
      {!pending && outcome ? (
        <>
          {outcome.remote.ok ? <RemoteAnswer answer={outcome.remote.answer} now={now} /> : null}
          {!outcome.remote.ok && !refusedJwt ? <ErrorBox error={outcome.remote.error} /> : null}
          <div className={refusedJwt ? 'introspect-side-by-side' : undefined}>
            {!outcome.remote.ok && refusedJwt ? <JwtRefusal error={outcome.remote.error} /> : null}
            {outcome.local ? <LocalVerification outcome={outcome.local} /> : null}
          </div>
          <DiffTable outcome={outcome} />
        </>
      ) : null}
    </section>
  );
}
