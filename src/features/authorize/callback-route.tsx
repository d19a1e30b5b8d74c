import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { CompanionError, companionAccessProblem } from '../../api/companion-client';
import { CopyButton } from '../../components/ui/copy-button';
import { decodeToken } from '../../lib/jwt/decode';
import type { PendingAuthorization } from '../../lib/oauth/callback';
import { OAuthFlowError } from '../../lib/oauth/oauth-error';
import { diffScopes } from '../../lib/oauth/scope-diff';
import { MANAGEMENT_API_SCOPES, MANAGEMENT_USER_CONTEXT_SCOPES } from '../../lib/oauth/management-api';
import type { TokenResponseBody } from '../../shared/authorize-contract';
import { useTabTokenActions } from '../../state/tab-tokens';
import { useLessonObservation } from '../../state/lesson-observations';
import { consumeCallback } from './callback-session';
import type { CallbackOutcome } from './callback-session';
import { MissingProfileError, useCodeExchange } from './code-exchange-mutation';
import { ScopeDiffTable } from './scope-diff-table';
import { TokenResults } from './token-results';
import type { TokenSet } from './token-results';
import './authorize.css';

const SOURCE_TEXT = { query: 'the query string', fragment: 'the URL fragment', form_post: 'form_post (handed over by the companion server)' } as const;

const REFUSAL_TITLE: Partial<Record<OAuthFlowError['code'], string>> = {
  ERR_STATE_MISMATCH: 'Refused: the state does not match',
  ERR_NONCE_MISMATCH: 'Refused: the nonce does not match',
  ERR_NO_PENDING_REQUEST: 'Refused: no login is pending in this tab',
  ERR_INVALID_CALLBACK: 'Refused: the response is invalid',
};

function ErrorPanel({ title, code, error, description }: { title: string; code: string; error?: string | undefined; description: string }) {
  return (
    <section className="panel callback-error" role="alert" aria-labelledby="callback-error-heading">
      <h2 id="callback-error-heading">{title}</h2>
      <dl className="error-fields">
        {error ? (
          <>
            <dt>error</dt>
            <dd>
              <code>{error}</code>
            </dd>
          </>
        ) : null}
        <dt>{error ? 'error_description' : 'Reason'}</dt>
        <dd>{description}</dd>
        <dt>Code</dt>
        <dd>
          <code>{code}</code>
        </dd>
      </dl>
    </section>
  );
}

function RefusedPanel({ error }: { error: OAuthFlowError }) {
  useLessonObservation({ kind: 'authorization-refused', error: error.error ?? error.code, description: error.errorDescription ?? error.message });
  if (error.code === 'ERR_AUTHORIZATION_ERROR') {
    return <ErrorPanel title="The authorization server returned an error" code={error.code} error={error.error} description={error.errorDescription ?? '(no error_description)'} />;
  }
  return <ErrorPanel title={REFUSAL_TITLE[error.code] ?? 'Refused'} code={error.code} description={error.message} />;
}

function ExchangeErrorPanel({ error }: { error: unknown }) {
  const access = companionAccessProblem(error);
  if (access) return <ErrorPanel title={access.title} code={access.code} description={access.detail} />;
  if (error instanceof CompanionError) {
    return <ErrorPanel title="The code exchange failed" code={error.code} error={error.upstream?.error} description={error.upstream?.error_description ?? error.message} />;
  }
  if (error instanceof MissingProfileError) return <ErrorPanel title="The code exchange failed" code={error.code} description={error.message} />;
  if (error instanceof OAuthFlowError) {
    return <ErrorPanel title="The code exchange failed" code={error.code} error={error.error} description={error.errorDescription ?? error.message} />;
  }
  return <ErrorPanel title="The code exchange failed" code="unknown" description={error instanceof Error ? error.message : 'Unknown error'} />;
}

/** The token endpoint's answer as it came (tokens included: they are the user's own, and live in this page's memory only). */
function RawResponse({ response }: { response: TokenResponseBody }) {
  const json = JSON.stringify(response, null, 2);
  const tokens = (['access_token', 'id_token', 'refresh_token'] as const).filter((name) => response[name]);
  return (
    <section className="panel" aria-labelledby="raw-response-heading">
      <h2 id="raw-response-heading">Token response</h2>
      <p className="muted">As the token endpoint sent it. It stays in this page’s memory only: never stored, gone on reload.</p>
      <pre className="mono raw-response" aria-label="Token response JSON">
        {json}
      </pre>
      <div className="button-row">
        <CopyButton text={json} label="Copy response JSON" />
        {tokens.map((name) => (
          <CopyButton key={name} text={response[name] ?? ''} label={`Copy ${name}`} />
        ))}
      </div>
    </section>
  );
}

