import { useEffect, useRef, useState } from 'react';
import { useProfiles } from '../../api/profiles-query';
import { decodeToken } from '../../lib/jwt/decode';
import { AssertionTools } from './assertion-tools';
import { useIntrospection } from './introspect-mutation';
import { useHint, useIntrospectActions, useProfileId, useToken } from './introspect-store';
import type { TokenTypeHint } from './introspect-store';
import { IntrospectionResult } from './introspection-result';
import { MintPanel } from './mint-panel';
import { ReissuePanel } from './reissue-panel';
import { useIntrospectionHandoff, useReissueHandoff, useReissueHandoffActions } from '../../state/reissue-handoff';
import { ErrorBox } from './error-explanation';
import { introspectedObservation } from '../../lib/lessons/observations';
import { lessonObserved } from '../../state/lesson-observations';
import { TokenActions } from './token-actions';
import './introspect.css';

const kindLabel = { jws: 'a JWT (it is also verified locally)', jwe: 'an encrypted JWT', opaque: 'an opaque token', malformed: 'a malformed JWT', empty: '' } as const;

export function Component() {
  const profiles = useProfiles();
  const token = useToken();
  const storedProfileId = useProfileId();
  const hint = useHint();
  const { tokenChanged, profileSelected, hintChanged, reissueOpened } = useIntrospectActions();
  const introspection = useIntrospection();
  const [now, setNow] = useState(() => Date.now() / 1000);
  const handoff = useReissueHandoff();
  const introspectionHandoff = useIntrospectionHandoff();
  const { handoffTaken, introspectionHandoffTaken } = useReissueHandoffActions();
  const list = profiles.data ?? [];
  // Default: the first profile that authenticates (a public client may not introspect).
  const profileId = list.some((p) => p.id === storedProfileId) ? storedProfileId : (list.find((p) => p.client_auth_method !== 'none') ?? list[0])?.id ?? '';
  const profile = list.find((p) => p.id === profileId);
  const tokenKind = decodeToken(token.trim()).kind;
  const tokenField = useRef<HTMLTextAreaElement>(null);
  // An answer belongs to the token and profile it was asked for: once either changes, it is stale and goes.
  const asked = introspection.variables;
  const current = asked !== undefined && asked.token === token.trim() && asked.profile === profileId;
  // Each Introspect starts afresh: the revocation or userinfo feedback of before goes (TokenActions is keyed by it).
  const [introspections, setIntrospections] = useState(0);

  // A token sent here by a "Re-issue" link goes into the Token box, in memory (never the URL), and the panel takes focus.
  useEffect(() => {
    if (!handoff) return;
    reissueOpened(handoff);
    handoffTaken();
  }, [handoff, reissueOpened, handoffTaken]);

  // "Introspect this token" (token editor, callback page) fills the Token box, in memory too.
  useEffect(() => {
    if (!introspectionHandoff) return;
    tokenChanged(introspectionHandoff);
    introspectionHandoffTaken();
  }, [introspectionHandoff, tokenChanged, introspectionHandoffTaken]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() / 1000), 30_000);
    return () => clearInterval(timer);
  }, []);

  return (
    <section className="introspect">
      <title>Introspection · Token Workbench</title>
      <h1>Introspection</h1>
      <p className="muted">
        Token introspection (RFC 7662) needs the caller to authenticate, which a browser cannot do safely. The companion server does it with the credentials of the
        profile you pick; this page only ever names the profile.
      </p>
      <form
        className="panel"
        onSubmit={(event) => {
          event.preventDefault();
          if (!token.trim() || !profileId) return;
          const at = Date.now() / 1000;
          setNow(at);
          setIntrospections((count) => count + 1);
          introspection.mutate(
            { profile: profileId, token: token.trim(), ...(hint ? { token_type_hint: hint } : {}), now: at },
            { onSuccess: (outcome) => lessonObserved(introspectedObservation(profileId, outcome.remote.ok ? outcome.remote.answer : null)) },
          );
        }}
      >
        <div className="field">
          <label htmlFor="introspect-token" className="field-label">
            Token
          </label>
          <textarea
            id="introspect-token"
            ref={tokenField}
            className="mono"
            rows={5}
            value={token}
            spellCheck={false}
            autoComplete="off"
            aria-describedby="introspect-token-kind"
            onChange={(e) => tokenChanged(e.target.value)}
            placeholder="An access token, refresh token or app-specific password"
          />
          <span id="introspect-token-kind" className="field-hint">
            {tokenKind !== 'empty' ? `This looks like ${kindLabel[tokenKind]}.` : ''}
          </span>
        </div>
        <div className="grid-2">
          <div className="field">
            <label htmlFor="introspect-profile" className="field-label">
              Profile
            </label>
            <select id="introspect-profile" value={profileId} onChange={(e) => profileSelected(e.target.value)} disabled={list.length === 0} aria-describedby="introspect-profile-info">
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label.includes(p.client_auth_method) ? p.label : `${p.label} (${p.client_auth_method})`}
                </option>
              ))}
            </select>
            <span id="introspect-profile-info" className="field-hint">
              {profile ? `Issuer ${profile.issuer}, client ${profile.client_id}` : ''}
            </span>
          </div>
          <label className="field">
            <span>Token type hint</span>
            <select value={hint} onChange={(e) => hintChanged(e.target.value as TokenTypeHint)}>
              <option value="">None</option>
              <option value="access_token">access_token</option>
              <option value="refresh_token">refresh_token</option>
            </select>
          </label>
        </div>
        {profiles.isError ? <ErrorBox error={profiles.error} /> : null}
        {profiles.isSuccess && list.length === 0 ? <p className="status warn">No profiles are configured: add one to workbench.config.json, or start the demo authorization server.</p> : null}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={!token.trim() || !profileId || introspection.isPending}>
            Introspect
          </button>
        </div>
      </form>
      <IntrospectionResult outcome={current ? introspection.data : undefined} pending={current && introspection.isPending} now={now} />
      {/* Keyed by token and profile: a revocation or userinfo answer never shows next to another token. */}
      <TokenActions key={`${profileId}\n${token}\n${introspections}`} token={token} profileId={profileId} hint={hint} onRevokeStarted={introspection.reset} />
      {list.length > 0 ? <ReissuePanel key={token.trim()} token={token} profiles={list} /> : null}
      {list.length > 0 ? (
        <MintPanel
          profiles={list}
          onTokenUsed={() => {
            // Back to the Token box, which now holds the minted token: the page must not stay scrolled down at the mint panel.
            tokenField.current?.scrollIntoView({ block: 'center' });
            tokenField.current?.focus({ preventScroll: true });
          }}
        />
      ) : null}
      <AssertionTools profile={profile} />
    </section>
  );
}
