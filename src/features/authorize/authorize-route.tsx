import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { companionAccessProblem } from '../../api/companion-client';
import { CopyButton } from '../../components/ui/copy-button';
import { getParam } from '../../lib/oauth/authorize-url';
import type { BuilderView } from '../../lib/oauth/builder-view';
import type { PendingAuthorization } from '../../lib/oauth/callback';
import { OAuthFlowError } from '../../lib/oauth/oauth-error';
import { loginGate } from '../../lib/oauth/pitfalls';
import { initializeAuthorizeRequest, useAuthorizeActions, useAuthorizeRequest, useClientKind, useParseError, usePkce, useProfileId } from './authorize-store';
import { BuilderForm } from './builder-form';
import { PitfallsList } from './pitfalls-list';
import { savePendingAuthorization } from './pending-authorization';
import { useBuilderView } from './use-builder-view';
import { useProfileDeepLink } from './use-profile-deep-link';
import { useLessonObservation } from '../../state/lesson-observations';
import './authorize.css';

function errorText(error: unknown): string | undefined {
  if (!error) return undefined;
  if (error instanceof OAuthFlowError) return `${error.message} (${error.code})`;
  const access = companionAccessProblem(error);
  if (access) return `${access.title}. ${access.detail}`;
  return error instanceof Error ? error.message : 'Unknown error';
}

/** The URL textarea: shows the built URL live; typing or pasting any /authorize URL fills the form. */
function AuthorizeUrlBox({ url }: { url: string | undefined }) {
  const { urlPasted } = useAuthorizeActions();
  const parseError = useParseError();
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const shown = draft ?? url ?? '';
  return (
    <div className="field">
      <label htmlFor="authorize-url" className="field-label">
        Authorize URL
      </label>
      <textarea
        id="authorize-url"
        className="mono authorize-url"
        value={shown}
        rows={6}
        spellCheck={false}
        placeholder="Enter a domain, or paste an /authorize URL here"
        onChange={(event) => {
          const text = event.target.value;
          setDraft(text);
          urlPasted(text);
        }}
        onBlur={() => setDraft(undefined)}
      />
      {draft !== undefined && parseError ? (
        <span className="field-hint error-detail" role="alert">
          Not parsed: {parseError}
        </span>
      ) : null}
      <div className="button-row">
        <CopyButton text={url ?? ''} label="Copy URL" disabled={!url} />
      </div>
    </div>
  );
}

function pendingFor(view: BuilderView, inputs: { request: ReturnType<typeof useAuthorizeRequest>; clientKind: 'public' | 'confidential'; profileId: string | undefined; codeVerifier: string | undefined }): PendingAuthorization | undefined {
  if (!view.url || !view.endpoints) return undefined;
  const { request } = inputs;
  const audience = getParam(request, 'audience');
  const maxAge = getParam(request, 'max_age');
  const api = view.knownApis.find((candidate) => candidate.identifier === audience);
  const optional = {
    profileId: inputs.profileId,
    redirectUri: getParam(request, 'redirect_uri'),
    state: getParam(request, 'state'),
    nonce: getParam(request, 'nonce'),
    codeVerifier: inputs.codeVerifier,
    maxAge: maxAge !== undefined && /^\d+$/.test(maxAge) ? Number(maxAge) : undefined,
    requestedScope: getParam(request, 'scope'),
    audience,
    managementApiIdentifier: view.managementApi,
    apiScopes: api?.scopes ? [...api.scopes] : undefined,
  };
  return {
    version: 1,
    issuer: view.endpoints.issuer,
    authorizationEndpoint: view.endpoints.authorizationEndpoint,
    tokenEndpoint: view.endpoints.tokenEndpoint,
    tokenEndpointKnown: view.endpoints.source !== 'guess',
    clientId: getParam(request, 'client_id') ?? '',
    clientKind: inputs.clientKind,
    responseType: getParam(request, 'response_type') ?? '',
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined && value !== '')),
  };
}

