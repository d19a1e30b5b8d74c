import { useState } from 'react';
import { Link } from 'react-router';
import { humanizeDuration } from '../../lib/jwt/time';
import type { ProfileSummary } from '../../shared/api-contract';
import { useTabTokenActions } from '../../state/tab-tokens';
import { useReissueHandoffActions } from '../../state/reissue-handoff';
import { lessonObserved } from '../../state/lesson-observations';
import { splitScope } from '../../lib/oauth/scope';
import { useClientCredentials } from './client-credentials-mutation';
import { ErrorBox } from './error-explanation';
import { useIntrospectActions } from './introspect-store';
import { UpstreamMetaLine } from './introspection-result';
import { ProfileOptions } from './profile-options';

const NO_AUDIENCE = '';

/** "Get a client-credentials token": profile, audience and a subset of its scopes, minted by the companion server. */
export function MintPanel({ profiles, onTokenUsed }: { profiles: ProfileSummary[]; onTokenUsed?: () => void }) {
  const machineProfiles = profiles.filter((p) => p.client_auth_method !== 'none');
  const [profileId, setProfileId] = useState('');
  const profile = machineProfiles.find((p) => p.id === profileId) ?? machineProfiles[0];
  const [audience, setAudience] = useState<string | undefined>(undefined);
  const chosenAudience = audience ?? profile?.default_audience ?? NO_AUDIENCE;
  const [scopes, setScopes] = useState<string[]>([]);
  const mint = useClientCredentials();
  const { mintedTokenUsed, reissueOpened } = useIntrospectActions();
  const { editorRequested } = useReissueHandoffActions();
  const { tokenObtained } = useTabTokenActions();
  const api = profile?.apis.find((a) => a.identifier === chosenAudience);
  const audiences = [...new Set([...(profile?.default_audience ? [profile.default_audience] : []), ...(profile?.apis.map((a) => a.identifier) ?? [])])];

  if (!profile) return null;
  const minted = mint.data;
  return (
    <section className="panel" aria-labelledby="mint-title">
      <h2 id="mint-title">Get a client-credentials token</h2>
      <p className="muted">The companion server asks the authorization server with the profile’s own credentials, and keeps the answer until 60 s before it expires (as Auth0 recommends for machine clients).</p>
      <div className="grid-2">
        <label className="field">
          <span>Client profile</span>
          <select
            value={profile.id}
            onChange={(e) => {
              setProfileId(e.target.value);
              setAudience(undefined);
              setScopes([]);
            }}
          >
            <ProfileOptions profiles={machineProfiles} />
          </select>
        </label>
        <label className="field">
          <span>Audience</span>
          <select
            value={chosenAudience}
            onChange={(e) => {
              setAudience(e.target.value);
              setScopes([]);
            }}
          >
            <option value={NO_AUDIENCE}>No audience (opaque access token)</option>
            {audiences.map((identifier) => (
              <option key={identifier} value={identifier}>
                {identifier}
              </option>
            ))}
          </select>
        </label>
      </div>
      {api && api.scopes.length > 0 ? (
        <fieldset className="mint-scopes">
          <legend>Scopes (none ticked: every scope the client was granted)</legend>
          <div className="mint-scope-list">
            {api.scopes.map((scope) => (
              <label key={scope} className="mint-scope">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(e) => setScopes((current) => (e.target.checked ? [...current, scope] : current.filter((s) => s !== scope)))}
                />{' '}
                <span className="mono">{scope}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button primary"
          disabled={mint.isPending}
          onClick={() =>
            mint.mutate(
              { profile: profile.id, ...(chosenAudience ? { audience: chosenAudience } : {}), ...(scopes.length ? { scope: scopes.join(' ') } : {}) },
              // The explorer offers the tokens obtained in this tab (in memory only).
              {
                onSuccess: (answer) => {
                  tokenObtained({ token: answer.access_token, source: 'mint', label: `Minted by ${profile.label} for ${chosenAudience || 'no audience'}` });
                  lessonObserved({ kind: 'token-minted', profile: profile.id, audience: chosenAudience || null, scopes: splitScope(answer.scope), expiresIn: answer.expires_in ?? null });
                },
              },
            )
          }
        >
          Get token
        </button>
      </div>
      {mint.isError ? <ErrorBox error={mint.error} /> : null}
      {/* Only this sentence is announced: the region stays in the page, and never holds the token itself. */}
      <p role="status" className="mint-status">
        {minted ? (
          <>
            {minted.meta.cached ? 'From the companion server’s cache' : 'Fresh from the authorization server'}
            {minted.expires_in ? `, expires in ${humanizeDuration(minted.expires_in - (minted.meta.cached ? Math.round((Date.now() - minted.meta.obtainedAt) / 1000) : 0))}` : ''}
            {minted.scope ? `; scope: ${minted.scope}` : '; no scope'}.
          </>
        ) : null}
      </p>
      {minted ? (
        <div className="mint-result">
          <label className="field">
            <span>Minted token</span>
            <textarea className="mono" readOnly rows={4} value={minted.access_token} />
          </label>
          <UpstreamMetaLine meta={minted.meta} what="Token request" />
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => {
                mintedTokenUsed(minted.access_token);
                onTokenUsed?.();
              }}
            >
              Use this token
            </button>
            <Link className="button" to="/debugger" onClick={() => editorRequested(minted.access_token)}>
              Open in token editor
            </Link>
            <button
              type="button"
              className="button"
              onClick={() => reissueOpened(minted.access_token)}
            >
              Re-issue
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
