import { CompanionError } from '../../api/companion-client';
import { decodeToken } from '../../lib/jwt/decode';
import { noUserEvidence } from '../../lib/oauth/token-user';
import { ErrorBox } from './error-explanation';
import { UpstreamMetaLine } from './introspection-result';
import { useRevoke } from './revoke-mutation';
import { useUserinfo } from './userinfo-mutation';

/** /userinfo answered 401: when the token shows it stands for no user, say that, rather than only "invalid token". */
function UserinfoRefusal({ error, token }: { error: unknown; token: string }) {
  if (!(error instanceof CompanionError) || error.upstream?.status !== 401) return <ErrorBox error={error} />;
  const decoded = decodeToken(token.trim());
  const evidence = noUserEvidence(decoded.kind === 'jws' ? decoded.claims : undefined);
  return (
    <div className="status introspect-info" data-code={evidence ? 'no_user' : error.upstream.error}>
      <p>
        <strong>{evidence ? 'This token has no user' : '/userinfo does not accept this token'}</strong> <code className="mono">{error.upstream.error}</code>{' '}
        <span className="muted">(HTTP 401)</span>
      </p>
      <p>
        {evidence
          ? `It is a client-credentials token (${evidence.join('; ')}): an application got it for itself, so there is no user for /userinfo to describe, and the server answers 401.`
          : 'Either it stands for no user (a client-credentials token, like the ones minted below), or it expired, was revoked, or came from another server. Introspect it to tell which.'}{' '}
        /userinfo takes the access token of a user login: get one from the Authorize-URL builder.
      </p>
    </div>
  );
}

/** "Revoke" (RFC 7009) and "Userinfo" (OIDC Core §5.3) on the token in the Token box, with the chosen profile. */
export function TokenActions({ token, profileId, hint, onRevokeStarted }: { token: string; profileId: string; hint: '' | 'access_token' | 'refresh_token'; onRevokeStarted?: () => void }) {
  const revoke = useRevoke();
  const userinfo = useUserinfo();
  // A new action clears the feedback of the previous one, so no old alert stands beside a new answer.
  const startRevoke = () => {
    userinfo.reset();
    // A revocation makes the last introspection answer stale.
    onRevokeStarted?.();
    revoke.mutate({ profile: profileId, token: token.trim(), ...(hint ? { token_type_hint: hint } : {}) });
  };
  const startUserinfo = () => {
    revoke.reset();
    userinfo.mutate({ profile: profileId, access_token: token.trim() });
  };
  const ready = token.trim() !== '' && profileId !== '';
  const userinfoClaims = userinfo.data ? (({ meta: _meta, ...claims }) => claims)(userinfo.data) : undefined;
  return (
    <section className="panel" aria-labelledby="token-actions-title">
      <h2 id="token-actions-title">Revoke or ask for the user</h2>
      <div className="button-row">
        <button type="button" className="button" disabled={!ready || revoke.isPending} onClick={startRevoke}>
          Revoke
        </button>
        <button type="button" className="button" disabled={!ready || userinfo.isPending} onClick={startUserinfo}>
          Userinfo
        </button>
      </div>
      {revoke.isError ? <ErrorBox error={revoke.error} /> : null}
      {revoke.data ? (
        <div role="status">
          <p className="status ok">Revoked. The server answered 200, which RFC 7009 also gives for a token that was already invalid. Introspect again to see it inactive.</p>
          <UpstreamMetaLine meta={revoke.data.meta} what="Revocation" />
        </div>
      ) : null}
      {userinfo.isError ? <UserinfoRefusal error={userinfo.error} token={token} /> : null}
      {userinfo.data ? (
        <div role="status">
          <UpstreamMetaLine meta={userinfo.data.meta} what="Userinfo" />
          <pre className="mono introspect-raw" aria-label="Userinfo claims">{JSON.stringify(userinfoClaims, null, 2)}</pre>
        </div>
      ) : null}
    </section>
  );
}
