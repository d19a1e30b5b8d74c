import type { ApiDefinition, ApiOperation, TokenKind } from '../../lib/catalog/api-model';
import { alternativeBlock, scopeBreadth } from '../../lib/catalog/resolve-scopes';
import { describeScopeEffect } from '../../lib/catalog/scope-notes';
import { LifecycleBadges } from './endpoint-browser';
import { blockMessage } from '../../lib/catalog/why-403-messages';
import { ReferenceLink } from '../../components/ui/reference-link';

interface EndpointDetailsProps {
  api: ApiDefinition;
  operation: ApiOperation | null;
  kind: TokenKind;
  /** The alternative the least-privilege set uses for this endpoint, if selected. */
  chosen: readonly string[] | null;
  selected: boolean;
  /** Asks for an alternative on purpose, e.g. read:user_idp_tokens to get IdP tokens back. */
  onRequest: (scopes: readonly string[]) => void;
}

/** Every alternative that satisfies the endpoint, what each adds, and which the token kind can use. */
export function EndpointDetails({ api, operation, kind, chosen, selected, onRequest }: EndpointDetailsProps) {
  if (!operation) {
    return (
      <section className="panel" aria-labelledby="endpoint-details-h">
        <h2 id="endpoint-details-h">Endpoint details</h2>
        <p className="muted">Select or focus an endpoint to see every scope that satisfies it.</p>
      </section>
    );
  }
  const chosenKey = chosen?.join(' ');
  const breadth = scopeBreadth(api);
  return (
    <section className="panel" aria-labelledby="endpoint-details-h">
      <h2 id="endpoint-details-h">Endpoint details</h2>
      <p className="endpoint-title">
        <span className="mono">{operation.id}</span> <LifecycleBadges operation={operation} />
      </p>
      <p className="muted">
        {operation.summary}
        <ReferenceLink href={operation.docsUrl} />
      </p>
      {operation.alternatives.length > 1 ? <p className="field-hint">Any one of these is enough.</p> : null}
      <ul aria-label="Accepted scopes" className="accepted-scopes">
        {operation.alternatives.map((alternative, index) => {
          const key = alternative.join(' ');
          const block = alternativeBlock(api, alternative, kind);
          const notes = alternative.map((scope) => describeScopeEffect(scope));
          return (
            <li key={key || `none-${index}`} className={block ? 'blocked' : undefined}>
              <code>{alternative.length === 0 ? '(no scope needed)' : alternative.join(' + ')}</code>
              {/* Real spaces between the code and its badges: screen readers and copied text would glue them otherwise. */}
              {key === chosenKey ? <> <span className="badge ok">least privilege</span></> : null}
              {notes.some((n) => n.privileged) ? <> <span className="badge danger">returns secrets</span></> : null}
              {alternative.map((scope) => {
                const description = api.scopeDescriptions.get(scope);
                return description ? (
                  <span key={scope} className="muted scope-description">
                    {' '}
                    {description}.
                  </span>
                ) : null;
              })}
              {notes.map((n, i) => (n.note ? <div key={alternative[i]} className="scope-note">{n.note}</div> : null))}
              {alternative.map((scope) => (
                <div key={scope} className="scope-note muted">
                  {alternative.length > 1 ? <code>{scope}</code> : null} Accepted by {breadth.get(scope) ?? 0} endpoint{breadth.get(scope) === 1 ? '' : 's'} of this API.
                  {api.kind === 'auth0-management' && !api.scopeDescriptions.has(scope) ? ' Not declared in the spec: Auth0\u2019s documentation lists it.' : ''}
                </div>
              ))}
              {block ? <div className="scope-block">{blockMessage(block)}</div> : null}
              {selected && !block && alternative.length > 0 && key !== chosenKey ? (
                <button type="button" className="small ask-scope" onClick={() => onRequest(alternative)}>
                  Ask for {alternative.join(' + ')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
