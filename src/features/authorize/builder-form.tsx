import { useId } from 'react';
import type { ReactNode } from 'react';
import { PROMPT_VALUES, RESPONSE_MODES, RESPONSE_TYPES } from '../../lib/oauth/authorize-form';
import { getParam } from '../../lib/oauth/authorize-url';
import type { BuilderView } from '../../lib/oauth/builder-view';
import { PRESETS } from '../../lib/oauth/presets';
import type { ClientKind, PresetId } from '../../lib/oauth/presets';
import type { ProfileSummary } from '../../shared/api-contract';
import { FORM_POST_CALLBACK_PATH } from '../../shared/authorize-contract';
import {
  useAuthorizeActions, useAuthorizeRequest, useClientKind, useDomainInput, usePkce, usePresetId, useProfileId,
} from './authorize-store';
import { CustomParams } from './custom-params';

const ENDPOINT_SOURCE_TEXT = {
  discovery: 'from the discovery document',
  auth0: 'Auth0 convention, no discovery needed',
  guess: 'a guess: fetch discovery to confirm',
} as const;

interface BuilderFormProps {
  view: BuilderView;
  profiles: readonly ProfileSummary[] | undefined;
  profilesError: string | undefined;
  discovery: { fetching: boolean; error: string | undefined; fetched: boolean; onFetch: () => void };
}

