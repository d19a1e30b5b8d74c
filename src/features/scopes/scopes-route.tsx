import { useEffect, useMemo } from 'react';
import { managementApiFromCatalog, MANAGEMENT_API_KEY } from '../../lib/catalog/api-model';
import type { ApiDefinition, TokenKind } from '../../lib/catalog/api-model';
import { customApiToDefinition } from '../../lib/catalog/custom-api';
import { alternativeBlock, resolveRequiredScopes } from '../../lib/catalog/resolve-scopes';
import { intentChoices } from '../../lib/catalog/scope-reach';
import { CopyButton } from '../../components/ui/copy-button';
import { useManagementCatalog } from './catalog-query';
import { CustomApisPanel } from './custom-apis-panel';
import { EndpointBrowser } from './endpoint-browser';
import { EndpointDetails } from './endpoint-details';
import { GeneratedOutputs } from './generated-outputs';
import { RequiredScopes } from './required-scopes';
import { useCustomApis, useFocusedOperationId, useScopesActions } from './scopes-store';
import { TokenPanel } from './token-panel';
import { useScopeSelection } from './use-scope-selection';
import './scopes.css';
import { useLessonObservation } from '../../state/lesson-observations';

const KINDS: { value: TokenKind; label: string; hint: string }[] = [
  { value: 'm2m', label: 'Machine-to-machine', hint: 'client credentials, from a backend' },
  { value: 'user', label: 'User (SPA / login)', hint: 'a signed-in user\u2019s token' },
];

export function Component() {
  const catalog = useManagementCatalog();
  const customApis = useCustomApis();
  const selection = useScopeSelection();

  const managementApi = useMemo(() => (catalog.data ? managementApiFromCatalog(catalog.data) : null), [catalog.data]);
  const customDefinitions = useMemo(() => customApis.map(customApiToDefinition), [customApis]);
  const api: ApiDefinition | null =
    selection.api === MANAGEMENT_API_KEY ? managementApi : (customDefinitions.find((a) => a.key === selection.api) ?? managementApi);
  const missingApi = selection.api !== MANAGEMENT_API_KEY && api?.key !== selection.api;

  return (
    <section className="scopes-tool">
      <title>Scope picker · Token Workbench</title>
      <h1>Scope picker</h1>
      {/* The endpoint list holds hundreds of tab stops: a keyboard user can jump past it to the token check. */}
      <a
        className="skip-link"
        href="#token-panel-h"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('token-panel-h')?.focus();
        }}
      >
        Skip to the token check
      </a>
      <p className="muted intro">
        Pick the endpoints you call and get the least-privilege scopes for them; paste a token to see what it can call and why a call gets a 403.
      </p>
      {catalog.isPending ? (
        <p role="status">Loading the Management API catalog…</p>
      ) : catalog.isError || !api ? (
        <p role="alert" className="status danger">
          The Management API catalog could not be loaded.
        </p>
      ) : (
        <ScopePicker api={api} apis={[...(managementApi ? [managementApi] : []), ...customDefinitions]} missingApi={missingApi} selection={selection} />
      )}
    </section>
  );
}

interface ScopePickerProps {
  api: ApiDefinition;
  apis: ApiDefinition[];
  missingApi: boolean;
  selection: ReturnType<typeof useScopeSelection>;
}

