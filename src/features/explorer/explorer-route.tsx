import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { companionAccessProblem } from '../../api/companion-client';
import { useProfiles } from '../../api/profiles-query';
import { acceptedScopes } from '../../lib/catalog/api-model';
import { bodyFields } from '../../lib/catalog/scope-reach';
import { requestHeaders, requestUrl } from '../../lib/explorer/code-snippets';
import type { FormRequest } from '../../lib/explorer/request-form';
import type { ProfileSummary } from '../../shared/api-contract';
import type { CallRequest } from '../../shared/call-contract';
import { useTabTokens } from '../../state/tab-tokens';
import { AuthorizationPanel } from './authorization-panel';
import { useApiCall } from './call-mutation';
import type { CallOutcome, SentCall } from './call-mutation';
import { CallHistory } from './call-history';
import { canMint, mintedFacts, resolveCredential } from './credential';
import type { Credential } from './credential';
import { apiCallObservation } from '../../lib/lessons/observations';
import { lessonObserved } from '../../state/lesson-observations';
import { EndpointPicker } from './endpoint-picker';
import { useApiChoice, useAuthorizeMode, useExplorerActions, useHistory, usePastedToken, useProfileId, useTabTokenId } from './explorer-store';
import type { HistoryEntry } from './explorer-store';
import { createdGrant, GrantMint } from './grant-mint';
import { CatalogRequestFields, fieldErrors, OwnRequestFields } from './request-fields';
import { ResponsePanel } from './response-panel';
import { SnippetsPanel } from './snippets-panel';
import { ownApis, useCallTarget } from './use-call-target';
import type { CallTarget } from './use-call-target';
import './explorer.css';
import { ReferenceLink } from '../../components/ui/reference-link';

/** The profile the form calls with: the one chosen, else the first that can mint (a public client cannot). */
function pickProfile(profiles: readonly ProfileSummary[], chosen: string): ProfileSummary | undefined {
  return profiles.find((p) => p.id === chosen) ?? profiles.find(canMint) ?? profiles[0];
}

/** The profile that mints for a call made with `profile`: itself, or another of the same tenant with credentials. */
function mintingProfile(profiles: readonly ProfileSummary[], profile: ProfileSummary | undefined): ProfileSummary | undefined {
  if (!profile) return undefined;
  const { issuer } = profile;
  return canMint(profile) ? profile : profiles.find((p) => p.issuer === issuer && canMint(p));
}

const credentialFields = (credential: Credential): Pick<CallRequest, 'token' | 'mintScope'> =>
  credential.kind === 'token' ? { token: credential.token } : credential.kind === 'mint' ? { mintScope: credential.scope } : {};

