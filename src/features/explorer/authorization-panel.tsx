import { useId } from 'react';
import type { ApiDefinition, ApiOperation } from '../../lib/catalog/api-model';
import type { CallSubject } from '../../lib/catalog/scope-reach';
import { decisiveCauses, tokenProblems } from '../../lib/catalog/why-403';
import type { Why403Cause, Why403Note } from '../../lib/catalog/why-403';
import { causeMessage, noteMessage } from '../../lib/catalog/why-403-messages';
import { preSendCheck } from '../../lib/explorer/pre-send-check';
import type { TabToken } from '../../state/tab-tokens';
import type { Credential } from './credential';
import { useAuthorizeMode, useExplorerActions, usePastedToken, useTabTokenId } from './explorer-store';
import type { AuthorizeMode } from './explorer-store';

const MODES: { value: AuthorizeMode; label: string }[] = [
  { value: 'paste', label: 'Paste a token' },
  { value: 'mint', label: 'Least-privilege token from a profile' },
  { value: 'tab', label: 'A token obtained in this tab' },
];

interface AuthorizationPanelProps {
  credential: Credential;
  tabTokens: readonly TabToken[];
  api: ApiDefinition;
  operation: ApiOperation | null;
  profileLabel: string | undefined;
  /** The call the form will send: the check judges the scopes on the user and the fields it acts on. */
  call: Omit<CallSubject, 'sub'>;
}

/** "Authorize with": how the call gets its bearer token, and what the check before sending says about it. */
export function AuthorizationPanel({ credential, tabTokens, api, operation, profileLabel, call }: AuthorizationPanelProps) {
  const mode = useAuthorizeMode();
  const pasted = usePastedToken();
  const tabTokenId = useTabTokenId();
  const { modeSelected, tokenPasted, tabTokenSelected } = useExplorerActions();
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Authorization</h2>
      <div className="field">
        <label htmlFor={`${id}-mode`} className="field-label">
          Authorize with
        </label>
        <select id={`${id}-mode`} value={mode} onChange={(e) => modeSelected(e.target.value as AuthorizeMode)}>
          {MODES.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      {mode === 'paste' ? (
        <div className="field">
          <label htmlFor={`${id}-token`} className="field-label">
            Bearer token
          </label>
          <textarea
            id={`${id}-token`}
            className="mono"
            rows={4}
            value={pasted}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-token-hint`}
            onChange={(e) => tokenPasted(e.target.value)}
          />
          <span id={`${id}-token-hint`} className="field-hint">
            Kept in this page’s memory only; sent to the companion server, which forwards it to the API and never logs or stores it.
          </span>
        </div>
      ) : null}
      {mode === 'mint' ? (
        <p className="field-hint">
          The companion server mints a client-credentials token for {profileLabel ?? 'the profile'} with exactly the scopes the endpoint needs, through its token cache.
          {credential.kind === 'mint' ? (
            <>
              {' '}
              Scope: <code className="mono explorer-mint-scope">{credential.scope || '(none)'}</code>
              {credential.leastPrivilege ? '' : ' (every scope the profile lists for this API: the explorer does not know this endpoint’s)'}.
            </>
          ) : null}
        </p>
      ) : null}
      {mode === 'tab' ? (
        tabTokens.length > 0 ? (
          <div className="field">
            <label htmlFor={`${id}-tab`} className="field-label">
              Token
            </label>
            <select id={`${id}-tab`} value={tabTokens.some((t) => t.id === tabTokenId) ? tabTokenId : (tabTokens[0]?.id ?? '')} onChange={(e) => tabTokenSelected(e.target.value)}>
              {tabTokens.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label} ({new Date(t.obtainedAt).toLocaleTimeString()})
                </option>
              ))}
            </select>
          </div>
        ) : null
      ) : null}
      {credential.kind === 'unavailable' ? (
        <p className="status warn" role="status">
          {credential.reason}
        </p>
      ) : null}
      <PreSendCheckView credential={credential} api={api} operation={operation} call={call} />
    </section>
  );
}

function CauseItem({ cause }: { cause: Exclude<Why403Cause, { code: 'EMPTY_INPUT' }> | Why403Cause }) {
  const { title, fix } = causeMessage(cause);
  return (
    <li data-code={cause.code}>
      {title} {fix ? <span className="muted">{fix}</span> : null}
    </li>
  );
}

/** "Check before sending": the why-403 logic on the token's unverified facts, locally, with no request. */
function PreSendCheckView({ credential, api, operation, call }: { credential: Credential; api: ApiDefinition; operation: ApiOperation | null; call: Omit<CallSubject, 'sub'> }) {
  const id = useId();
  if (credential.kind !== 'token' && credential.kind !== 'mint') return null;
  let outcome: 'passes' | 'fails' | 'unknown';
  let causes: Why403Cause[];
  let notes: Why403Note[] = [];
  if (operation) {
    const check = preSendCheck(api, operation, credential.kind === 'token' ? { type: 'token', token: credential.token } : { type: 'mint', scope: credential.scope }, { call });
    ({ outcome, notes } = check.verdict);
    causes = decisiveCauses(check.verdict.causes);
  } else {
    causes = decisiveCauses(tokenProblems(api, credential.facts));
    outcome = causes.length > 0 ? 'fails' : 'unknown';
  }
  return (
    <section className="explorer-check" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Check before sending</h3>
      <p className={`status ${outcome === 'passes' ? 'ok' : outcome === 'fails' ? 'danger' : ''}`} data-outcome={outcome}>
        {outcome === 'passes'
          ? `Passes: the token’s audience and scopes satisfy ${operation?.id ?? 'the endpoint'}.`
          : outcome === 'fails'
            ? 'Fails: the API will refuse this token.'
            : 'The token is for this API; the explorer does not know which scopes this endpoint needs.'}
      </p>
      {causes.length > 0 ? (
        <ul className="explorer-causes">
          {causes.map((cause) => (
            <CauseItem key={cause.code} cause={cause} />
          ))}
        </ul>
      ) : null}
      {notes.length > 0 ? (
        <ul className="explorer-notes muted">
          {notes.map((note) => (
            <li key={note.code}>{noteMessage(note)}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
