import { useDeferredValue, useId, useMemo } from 'react';
import type { ApiDefinition, ApiOperation, TokenKind } from '../../lib/catalog/api-model';
import { readTokenFacts } from '../../lib/catalog/token-facts';
import type { UnverifiedTokenFacts } from '../../lib/catalog/token-facts';
import { callableEndpoints, decisiveCauses, explainWhy403 } from '../../lib/catalog/why-403';
import { useScopesActions, useTokenCheckedAt, useTokenInput, useWhy403OperationId } from './scopes-store';
import { causeMessage, noteMessage } from '../../lib/catalog/why-403-messages';

interface TokenPanelProps {
  api: ApiDefinition;
  /** The picker's token kind: assumed for a plain scope string, which cannot tell. */
  kind: TokenKind;
  /** The endpoint to explain when none was chosen: the focused or last selected one. */
  suggestedOperationId: string | null;
}

/** From a pasted token to the endpoints it can call, and why a call fails. Decoded locally: nothing is sent or stored. */
export function TokenPanel({ api, kind, suggestedOperationId }: TokenPanelProps) {
  const tokenInput = useTokenInput();
  const chosenId = useWhy403OperationId();
  const { tokenPasted, why403EndpointChosen } = useScopesActions();
  const deferredInput = useDeferredValue(tokenInput);
  const facts = useMemo(() => readTokenFacts(deferredInput), [deferredInput]);
  const checkedAt = useTokenCheckedAt();
  // The clock is read when the token is pasted (an event), not during render.
  const now = useMemo(() => new Date(checkedAt), [checkedAt]);
  const callable = useMemo(() => callableEndpoints(api, facts, { now, assumedKind: kind }), [api, facts, now, kind]);
  const operationId = chosenId && api.operations.some((op) => op.id === chosenId) ? chosenId : (suggestedOperationId ?? api.operations[0]?.id ?? null);
  const operation = api.operations.find((op) => op.id === operationId) ?? null;
  const verdict = useMemo(() => (operation ? explainWhy403(api, operation, facts, { now, assumedKind: kind }) : null), [api, operation, facts, now, kind]);
  const hintId = useId();

  return (
    <section className="panel token-panel" aria-labelledby="token-panel-h">
      <h2 id="token-panel-h" tabIndex={-1}>
        From a token to its endpoints
      </h2>
      <label className="field">
        <span>Access token</span>
        <textarea
          className="mono"
          rows={4}
          value={tokenInput}
          onChange={(e) => tokenPasted(e.target.value)}
          aria-describedby={hintId}
          spellCheck={false}
          autoComplete="off"
          placeholder="eyJ… or a scope string such as read:users update:users"
        />
      </label>
      <p id={hintId} className="field-hint">
        Decoded in this browser: never sent, never stored. The signature is not checked.
      </p>
      {facts.kind !== 'empty' ? <TokenFactsSummary facts={facts} kind={kind} /> : null}

      <h3>
        Callable endpoints <span className="badge callable-count">{callable.operations.length}</span>
      </h3>
      {callable.problems.length > 0 && facts.kind !== 'empty' ? (
        <p className="muted">This token is refused before any scope is checked: see the verdict below.</p>
      ) : null}
      {/* It scrolls and holds nothing focusable: one tab stop lets keyboard users scroll it (axe scrollable-region-focusable). */}
      <ul aria-label="Callable endpoints" className="callable-list" tabIndex={0}>
        {callable.operations.map((op) => (
          <li key={op.id}>
            <span className="mono">{op.id}</span>
          </li>
        ))}
      </ul>

      <h3 id="why403-h">Why 403?</h3>
      <label className="field">
        <span>Endpoint to check</span>
        <select value={operationId ?? ''} onChange={(e) => why403EndpointChosen(e.target.value || null)}>
          {api.operations.map((op: ApiOperation) => (
            <option key={op.id} value={op.id}>
              {op.id}
            </option>
          ))}
        </select>
      </label>
      {verdict && facts.kind !== 'empty' ? (
        <div role="region" aria-labelledby="why403-h" className={`status ${verdict.outcome === 'passes' ? 'ok' : 'danger'} verdict`}>
          <div>
            <p className="verdict-outcome">
              <strong>{verdict.outcome === 'passes' ? `Passes: ${operation?.id} accepts this token` : `Fails: ${operation?.id} refuses this token`}</strong>
              {verdict.satisfiedBy && verdict.satisfiedBy.length > 0 ? <> (via {verdict.satisfiedBy.join(' + ')})</> : null}
            </p>
            {verdict.causes.length > 0 ? (
              <ul aria-label="Reasons">
                {decisiveCauses(verdict.causes).map((cause) => {
                  const message = causeMessage(cause);
                  return (
                    <li key={cause.code} data-code={cause.code}>
                      {message.title} {message.fix ? <em>{message.fix}</em> : null}
                    </li>
                  );
                })}
              </ul>
            ) : null}
            <ul className="verdict-notes muted">
              {verdict.notes.map((note) => (
                <li key={note.code}>{noteMessage(note)}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : (
        <p className="muted">Paste a token to get a verdict.</p>
      )}
    </section>
  );
}

function TokenFactsSummary({ facts, kind }: { facts: UnverifiedTokenFacts; kind: TokenKind }) {
  const kindLabel: Record<UnverifiedTokenFacts['kind'], string> = {
    empty: 'Empty',
    jwt: 'JWT',
    encrypted: 'Encrypted JWT (JWE)',
    malformed: 'Malformed JWT',
    opaque: 'Opaque token',
    'scope-string': 'Scope string',
  };
  const useLabel = facts.use === 'id' ? 'ID token' : facts.use === 'access' ? 'access token' : 'token type unknown';
  const bound = facts.userBound === true ? 'user token' : facts.userBound === false ? 'client-credentials token' : null;
  return (
    <dl className="token-facts">
      <dt>Input</dt>
      <dd>
        {kindLabel[facts.kind]}
        {facts.kind === 'jwt' ? (
          <>
            {' '}
            ({useLabel}
            {bound ? `, ${bound}` : ''}) <span className="badge warn">unverified</span>
          </>
        ) : null}
        {facts.kind === 'scope-string' ? ` (judged as a ${kind === 'user' ? 'user' : 'client-credentials'} token: see Token kind)` : null}
      </dd>
      {typeof facts.claims?.iss === 'string' ? (
        <>
          <dt>Issuer</dt>
          <dd className="mono">{facts.claims.iss}</dd>
        </>
      ) : null}
      {facts.subject ? (
        <>
          <dt>Subject</dt>
          <dd className="mono">{facts.subject}</dd>
        </>
      ) : null}
      {facts.audiences.length > 0 ? (
        <>
          <dt>Audience</dt>
          <dd className="mono">{facts.audiences.join(' ')}</dd>
        </>
      ) : null}
      {facts.kind === 'jwt' || facts.kind === 'scope-string' ? (
        <>
          <dt>Scopes</dt>
          <dd className="mono">{facts.scopes.length > 0 ? facts.scopes.join(' ') : '(none)'}</dd>
        </>
      ) : null}
      {facts.expiresAt ? (
        <>
          <dt>Expires</dt>
          <dd>{facts.expiresAt.toISOString()}</dd>
        </>
      ) : null}
    </dl>
  );
}