export function Component() {
  const profiles = useProfiles();
  const list = profiles.data ?? [];
  const profile = pickProfile(list, useProfileId());
  const apiChoice = useApiChoice();
  const mode = useAuthorizeMode();
  const pastedToken = usePastedToken();
  const tabTokens = useTabTokens();
  const tabTokenId = useTabTokenId();
  const history = useHistory();
  const actions = useExplorerActions();
  const [params, setParams] = useSearchParams();
  const { target, catalogPending, catalogError } = useCallTarget(profile);
  const call = useApiCall();
  const [showErrors, setShowErrors] = useState(false);
  const id = useId();

  const endpointParam = params.get('endpoint');
  const { apiSelected } = actions;
  // A deep link names a Management API endpoint.
  useEffect(() => {
    if (endpointParam) apiSelected('');
  }, [endpointParam, apiSelected]);

  const tabToken = tabTokens.find((t) => t.id === tabTokenId) ?? tabTokens[0];
  const credential: Credential | null = target
    ? resolveCredential({
        mode,
        pastedToken,
        tabToken,
        profile,
        api: target.api,
        operation: target.operation,
        apiScopes: target.kind === 'own' ? target.profileApi.scopes : null,
        bodyFields: bodyFields(target.draft?.bodyText ?? ''),
      })
    : null;
  const draft = target?.draft;
  const callSubject = { params: draft && 'pathParams' in draft ? draft.pathParams : {}, bodyFields: bodyFields(draft?.bodyText ?? '') };
  const built = target?.built ?? null;
  const errors = showErrors && built && !built.ok ? fieldErrors(built.errors) : new Map<string, string>();
  const minter = mintingProfile(list, profile);

  const send = (sent: SentCall, entry: Omit<HistoryEntry, 'id' | 'at' | 'status' | 'elapsedMs'>) => {
    const historyId = actions.callSent({ ...entry, status: null, elapsedMs: null });
    call.mutate(sent, {
      onSettled: (data) => actions.callAnswered(historyId, data?.response.status ?? null, data?.response.meta.elapsedMs ?? null),
      onSuccess: (outcome) => lessonObserved(apiCallObservation(outcome)),
    });
  };

  const sendForm = () => {
    setShowErrors(true);
    if (!target || !profile || !credential || credential.kind === 'unavailable' || !target.built?.ok || !target.draft) return;
    const request: CallRequest = {
      profile: credential.kind === 'mint' ? credential.profile.id : profile.id,
      ...(target.kind === 'own' ? { api: target.profileApi.identifier } : {}),
      ...target.built.request,
      ...credentialFields(credential),
    };
    send(
      { request, api: target.api, operation: target.operation, facts: credential.kind === 'none' ? null : credential.facts, authorizedWith: credential.describe, draft: target.draft },
      { method: request.method, path: request.path, api: apiChoice, operationId: target.kind === 'management' ? (target.operation?.id ?? null) : null, draft: target.draft },
    );
  };

  const last = call.data;
  const retryMinter = last ? mintingProfile(list, list.find((p) => p.id === last.sent.request.profile)) : undefined;
  const mintRetry = (outcome: CallOutcome, scope: string) => {
    if (!retryMinter) return;
    const { sent } = outcome;
    const request: CallRequest = { ...sent.request, profile: retryMinter.id, mintScope: scope };
    send(
      { ...sent, request, facts: mintedFacts(scope), authorizedWith: `a token minted by ${retryMinter.id} with ${scope}` },
      { method: request.method, path: request.path, api: sent.request.api ?? '', operationId: sent.operation && !sent.request.api ? sent.operation.id : null, draft: sent.draft },
    );
  };

  const restore = (entry: HistoryEntry) => {
    actions.historyRestored(entry);
    if (entry.operationId) setParams({ endpoint: entry.operationId });
  };

  const grant = last && profile ? createdGrant(last, list, profile.issuer) : null;
  const companionProblem = companionAccessProblem(profiles.error);

  return (
    <section className="explorer">
      <title>API explorer · Token Workbench</title>
      <h1>API explorer</h1>
      <p className="muted intro">
        Call the Management API, or your own APIs, through the companion server: it holds the profiles’ secrets, and the browser never calls the API itself. See the 403 a
        missing scope causes, and the 200 once the scope is there.
      </p>
      {companionProblem ? (
        <div className="status danger" role="alert">
          <strong>{companionProblem.title}</strong>
          <p>{companionProblem.detail}</p>
        </div>
      ) : profiles.isError ? (
        <p className="status danger" role="alert">
          The profiles could not be loaded.
        </p>
      ) : null}
      <div className="explorer-layout">
        <form
          className="explorer-form"
          aria-labelledby={`${id}-request-h`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            sendForm();
          }}
        >
          <section className="panel" aria-labelledby={`${id}-request-h`}>
            <h2 id={`${id}-request-h`}>Request</h2>
            <div className="explorer-choices">
              <div className="field">
                <label htmlFor={`${id}-profile`} className="field-label">
                  Profile
                </label>
                <select id={`${id}-profile`} value={profile?.id ?? ''} disabled={list.length === 0} onChange={(e) => actions.profileSelected(e.target.value)}>
                  {list.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-api`} className="field-label">
                  Which API
                </label>
                <select
                  id={`${id}-api`}
                  value={apiChoice}
                  onChange={(e) => {
                    apiSelected(e.target.value);
                    // The deep link is about a Management API endpoint: leaving it clears it.
                    if (e.target.value && endpointParam) setParams({});
                  }}
                >
                  <option value="">Management API</option>
                  {ownApis(profile).map((a) => (
                    <option key={a.identifier} value={a.identifier}>
                      {a.name ?? a.identifier}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {catalogPending && apiChoice === '' ? <p role="status">Loading the Management API catalog…</p> : null}
            {catalogError ? (
              <p className="status danger" role="alert">
                The Management API catalog could not be loaded.
              </p>
            ) : null}
            {target ? <TargetFields target={target} errors={errors} onSelect={(operationId) => setParams({ endpoint: operationId })} /> : null}
            {target?.built?.ok ? <SentHeaders baseUrl={target.baseUrl} request={target.built.request} credential={credential} /> : null}
          </section>
          {target && credential ? (
            <AuthorizationPanel credential={credential} tabTokens={tabTokens} api={target.api} operation={target.operation} profileLabel={(credential.kind === 'mint' ? credential.profile : profile)?.label} call={callSubject} />
          ) : null}
          <div className="button-row explorer-send">
            <button type="submit" className="primary" disabled={call.isPending || !target?.draft || !profile}>
              Send request
            </button>
            {showErrors && built && !built.ok ? (
              <span className="field-error" role="alert">
                Fix the fields marked above: {built.errors.length === 1 ? '1 problem' : `${built.errors.length} problems`}.
              </span>
            ) : null}
          </div>
        </form>
        <div className="explorer-results">
          <ResponsePanel
            outcome={call.data}
            api={call.data?.sent.api ?? null}
            error={call.error}
            pending={call.isPending}
            onMintRetry={last && retryMinter ? (scope) => mintRetry(last, scope) : undefined}
          >
            {grant ? <GrantMint {...grant} /> : null}
          </ResponsePanel>
          {target?.built?.ok ? <SnippetsPanel baseUrl={target.baseUrl} request={target.built.request} withToken={credential?.kind !== 'none'} /> : null}
          <CallHistory entries={history} onRestore={restore} />
          {minter ? null : list.length > 0 ? <p className="muted">No profile of this tenant can mint tokens: paste one, or use one obtained in this tab.</p> : null}
        </div>
      </div>
    </section>
  );
}

function TargetFields({ target, errors, onSelect }: { target: CallTarget; errors: ReadonlyMap<string, string>; onSelect: (operationId: string) => void }) {
  const { draftEdited, ownDraftEdited } = useExplorerActions();
  if (target.kind === 'own') {
    return (
      <>
        <p className="muted">
          {target.api.name}: <span className="mono">{target.baseUrl}</span> (audience <span className="mono">{target.profileApi.identifier}</span>). Own APIs have no catalog
          here: type the method and path.
        </p>
        <OwnRequestFields draft={target.draft} errors={errors} onChange={(draft) => ownDraftEdited(target.profileApi.identifier, draft)} />
        {target.operation ? <AcceptedScopes scopes={acceptedScopes(target.operation)} /> : null}
      </>
    );
  }
  const { operation, shape, draft, endpointError } = target;
  return (
    <>
      <EndpointPicker operations={target.api.operations} selected={operation} onSelect={onSelect} />
      {endpointError && endpointError.code !== 'ENDPOINT_MISSING' ? (
        <p className="status warn" role="alert">
          {endpointError.code === 'ENDPOINT_MALFORMED'
            ? `The link's endpoint "${endpointError.value}" is not METHOD /path.`
            : `No endpoint ${endpointError.endpoint} in the catalog${endpointError.otherMethods.length ? `; this path has ${endpointError.otherMethods.join(', ')}` : ''}.`}
        </p>
      ) : null}
      {operation && shape && draft ? (
        <>
          <p className="explorer-summary">
            <span className="mono">{operation.id}</span>: {operation.summary}
            <ReferenceLink href={operation.docsUrl} />
          </p>
          <AcceptedScopes scopes={acceptedScopes(operation)} />
          <CatalogRequestFields shape={shape} draft={draft} errors={errors} onChange={(next) => draftEdited(operation.id, next)} />
        </>
      ) : null}
    </>
  );
}

function AcceptedScopes({ scopes }: { scopes: readonly string[] }) {
  return (
    <p className="field-hint">
      {scopes.length === 0 ? 'No scope needed.' : scopes.length === 1 ? 'Needs ' : 'Needs any one of: '}
      {scopes.length > 0 ? <span className="mono">{scopes.join(', ')}</span> : null}
    </p>
  );
}

/** The URL and the headers the call will carry, the token masked as $TOKEN. */
function SentHeaders({ baseUrl, request, credential }: { baseUrl: string; request: FormRequest; credential: Credential | null }) {
  const withToken = credential !== null && credential.kind !== 'none' && credential.kind !== 'unavailable';
  const placeholder = credential?.kind === 'mint' ? '$TOKEN (minted by the companion server)' : '$TOKEN';
  return (
    <div className="explorer-sent">
      <h3>What will be sent</h3>
      <p className="mono explorer-url">
        {request.method} {requestUrl(baseUrl, request)}
      </p>
      <ul className="mono explorer-sent-headers" aria-label="Headers that will be sent">
        {requestHeaders(request, { withToken, tokenPlaceholder: placeholder }).map(([name, value]) => (
          <li key={name}>
            {name}: {value}
          </li>
        ))}
      </ul>
    </div>
  );
}
