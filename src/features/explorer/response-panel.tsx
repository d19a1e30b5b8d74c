import { useId } from 'react';
import type { ReactNode } from 'react';
import { companionAccessProblem, CompanionError } from '../../api/companion-client';
import { bodyFields } from '../../lib/catalog/scope-reach';
import type { ApiDefinition } from '../../lib/catalog/api-model';
import { explainResponse } from '../../lib/explorer/explain-response';
import type { ResponseDiagnosis } from '../../lib/explorer/explain-response';
import { describeRateLimit, readRateLimit } from '../../lib/explorer/rate-limit';
import type { CallOutcome } from './call-mutation';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

const statusTone = (status: number) => (status < 300 ? 'ok' : status < 500 ? 'danger' : 'warn');

/** The body as text, pretty-printed when it is JSON: never rendered as HTML. */
function bodyText(body: unknown): string {
  if (body === null || body === undefined) return '(empty body)';
  return typeof body === 'string' ? body : JSON.stringify(body, null, 2);
}

interface ResponsePanelProps {
  outcome: CallOutcome | undefined;
  /** The API model the call was explained against. */
  api: ApiDefinition | null;
  error: unknown;
  pending: boolean;
  /** Re-sends the same request with a token minted with `scope`; absent when no profile can mint. */
  onMintRetry: ((scope: string) => void) | undefined;
  children?: ReactNode;
}

/** The region named "Response": status line, elapsed time, headers (rate limit in words), the body, and why a refusal happened. */
export function ResponsePanel({ outcome, api, error, pending, onMintRetry, children }: ResponsePanelProps) {
  const id = useId();
  return (
    <section className="panel explorer-response" role="region" aria-labelledby={`${id}-h`} aria-busy={pending}>
      <h2 id={`${id}-h`}>Response</h2>
      {pending ? <p role="status">Sending…</p> : null}
      {!pending && error ? <CallError error={error} /> : null}
      {!pending && !error && !outcome ? <p className="muted">Fill in the request, choose how to authorize it, and press Send request.</p> : null}
      {!pending && !error && outcome && api ? <Answer outcome={outcome} api={api} onMintRetry={onMintRetry} /> : null}
      {!pending && !error && outcome ? children : null}
    </section>
  );
}

function CallError({ error }: { error: unknown }) {
  const access = companionAccessProblem(error);
  const code = error instanceof CompanionError ? error.code : 'unknown';
  const title = access?.title ?? 'The companion server did not make the call';
  const detail = access?.detail ?? (error instanceof Error ? error.message : 'Unknown error');
  return (
    <div className="status danger explorer-call-error" role="alert" data-code={code}>
      <strong>{title}</strong> <code className="mono">{code}</code>
      <p>{detail}</p>
    </div>
  );
}

function Answer({ outcome, api, onMintRetry }: { outcome: CallOutcome; api: ApiDefinition; onMintRetry: ResponsePanelProps['onMintRetry'] }) {
  const { response, sent } = outcome;
  const now = new Date();
  const rate = readRateLimit(response.headers, now);
  const diagnosis = explainResponse({ status: response.status, headers: response.headers, body: response.body }, { api, operation: sent.operation, facts: sent.facts, now, bodyFields: bodyFields(sent.draft.bodyText), ...('pathParams' in sent.draft ? { params: sent.draft.pathParams } : {}) });
  const headers = Object.entries(response.headers).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <p className={`status ${statusTone(response.status)} explorer-status-line`} data-status={response.status}>
        <strong>
          {response.status} {STATUS_TEXT[response.status] ?? ''}
        </strong>
        <span>in {Math.round(response.meta.elapsedMs)} ms</span>
      </p>
      <p className="muted explorer-meta">
        {sent.request.method} <span className="mono">{response.meta.url}</span>, with {sent.authorizedWith}.
      </p>
      {diagnosis ? <Diagnosis diagnosis={diagnosis} onMintRetry={onMintRetry} /> : null}
      {rate ? <p className="explorer-rate">Rate limit: {describeRateLimit(rate, now)}</p> : null}
      <h3>Body</h3>
      <pre className="mono explorer-body" aria-label="Response body">
        {bodyText(response.body)}
      </pre>
      <details className="explorer-headers">
        <summary>Headers ({headers.length})</summary>
        <dl>
          {headers.map(([name, value]) => (
            <div key={name}>
              <dt className="mono">{name}</dt>
              <dd className="mono">{value}</dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  );
}

/** The plain explanation of a 400, 401, 403, 429 or 501, with the fix, and the one-click mint-and-retry when a profile can. */
export function Diagnosis({ diagnosis, onMintRetry }: { diagnosis: ResponseDiagnosis; onMintRetry: ResponsePanelProps['onMintRetry'] }) {
  const id = useId();
  const { mintScope } = diagnosis;
  return (
    <section className={`explorer-diagnosis status ${diagnosis.code === 'NOT_EMULATED' ? 'warn' : 'danger'}`} aria-labelledby={`${id}-h`} data-code={diagnosis.code}>
      <h3 id={`${id}-h`}>Why</h3>
      <p>
        <strong>{diagnosis.title}</strong>
      </p>
      <p>Fix: {diagnosis.fix}</p>
      {diagnosis.upstreamMessage ? (
        <p className="muted">
          The API said: <q className="mono">{diagnosis.upstreamMessage}</q>
        </p>
      ) : null}
      {diagnosis.expectedScopes.length > 0 ? (
        <p>
          Accepted scopes: <span className="mono">{diagnosis.expectedScopes.join(', ')}</span>
        </p>
      ) : null}
      {diagnosis.userScopes.length > 0 && diagnosis.userScopes.length < diagnosis.expectedScopes.length ? (
        <p>
          On a user token: <span className="mono">{diagnosis.userScopes.join(', ')}</span> (own user only).
        </p>
      ) : null}
      {diagnosis.usedTokenFacts ? <p className="muted">Read from the token without verifying it: its claims are unverified.</p> : null}
      {mintScope !== null && onMintRetry ? (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => onMintRetry(mintScope)}>
            Mint a token with these scopes and retry
          </button>
          <span className="muted mono">{mintScope}</span>
        </div>
      ) : null}
    </section>
  );
}
