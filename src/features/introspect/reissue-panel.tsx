import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { JsonObject } from '../../lib/jwt/decode';
import { decodeToken } from '../../lib/jwt/decode';
import { REISSUE_METHODS, diffReissuedClaims, scopesBeyond, tokenScopes } from '../../lib/oauth/reissue-diff';
import type { ReissueMethod } from '../../lib/oauth/reissue-diff';
import { splitScope } from '../../lib/oauth/scope';
import type { ProfileSummary } from '../../shared/api-contract';
import { useTabTokenActions } from '../../state/tab-tokens';
import { useReissueHandoffActions } from '../../state/reissue-handoff';
import { ErrorBox } from './error-explanation';
import { useIntrospectActions, useReissueFocusPending } from './introspect-store';
import { useReissue } from './reissue-mutation';
import { ProfileOptions } from './profile-options';
import { reissuedObservation } from '../../lib/lessons/observations';
import { lessonObserved } from '../../state/lesson-observations';

const METHODS = Object.keys(REISSUE_METHODS) as ReissueMethod[];

function claimsOf(token: string): JsonObject | undefined {
  const decoded = decodeToken(token);
  return decoded.kind === 'jws' ? decoded.claims : undefined;
}

function audiencesOf(claims: JsonObject): string[] {
  if (typeof claims.aud === 'string') return [claims.aud];
  return Array.isArray(claims.aud) ? claims.aud.filter((a): a is string => typeof a === 'string') : [];
}

/**
 * "Re-issue with fewer scopes": the token in the Token box, narrowed for a job by token exchange (RFC 8693) or by client
 * credentials with a user claim, and the new token compared claim by claim. Key it by the token: its inputs belong to one.
 */
