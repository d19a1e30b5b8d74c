import { CopyButton } from '../../components/ui/copy-button';
import type { ApiDefinition, TokenKind } from '../../lib/catalog/api-model';
import type { ScopeResolution } from '../../lib/catalog/resolve-scopes';
import { reachLimitMessage } from '../../lib/catalog/scope-reach';
import type { IntentChoice } from '../../lib/catalog/scope-reach';
import { blockMessage } from '../../lib/catalog/why-403-messages';

interface RequiredScopesProps {
  api: ApiDefinition;
  resolution: ScopeResolution;
  /** Endpoints whose scopes reach differently far: the user says what the call must be able to change. */
  intentChoices: readonly IntentChoice[];
  onIntent: (id: string, key: string) => void;
  onRemove: (id: string) => void;
  onClear: () => void;
  onWithdraw: (scope: string) => void;
}

const KIND_LABEL: Record<TokenKind, string> = { m2m: 'Machine-to-machine', user: 'User (SPA / login)' };

/** The least-privilege scope string for the selection, with what each endpoint uses and what cannot work. */
export function RequiredScopes({ api, resolution, intentChoices, onIntent, onRemove, onClear, onWithdraw }: RequiredScopesProps) {
  const { operations, unavailable, scopeString, kind } = resolution;
  // The update:users trap: the scope a backend would use is dropped from user tokens.
  const trapNotes =
    kind === 'user'
      ? operations.flatMap((r) => {
          const dropped = [...r.blocked].filter(([, block]) => block === 'not-grantable-to-users').flatMap(([index]) => r.operation.alternatives[index] ?? []);
          return r.status === 'satisfied' && r.chosen && dropped.length > 0 ? [{ id: r.operation.id, dropped, chosen: r.chosen }] : [];
        })
      : [];
  // A chosen scope narrower than its endpoint passes the scope check, then refuses other fields or other users.
  const limits = operations.flatMap((r) => {
    const message = r.status === 'satisfied' && r.chosen ? reachLimitMessage(api, r.operation, r.chosen) : null;
    return message ? [{ id: r.operation.id, message }] : [];
  });
  return (
    <section className="panel required-scopes" aria-labelledby="required-scopes-h">
      <h2 id="required-scopes-h">Required scopes</h2>
      {operations.length === 0 ? (
        <p className="muted">Select endpoints to get the smallest scope set that calls all of them.</p>
      ) : (
        <>
          <div className="scope-string-row">
            <output className="scope-string mono" aria-label="Scope string">
              {scopeString || '(no scope needed)'}
            </output>
            <CopyButton text={scopeString} label="Copy scope string" disabled={scopeString === ''} />
          </div>
          <p className="field-hint">
            {KIND_LABEL[kind]} token for {api.name}. Smallest set where every endpoint is satisfied by at least one scope; ties go to the narrower
            scope.
            {intentChoices.length > 0 ? ' A scope must also do what you say the call needs below: by default, take any body.' : ''}
            {resolution.exact ? '' : ' (Large selection: best set found within the search bound.)'}
          </p>
          {intentChoices.map(({ operation, options, chosen }) => (
            <fieldset key={operation.id} className="intent-choice">
              <legend>
                What must <span className="mono">{operation.id}</span> be able to change?
              </legend>
              {options.map((option) => (
                <label key={option.key}>
                  <input
                    type="radio"
                    name={`intent-${operation.id}`}
                    value={option.key}
                    checked={chosen === option.key}
                    onChange={() => onIntent(operation.id, option.key)}
                  />{' '}
                  {option.label}
                </label>
              ))}
            </fieldset>
          ))}
          {limits.length > 0 ? (
            <ul className="scope-limits" aria-label="What these scopes allow">
              {limits.map((limit) => (
                <li key={limit.id}>
                  <span className="mono">{limit.id}</span>: {limit.message}
                </li>
              ))}
            </ul>
          ) : null}
          {resolution.requested.length > 0 || resolution.refused.length > 0 ? (
            <div className="requested-scopes">
              <p>Asked for on purpose:</p>
              <ul aria-label="Scopes asked for">
                {resolution.requested.map((scope) => (
                  <li key={scope}>
                    <code>{scope}</code>{' '}
                    <button type="button" className="small" onClick={() => onWithdraw(scope)}>
                      Stop asking for {scope}
                    </button>
                  </li>
                ))}
                {resolution.refused.map(({ scope, block }) => (
                  <li key={scope}>
                    <code>{scope}</code>: {blockMessage(block)}{' '}
                    <button type="button" className="small" onClick={() => onWithdraw(scope)}>
                      Stop asking for {scope}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {unavailable.length > 0 ? (
            <div className="status danger" role="alert">
              <div>
                <strong>{unavailable.length === 1 ? '1 endpoint cannot be called' : `${unavailable.length} endpoints cannot be called`} with a {KIND_LABEL[kind]} token:</strong>
                <ul>
                  {unavailable.map((r) => (
                    <li key={r.operation.id}>
                      <span className="mono">{r.operation.id}</span>:{' '}
                      {r.fix === 'm2m'
                        ? 'no scope that users can get satisfies it. Call it from a backend with a client-credentials (Machine-to-machine) token.'
                        : 'only a signed-in user\u2019s token can call it (its scopes act on the token\u2019s own user).'}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          ) : null}
          {trapNotes.length > 0 ? (
            <ul className="trap-notes" aria-label="User-token notes">
              {trapNotes.map((note) => (
                <li key={note.id}>
                  <span className="mono">{note.id}</span>: <code>{note.dropped.join(', ')}</code> {note.dropped.length === 1 ? 'is' : 'are'} silently dropped from
                  user tokens; <code>{note.chosen.join(' + ')}</code> is the user-token alternative, and works on the signed-in user’s own record only.
                </li>
              ))}
            </ul>
          ) : null}
          <div className="button-row selection-actions">
            <button type="button" className="small" onClick={onClear}>
              Clear selection
            </button>
          </div>
          <table className="selection-table">
            <caption className="visually-hidden">Selected endpoints and the scope each uses</caption>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Uses</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {operations.map((r) => (
                <tr key={r.operation.id}>
                  <th scope="row" className="mono">{r.operation.id}</th>
                  <td className="mono" data-label="Uses">{r.status === 'unavailable' ? '\u2014' : r.status === 'no-scope-needed' ? '(none)' : r.chosen?.join(' + ')}</td>
                  <td>
                    <button type="button" className="small" aria-label={`Remove ${r.operation.id}`} onClick={() => onRemove(r.operation.id)}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