/** A labelled control; its hint, when there is one, describes the control (aria-describedby), so `children` gets both ids. */
function Field({ label, hint, children }: { label: string; hint?: ReactNode; children: (id: string, hintId: string | undefined) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children(id, hint ? hintId : undefined)}
      {hint ? (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** A text field bound to one request parameter; clearing it removes the parameter. */
function ParamInput({ label, param, hint, type = 'text', after }: { label: string; param: string; hint?: ReactNode; type?: 'text' | 'number'; after?: ReactNode }) {
  const request = useAuthorizeRequest();
  const { paramChanged } = useAuthorizeActions();
  return (
    <Field label={label} hint={hint}>
      {(id, hintId) => (
        <div className="input-row">
          <input
            id={id}
            aria-describedby={hintId}
            type={type}
            min={type === 'number' ? 0 : undefined}
            value={getParam(request, param) ?? ''}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => paramChanged(param, event.target.value === '' ? undefined : event.target.value)}
          />
          {after}
        </div>
      )}
    </Field>
  );
}

/** A select bound to one request parameter; an unknown (pasted) value stays selectable. */
function ParamSelect({ label, param, options, unsetLabel }: { label: string; param: string; options: readonly string[]; unsetLabel?: string }) {
  const request = useAuthorizeRequest();
  const { paramChanged } = useAuthorizeActions();
  const value = getParam(request, param);
  const all = value !== undefined && !options.includes(value) ? [...options, value] : options;
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value ?? ''} onChange={(event) => paramChanged(param, event.target.value === '' ? undefined : event.target.value)}>
          {unsetLabel !== undefined ? <option value="">{unsetLabel}</option> : null}
          {all.map((option) => (
            <option key={option} value={option}>
              {option === '' ? '(empty)' : option}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The request form: presets, profile, server, and every parameter with the accessible names of the spec. */
export function BuilderForm({ view, profiles, profilesError, discovery }: BuilderFormProps) {
  const domainInput = useDomainInput();
  const presetId = usePresetId();
  const clientKind = useClientKind();
  const profileId = useProfileId();
  const request = useAuthorizeRequest();
  const pkce = usePkce();
  const pkceHintId = useId();
  const actions = useAuthorizeActions();
  const callbackUri = `${window.location.origin}/callback`;
  const formPostUri = `${window.location.origin}${FORM_POST_CALLBACK_PATH}`;
  const responseMode = getParam(request, 'response_mode');
  const redirectUri = getParam(request, 'redirect_uri');

  return (
    <form className="panel builder-form" aria-label="Authorization request" onSubmit={(event) => event.preventDefault()}>
      <h2>Request</h2>
      <div className="grid-fields">
        <Field label="Preset">
          {(id) => (
            <select id={id} value={presetId} onChange={(event) => actions.presetSelected(event.target.value as PresetId, callbackUri)}>
              {PRESETS.map((preset) => (
                <option key={preset.id} value={preset.id}>
                  {preset.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Profile" hint={profilesError ? `Profiles unavailable: ${profilesError}` : 'Fills in the issuer and client id of a configured server.'}>
          {(id, hintId) => (
            <select
              id={id}
              aria-describedby={hintId}
              value={profileId ?? ''}
              onChange={(event) => {
                const chosen = profiles?.find((candidate) => candidate.id === event.target.value);
                actions.profileSelected(
                  chosen && { id: chosen.id, issuer: chosen.issuer, clientId: chosen.client_id, clientKind: chosen.client_auth_method === 'none' ? 'public' : 'confidential' },
                );
              }}
            >
              <option value="">(none)</option>
              {profiles?.map((profile) => (
                <option key={profile.id} value={profile.id}>
                  {profile.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <Field
        label="Domain or issuer"
        hint={
          view.endpoints ? (
            <>
              Authorization endpoint <code>{view.endpoints.authorizationEndpoint}</code> ({ENDPOINT_SOURCE_TEXT[view.endpoints.source]})
            </>
          ) : (
            'tenant.auth0.com, https://tenant.eu.auth0.com/, a custom domain or any issuer URL'
          )
        }
      >
        {(id, hintId) => (
          <div className="input-row">
            <input id={id} aria-describedby={hintId} value={domainInput} spellCheck={false} autoComplete="off" placeholder="tenant.auth0.com" onChange={(event) => actions.domainChanged(event.target.value)} />
            <button type="button" onClick={discovery.onFetch} disabled={!view.resolved || discovery.fetching}>
              {discovery.fetching ? 'Fetching…' : 'Fetch discovery'}
            </button>
          </div>
        )}
      </Field>
      {discovery.error ? (
        <p className="status danger" role="alert">
          Discovery failed: {discovery.error}
        </p>
      ) : null}

      <div className="grid-fields">
        <ParamInput label="Client ID" param="client_id" />
        <Field label="Client type" hint="Public clients (SPAs, native apps) have no secret.">
          {(id, hintId) => (
            <select id={id} aria-describedby={hintId} value={clientKind} onChange={(event) => actions.clientKindChanged(event.target.value as ClientKind)}>
              <option value="public">Public (no secret)</option>
              <option value="confidential">Confidential (secret on a server)</option>
            </select>
          )}
        </Field>
        <ParamSelect label="Response type" param="response_type" options={RESPONSE_TYPES} unsetLabel="(not sent)" />
        <ParamSelect label="Response mode" param="response_mode" options={RESPONSE_MODES} unsetLabel="(default for the response type)" />
      </div>

      <ParamInput
        label="Redirect URI"
        param="redirect_uri"
        hint={
          responseMode === 'form_post' && redirectUri !== formPostUri ? (
            <>
              form_post responses are received by the companion server at <code>{FORM_POST_CALLBACK_PATH}</code>.{' '}
              <button type="button" className="small" onClick={() => actions.paramChanged('redirect_uri', formPostUri)}>
                Use the form_post receiver
              </button>
            </>
          ) : responseMode !== 'form_post' && redirectUri === formPostUri ? (
            <>
              This receiver only takes form_post.{' '}
              <button type="button" className="small" onClick={() => actions.paramChanged('redirect_uri', callbackUri)}>
                Use {callbackUri}
              </button>
            </>
          ) : undefined
        }
      />
      <ParamInput label="Scope" param="scope" hint="Space-separated." />
      <ParamInput label="Audience" param="audience" hint={view.knownApis.length > 0 ? `Known APIs: ${view.knownApis.map((api) => api.identifier).join(', ')}` : undefined} />

      <div className="grid-fields">
        <ParamInput label="State" param="state" after={<button type="button" onClick={actions.stateGenerated}>Generate state</button>} />
        <ParamInput label="Nonce" param="nonce" after={<button type="button" onClick={actions.nonceGenerated}>Generate nonce</button>} />
      </div>

      <div className="field">
        <label className="checkbox">
          <input type="checkbox" aria-describedby={pkceHintId} checked={getParam(request, 'code_challenge') !== undefined} onChange={(event) => void actions.pkceToggled(event.target.checked)} />{' '}
          PKCE
        </label>
        <span className="field-hint" id={pkceHintId}>
          {pkce.verifierUnknown
            ? 'The pasted URL has a code_challenge whose verifier is unknown here: uncheck and check PKCE to make a new pair before logging in.'
            : pkce.codeVerifier
              ? `S256. The verifier is generated here and kept in memory until the round trip (then sessionStorage, deleted on return).`
              : 'S256 with a generated verifier.'}
        </span>
      </div>

      <div className="grid-fields">
        <ParamSelect label="Prompt" param="prompt" options={PROMPT_VALUES} unsetLabel="(not sent)" />
        <ParamInput label="Max age" param="max_age" type="number" />
        <ParamInput label="Login hint" param="login_hint" />
        <ParamInput label="Organization" param="organization" />
        <ParamInput label="Invitation" param="invitation" />
        <ParamInput label="Connection" param="connection" />
      </div>

      <CustomParams />
    </form>
  );
}