function ScopePicker({ api, apis, missingApi, selection }: ScopePickerProps) {
  const focusedId = useFocusedOperationId();
  const { operationFocused } = useScopesActions();
  const { kind, endpoints, requested, intents, actions } = selection;
  // Focus is about this visit: leaving the picker forgets it, so coming back shows the last selected endpoint.
  useEffect(() => () => operationFocused(null), [operationFocused]);

  const byId = useMemo(() => new Map(api.operations.map((op) => [op.id, op])), [api]);
  const selectedOperations = useMemo(() => endpoints.flatMap((id) => byId.get(id) ?? []), [endpoints, byId]);
  const unknownEndpoints = endpoints.filter((id) => !byId.has(id));
  const selectedIds = useMemo(() => new Set(selectedOperations.map((op) => op.id)), [selectedOperations]);
  // Stated intents, or else the broadest reach: the picked scope then works for any body.
  const resolution = useMemo(
    () => resolveRequiredScopes(api, selectedOperations, kind, { requested, intents: new Map(Object.entries(intents)) }),
    [api, selectedOperations, kind, requested, intents],
  );
  const choices = useMemo(
    () => intentChoices(api, selectedOperations, (alt) => alternativeBlock(api, alt, kind) === null, intents),
    [api, selectedOperations, kind, intents],
  );
  useLessonObservation(selectedOperations.length > 0 ? { kind: 'scopes-resolved', tokenKind: kind, endpoints: selectedOperations.map((op) => op.id), scopes: resolution.scopes } : null);
  // Marks every endpoint the token kind cannot call, not only the selected ones.
  const unavailable = useMemo(() => {
    const marks = new Map<string, string>();
    for (const op of api.operations) {
      if (op.alternatives.length > 0 && op.alternatives.every((alt) => alternativeBlock(api, alt, kind) !== null)) {
        marks.set(op.id, kind === 'user' ? 'not with a user token' : 'user token only');
      }
    }
    return marks;
  }, [api, kind]);

  const focused = (focusedId ? byId.get(focusedId) : undefined) ?? selectedOperations.at(-1) ?? null;
  const chosen = resolution.operations.find((r) => r.operation.id === focused?.id)?.chosen ?? null;
  const shareUrl = typeof window === 'undefined' ? `/scopes?${selection.shareQuery}` : `${window.location.origin}/scopes?${selection.shareQuery}`;

  return (
    <>
      <div className="picker-controls panel">
        <label className="field api-choice">
          <span>API</span>
          <select value={api.key} onChange={(e) => actions.apiChosen(e.target.value)}>
            {apis.map((a) => (
              <option key={a.key} value={a.key}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="kind-choice">
          <legend>Token kind</legend>
          {KINDS.map((k) => (
            <span key={k.value} className="kind-option">
              <label>
                <input
                  type="radio"
                  name="token-kind"
                  value={k.value}
                  checked={kind === k.value}
                  aria-describedby={`kind-hint-${k.value}`}
                  onChange={() => actions.kindChosen(k.value)}
                />{' '}
                {k.label}
              </label>{' '}
              <span id={`kind-hint-${k.value}`} className="muted">
                ({k.hint})
              </span>
            </span>
          ))}
        </fieldset>
        {kind === 'user' && api.userGrantableScopes ? (
          <p className="field-hint">
            User tokens for this API can carry only: <span className="mono">{[...api.userGrantableScopes].join(' ')}</span>. Any other scope is silently dropped.
          </p>
        ) : null}
        {missingApi ? (
          <p role="alert" className="status warn">
            The API in the link is not defined in this browser; showing the {api.name} instead.
          </p>
        ) : null}
        {unknownEndpoints.length > 0 ? (
          <p role="alert" className="status warn">
            Unknown endpoints in the link were ignored: <span className="mono">{unknownEndpoints.join(', ')}</span>
          </p>
        ) : null}
      </div>

      <div className="picker-layout">
        <EndpointBrowser operations={api.operations} selected={selectedIds} unavailable={unavailable} onToggle={actions.endpointToggled} explorable={api.key === MANAGEMENT_API_KEY} />
        <div className="picker-side">
          <EndpointDetails
            api={api}
            operation={focused}
            kind={kind}
            chosen={chosen}
            selected={focused ? selectedIds.has(focused.id) : false}
            onRequest={actions.scopesRequested}
          />
          <RequiredScopes
            api={api}
            resolution={resolution}
            intentChoices={choices}
            onIntent={actions.intentChosen}
            onRemove={(id) => {
              actions.endpointToggled(id, false);
              if (focusedId === id) operationFocused(null);
            }}
            onClear={actions.selectionCleared}
            onWithdraw={actions.scopeRequestWithdrawn}
          />
          {selectedOperations.length > 0 ? (
            <>
              <GeneratedOutputs api={api} scopes={resolution.scopes} kind={kind} />
              <section className="panel" aria-labelledby="share-h">
                <h2 id="share-h">Share this selection</h2>
                <div className="share-row">
                  <label className="field">
                    <span>Share link</span>
                    <input type="text" readOnly value={shareUrl} onFocus={(e) => e.target.select()} className="mono" />
                  </label>
                  <CopyButton text={shareUrl} label="Copy share link" />
                </div>
              </section>
            </>
          ) : null}
        </div>
      </div>

      <TokenPanel api={api} kind={kind} suggestedOperationId={focused?.id ?? null} />
      <CustomApisPanel onOpen={actions.apiChosen} />
    </>
  );
}
