import { Link, useNavigate } from 'react-router';
import { decodeToken } from '../../lib/jwt/decode';
import { useReissueHandoffActions } from '../../state/reissue-handoff';

interface TokenCardProps {
  label: string;
  token: string;
}

/** One token, as text, with its unverified claims when it is a JWT, and a way into the token editor. */
function TokenCard({ label, token }: TokenCardProps) {
  const decoded = decodeToken(token);
  const isJwt = decoded.kind === 'jws' || decoded.kind === 'jwe';
  const headingId = `token-${label.toLowerCase().replace(/\s+/g, '-')}`;
  const navigate = useNavigate();
  const { reissueRequested, introspectionRequested, editorRequested } = useReissueHandoffActions();
  return (
    <section className="token-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {label} <span className={`badge ${isJwt ? 'info' : 'warn'}`}>{decoded.kind === 'jws' ? 'JWT' : decoded.kind === 'jwe' ? 'JWE' : 'Opaque'}</span>
      </h3>
      <textarea className="mono" readOnly rows={3} value={token} aria-label={label} spellCheck={false} />
      {decoded.kind === 'opaque' ? (
        <p className="muted">Opaque: not a JWT, so no API can read it locally. Only the authorization server can (introspection or /userinfo).</p>
      ) : null}
      {decoded.kind === 'jws' && decoded.claims ? (
        <>
          <p className="field-label">
            Claims <span className="badge warn">unverified</span>
          </p>
          <pre aria-label={`${label} claims`}>{JSON.stringify(decoded.claims, null, 2)}</pre>
        </>
      ) : null}
      <div className="button-row">
        {/* In memory, never in the URL: a URL carries a token only as a share link the user asks for. */}
        <Link className="button" to="/debugger" onClick={() => editorRequested(token)}>
          Open in token editor
        </Link>
      {decoded.kind === 'jws' && label === 'Access token' ? (
        // The token travels to /introspect in memory, never in the URL.
        <button
          type="button"
          className="button"
          onClick={() => {
            reissueRequested(token);
            void navigate('/introspect');
          }}
        >
          Re-issue
        </button>
      ) : null}
      {decoded.kind === 'opaque' && label === 'Access token' ? (
        // Only its issuer can read it: the token goes to /introspect in memory, never in the URL.
        <button
          type="button"
          className="button"
          onClick={() => {
            introspectionRequested(token);
            void navigate('/introspect');
          }}
        >
          Introspect this token
        </button>
      ) : null}
      </div>
    </section>
  );
}

export interface TokenSet {
  readonly accessToken?: string | undefined;
  readonly idToken?: string | undefined;
  readonly refreshToken?: string | undefined;
}

/** The tokens of a completed flow. */
export function TokenResults({ tokens }: { tokens: TokenSet }) {
  return (
    <section className="panel" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Tokens</h2>
      {tokens.accessToken ? <TokenCard label="Access token" token={tokens.accessToken} /> : null}
      {tokens.idToken ? <TokenCard label="ID token" token={tokens.idToken} /> : null}
      {tokens.refreshToken ? <TokenCard label="Refresh token" token={tokens.refreshToken} /> : null}
    </section>
  );
}