export function ReissuePanel({ token, profiles }: { token: string; profiles: ProfileSummary[] }) {
  const machineProfiles = profiles.filter((p) => p.client_auth_method !== 'none');
  const { editorRequested } = useReissueHandoffActions();
  const claims = claimsOf(token.trim());
  const held = claims ? tokenScopes(claims) : [];
  const [dropped, setDropped] = useState<string[]>([]);
  const [extra, setExtra] = useState('');
  const [chosenProfileId, setProfileId] = useState('');
  const profile =
    machineProfiles.find((p) => p.id === chosenProfileId) ?? machineProfiles.find((p) => p.token_params?.includes('user_id')) ?? machineProfiles[0];
  const canNameUser = profile?.token_params?.includes('user_id') ?? false;
  const [chosenMethod, setMethod] = useState<ReissueMethod>('token-exchange');
  const method = canNameUser ? chosenMethod : 'token-exchange';
  const tokenAudiences = claims ? audiencesOf(claims) : [];
  const audiences = [...new Set([...tokenAudiences, ...(profile?.apis.map((a) => a.identifier) ?? [])])];
  const [chosenAudience, setAudience] = useState<string | undefined>(undefined);
  const audience = chosenAudience ?? audiences[0] ?? '';
  const reissue = useReissue();
  const { tokenObtained } = useTabTokenActions();
  const focusPending = useReissueFocusPending();
  const { reissueFocused } = useIntrospectActions();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!focusPending || !heading.current) return;
    heading.current.focus();
    heading.current.scrollIntoView({ block: 'start' });
    reissueFocused();
  }, [focusPending, reissueFocused]);

  if (!claims) {
    return (
      <section className="panel" aria-labelledby="reissue-title">
        <h2 id="reissue-title" ref={heading} tabIndex={-1}>
          Re-issue with fewer scopes
        </h2>
        <p className="muted">Put a user’s JWT access token in the Token box above (or use “Re-issue” on a token result) to re-issue it for a job with a subset of its scopes.</p>
      </section>
    );
  }

  const kept = held.filter((scope) => !dropped.includes(scope));
  const beyond = scopesBeyond(held, splitScope(extra));
  const requested = [...kept, ...beyond];
  const userId = typeof claims.sub === 'string' ? claims.sub : '';
  const result = reissue.data;
  const reissuedClaims = result ? claimsOf(result.accessToken) : undefined;
  const diff = reissuedClaims ? diffReissuedClaims(claims, reissuedClaims) : undefined;

  return (
    <section className="panel" aria-labelledby="reissue-title" id="reissue">
      <h2 id="reissue-title" ref={heading} tabIndex={-1}>
        Re-issue with fewer scopes
      </h2>
      <p className="muted">
        Give a long-running job a token for the same user with only the scopes it needs, valid for the API’s lifetime rather than what is left of the user’s token. The
        companion server asks with the profile’s credentials; the new token stays in this tab’s memory.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          // Not disabled while pending: a disabled button drops the keyboard focus to the page.
          if (!profile || reissue.isPending) return;
          reissue.mutate(
            { method, profile: profile.id, subjectToken: token.trim(), userId, ...(audience ? { audience } : {}), ...(requested.length ? { scope: requested.join(' ') } : {}) },
            {
              onSuccess: (answer) => {
                tokenObtained({ token: answer.accessToken, source: 'mint', label: `Re-issued by ${method === 'token-exchange' ? 'token exchange' : 'client credentials'} (${profile.label}) for ${audience || 'no audience'}` });
                lessonObserved(reissuedObservation(method, token, answer.accessToken));
              },
            },
          );
        }}
      >
        <fieldset className="mint-scopes">
          <legend>Scopes to keep (from the token’s {typeof claims.scope === 'string' ? 'scope' : 'permissions'})</legend>
          {held.length === 0 ? <p className="muted">The token carries no scope or permissions.</p> : null}
          <div className="mint-scope-list">
            {held.map((scope) => (
              <label key={scope} className="mint-scope">
                <input
                  type="checkbox"
                  checked={!dropped.includes(scope)}
                  onChange={(e) => setDropped((current) => (e.target.checked ? current.filter((s) => s !== scope) : [...current, scope]))}
                />{' '}
                <span className="mono">{scope}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid-2">
          <div className="field">
            <label htmlFor="reissue-extra" className="field-label">
              Also ask for (scopes the token does not hold)
            </label>
            <input id="reissue-extra" className="mono" value={extra} onChange={(e) => setExtra(e.target.value)} spellCheck={false} autoComplete="off" aria-describedby="reissue-extra-hint" />
            <span id="reissue-extra-hint" className="field-hint">
              {beyond.length > 0 ? `Not in the token: ${beyond.join(' ')}. A token exchange must refuse them (invalid_scope).` : 'Leave empty: a re-issue may only narrow.'}
            </span>
          </div>
          <label className="field">
            <span>Audience</span>
            <select value={audience} onChange={(e) => setAudience(e.target.value)}>
              {audiences.map((identifier) => (
                <option key={identifier} value={identifier}>
                  {identifier}
                  {tokenAudiences.includes(identifier) ? ' (in the token)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Re-issuing profile</span>
            <select value={profile?.id ?? ''} onChange={(e) => setProfileId(e.target.value)}>
              <ProfileOptions profiles={machineProfiles} />
            </select>
          </label>
          <fieldset>
            <legend>Method</legend>
            {METHODS.map((m) => (
              <label key={m} className="reissue-method">
                <input type="radio" name="reissue-method" value={m} checked={method === m} disabled={m === 'client-credentials' && !canNameUser} onChange={() => setMethod(m)} />{' '}
                {REISSUE_METHODS[m].label}
              </label>
            ))}
            {!canNameUser ? <span className="field-hint">Client credentials with a user claim needs a profile whose tokenParams allow user_id.</span> : null}
          </fieldset>
        </div>
        <div className="button-row">
          <button type="submit" className="button primary" disabled={!profile} aria-disabled={reissue.isPending}>
            Re-issue
          </button>
        </div>
      </form>
      {reissue.isError ? <ErrorBox error={reissue.error} /> : null}
      {result ? (
        <section className="reissue-result" aria-label="Re-issued token">
          <label className="field">
            <span>Re-issued token</span>
            <textarea className="mono" readOnly rows={4} value={result.accessToken} spellCheck={false} />
          </label>
          <p>{REISSUE_METHODS[result.method].explanation}</p>
          {diff ? (
            <>
              <ul className="reissue-findings" aria-label="Findings">
                {diff.findings.map((finding) => (
                  <li key={finding.code} className={`status ${finding.severity === 'info' ? '' : finding.severity}`} data-code={finding.code}>
                    {finding.message}
                  </li>
                ))}
              </ul>
              <div className="table-scroll">
                <table className="introspect-diff reissue-diff">
                  <caption>Original vs re-issued (unverified claims)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Claim</th>
                      <th scope="col">Original</th>
                      <th scope="col">Re-issued</th>
                      <th scope="col">What changed</th>
                    </tr>
                  </thead>
                  <tbody>
                    {diff.rows.map((row) => (
                      <tr key={row.claim} data-change={row.change}>
                        <th scope="row" className="mono">
                          {row.claim}
                        </th>
                        <td className="mono" data-label="Original">
                          {row.original}
                        </td>
                        <td className="mono" data-label="Re-issued">
                          {row.reissued}
                        </td>
                        <td data-label="What changed">
                          <span className="badge">{row.change}</span> {row.note}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="grid-2">
                <pre className="mono introspect-raw" aria-label="Original claims">{JSON.stringify(claims, null, 2)}</pre>
                <pre className="mono introspect-raw" aria-label="Re-issued claims">{JSON.stringify(reissuedClaims, null, 2)}</pre>
              </div>
            </>
          ) : (
            <p className="muted">The re-issued token is not a JWT, so there are no claims to compare.</p>
          )}
          <div className="button-row">
            <Link className="button" to="/debugger" onClick={() => editorRequested(result.accessToken)}>
              Open in token editor
            </Link>
          </div>
        </section>
      ) : null}
    </section>
  );
}