export function Component() {
  const { view, discovery, profiles } = useBuilderView();
  const request = useAuthorizeRequest();
  const clientKind = useClientKind();
  const profileId = useProfileId();
  const { codeVerifier } = usePkce();
  const actions = useAuthorizeActions();
  const [searchParams, setSearchParams] = useSearchParams();
  const urlParam = searchParams.get('url');
  useProfileDeepLink(profiles.data);
  useLessonObservation(view.pitfalls.length > 0 ? { kind: 'pitfalls-shown', ids: view.pitfalls.map((p) => p.id) } : null);

  useEffect(() => {
    if (urlParam) {
      actions.urlPasted(urlParam);
      setSearchParams({}, { replace: true });
    } else {
      void initializeAuthorizeRequest(`${window.location.origin}/callback`);
    }
  }, [urlParam, actions, setSearchParams]);

  const gate = loginGate(view.pitfalls);
  // An override holds for the pitfalls it was ticked for: a new or changed one asks again.
  const overrideKey = gate.overridable.map((pitfall) => `${pitfall.id}\u0000${pitfall.title}`).join('\u0001');
  const [overriddenFor, setOverriddenFor] = useState<string | null>(null);
  // Dropped as soon as the pitfalls change (React's "adjust state while rendering"), so it never comes back by itself.
  if (overriddenFor !== null && overriddenFor !== overrideKey) setOverriddenFor(null);
  const overridden = overriddenFor === overrideKey;
  const blocking = gate.unsendable.length > 0 || !overridden ? [...gate.unsendable, ...gate.overridable] : [];
  const reasons = [...blocking.map((pitfall) => pitfall.title), ...(view.url ? [] : ['there is no authorize URL yet (enter a domain or issuer)'])];
  // aria-disabled, not disabled: the button stays in the tab order, so a keyboard or screen-reader user still hears why.
  const loginDisabled = reasons.length > 0;
  const logIn = () => {
    const pending = pendingFor(view, { request, clientKind, profileId, codeVerifier });
    if (!pending || !view.url) return;
    savePendingAuthorization(pending);
    window.location.assign(view.url);
  };

  return (
    <section className="authorize-page">
      <title>Authorize-URL builder · Token Workbench</title>
      <h1>Authorize-URL builder</h1>
      <p className="muted">
        Build, paste and lint an /authorize request, then run it: the pitfalls show up before anyone logs in, and the callback proves them.
      </p>
      <div className="grid-2">
        <BuilderForm
          view={view}
          profiles={profiles.data}
          profilesError={errorText(profiles.error)}
          discovery={{ fetching: discovery.isFetching, error: errorText(discovery.error), fetched: discovery.isSuccess, onFetch: () => void discovery.refetch() }}
        />
        <div>
          <section className="panel" aria-labelledby="url-heading">
            <h2 id="url-heading">URL</h2>
            <AuthorizeUrlBox url={view.url} />
            <div className="button-row">
              <button type="button" className="primary" aria-disabled={loginDisabled} aria-describedby={loginDisabled ? 'login-blocked' : undefined} onClick={loginDisabled ? undefined : logIn}>
                Log in
              </button>
              <button type="button" onClick={() => void initializeAuthorizeRequest(`${window.location.origin}/callback`, { startOver: true })}>
                Start over
              </button>
            </div>
            {loginDisabled ? (
              <p className="status danger" id="login-blocked">
                “Log in” is disabled: {reasons.join('; ')}.{blocking.length > 0 ? ' See the pitfalls below' : ''}
                {blocking.length > 0 && gate.unsendable.length === 0 ? ', or tick “Log in anyway” to see what the server does with this request.' : blocking.length > 0 ? '.' : ''}
              </p>
            ) : null}
            {gate.unsendable.length === 0 && gate.overridable.length > 0 ? (
              <label className="checkbox login-override">
                <input type="checkbox" checked={overridden} onChange={(event) => setOverriddenFor(event.target.checked ? overrideKey : null)} /> Log in anyway, to see what the server does
              </label>
            ) : null}
            <p className="field-hint">State, nonce and the PKCE verifier go to sessionStorage for the round trip only, and are deleted on return.</p>
            {clientKind === 'confidential' && !profileId ? (
              <p className="status warn">
                A confidential client: its code can only be exchanged here through a configured profile that holds the client secret. Pick one under Profile.
              </p>
            ) : null}
          </section>
          <PitfallsList pitfalls={view.pitfalls} onFix={(patch) => void actions.fixApplied(patch)} />
        </div>
      </div>
    </section>
  );
}
