import { ErrorBox } from './error-explanation';
import { UpstreamMetaLine } from './introspection-result';
import { useRevoke } from './revoke-mutation';
import { useUserinfo } from './userinfo-mutation';

/** "Revoke" (RFC 7009) and "Userinfo" (OIDC Core §5.3) on the token in the Token box, with the chosen profile. */
export function TokenActions({ token, profileId, hint }: { token: string; profileId: string; hint: '' | 'access_token' | 'refresh_token' }) {
  const revoke = useRevoke();
  const userinfo = useUserinfo();
  const ready = token.trim() !== '' && profileId !== '';
  const userinfoClaims = userinfo.data ? (({ meta: _meta, ...claims }) => claims)(userinfo.data) : undefined;
  return (
    <section className="panel" aria-labelledby="token-actions-title">
      <h2 id="token-actions-title">Revoke or ask for the user</h2>
      <div className="button-row">
        <button type="button" className="button" disabled={!ready || revoke.isPending} onClick={() => revoke.mutate({ profile: profileId, token: token.trim(), ...(hint ? { token_type_hint: hint } : {}) })}>
          Revoke
        </button>
        <button type="button" className="button" disabled={!ready || userinfo.isPending} onClick={() => userinfo.mutate({ profile: profileId, access_token: token.trim() })}>
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
      {userinfo.isError ? <ErrorBox error={userinfo.error} /> : null}
      {userinfo.data ? (
        <div role="status">
          <UpstreamMetaLine meta={userinfo.data.meta} what="Userinfo" />
          <pre className="mono introspect-raw" aria-label="Userinfo claims">{JSON.stringify(userinfoClaims, null, 2)}</pre>
        </div>
      ) : null}
    </section>
  );
}