function Outcome({ tokens, scope, pending }: { tokens: TokenSet; scope: string | undefined; pending: PendingAuthorization }) {
  const { tokenObtained } = useTabTokenActions();
  const { accessToken, idToken } = tokens;
  // The explorer offers the tokens obtained in this tab (in memory only).
  useEffect(() => {
    const client = pending.clientId;
    if (accessToken) tokenObtained({ token: accessToken, source: 'authorize', label: `Access token from the authorize flow (${client}${pending.audience ? `, ${pending.audience}` : ''})` });
    if (idToken) tokenObtained({ token: idToken, source: 'authorize', label: `ID token from the authorize flow (${client})` });
  }, [accessToken, idToken, pending.clientId, pending.audience, tokenObtained]);
  const decoded = tokens.accessToken ? decodeToken(tokens.accessToken) : undefined;
  const decodedId = tokens.idToken ? decodeToken(tokens.idToken) : undefined;
  const diff = diffScopes({
    requestedScope: pending.requestedScope,
    audience: pending.audience,
    responseScope: scope,
    accessTokenClaims: decoded?.kind === 'jws' ? decoded.claims : undefined,
    managementApiIdentifier: pending.managementApiIdentifier,
    userContextScopes: MANAGEMENT_USER_CONTEXT_SCOPES,
    apiScopes: pending.apiScopes ?? (pending.audience !== undefined && pending.audience === pending.managementApiIdentifier ? MANAGEMENT_API_SCOPES : undefined),
    idTokenClaims: decodedId?.kind === 'jws' ? (decodedId.claims ?? {}) : undefined,
    refreshTokenIssued: tokens.refreshToken !== undefined,
  });
  useLessonObservation({ kind: 'signed-in', clientId: pending.clientId, audience: pending.audience ?? null, accessTokenOpaque: diff.accessTokenOpaque, granted: diff.rows.filter((r) => r.status !== 'dropped').map((r) => r.scope), dropped: [...diff.dropped] });
  return (
    <>
      <TokenResults tokens={tokens} />
      <ScopeDiffTable diff={diff} />
    </>
  );
}

function CodeExchange({ outcome }: { outcome: Extract<CallbackOutcome, { kind: 'accepted' }> }) {
  const exchange = useCodeExchange();
  const { pending, result } = outcome;
  const code = result.code;
  if (!code) return null;
  return (
    <>
      <section className="panel" aria-labelledby="code-heading">
        <h2 id="code-heading">Authorization code</h2>
        <p>
          {pending.clientKind === 'public'
            ? 'A public client: the browser redeems the code with the PKCE verifier.'
            : 'A confidential client: the companion server redeems the code with the secret of the configured profile.'}{' '}
          A code works once.
        </p>
        <button type="button" className="primary" disabled={exchange.isPending || exchange.isSuccess} onClick={() => exchange.mutate({ pending, code, iss: result.iss })}>
          {exchange.isPending ? 'Exchanging…' : exchange.isSuccess ? 'Code exchanged' : 'Exchange code'}
        </button>
      </section>
      {exchange.isError ? <ExchangeErrorPanel error={exchange.error} /> : null}
      {exchange.data ? <RawResponse response={exchange.data} /> : null}
      {exchange.data ? (
        <Outcome
          pending={pending}
          scope={exchange.data.scope}
          tokens={{ accessToken: exchange.data.access_token, idToken: exchange.data.id_token ?? result.idToken, refreshToken: exchange.data.refresh_token }}
        />
      ) : null}
    </>
  );
}

/** After a reload: the tokens lived in memory only, and the code was single-use, so the way on is a new login. */
function LostTokens() {
  return (
    <section className="panel lost-tokens" aria-labelledby="lost-heading">
      <h2 id="lost-heading">The tokens of this login are gone</h2>
      <p>
        This page was reloaded (or reopened). Token Workbench keeps tokens in the page’s memory only, never in storage, so a reload clears them. The authorization code
        worked once and cannot be exchanged again.
      </p>
      <p>
        <Link className="button primary" to="/authorize">
          Start a new login
        </Link>
      </p>
    </section>
  );
}

export function Component() {
  const [outcome] = useState(() => consumeCallback(window.location.href));
  return (
    <section className="callback-page">
      <title>Callback · Token Workbench</title>
      <h1>Callback</h1>
      {outcome.kind === 'empty' ? <p className="muted">No authorization response here. Start a login from the Authorize-URL builder.</p> : null}
      {outcome.kind === 'lost' ? <LostTokens /> : null}
      {(outcome.kind === 'accepted' || outcome.kind === 'refused') && outcome.source ? <p className="muted">The response came in {SOURCE_TEXT[outcome.source]}.</p> : null}
      {outcome.kind === 'refused' ? <RefusedPanel error={outcome.error} /> : null}
      {outcome.kind === 'accepted' ? (
        <>
          <p className="status ok">State checked{outcome.result.idToken ? ', nonce checked' : ''}: this response answers the request made from this tab.</p>
          {outcome.result.code ? <CodeExchange outcome={outcome} /> : null}
          {!outcome.result.code && (outcome.result.accessToken || outcome.result.idToken) ? (
            <Outcome pending={outcome.pending} scope={outcome.result.scope} tokens={{ accessToken: outcome.result.accessToken, idToken: outcome.result.idToken }} />
          ) : null}
        </>
      ) : null}
      <p>
        <Link to="/authorize">Back to the Authorize-URL builder</Link>
      </p>
    </section>
  );
}
