import { CompanionError, companionAccessProblem } from '../../api/companion-client';

export interface Explanation {
  title: string;
  detail: string;
  code: string;
}

/** What went wrong, in words, chosen by the error's stable code (never by its message text). */
export function explainError(error: unknown): Explanation {
  if (!(error instanceof CompanionError)) return { code: 'unknown', title: 'Something went wrong', detail: error instanceof Error ? error.message : 'Unknown error' };
  const access = companionAccessProblem(error);
  if (access) return access;
  const { code, message, upstream } = error;
  switch (code) {
    case 'upstream_unreachable':
      return { code, title: 'Authorization server unreachable', detail: `The companion server could not connect to this profile's authorization server: it may be stopped, or the issuer's host or port may be wrong. (${message})` };
    case 'upstream_timeout':
      return { code, title: 'Authorization server timed out', detail: `The authorization server did not answer in time. (${message})` };
    case 'upstream_endpoint_refused':
      return { code, title: 'Endpoint refused', detail: `The discovery document names an endpoint on another origin than the issuer's, so the companion server will not call it. (${message})` };
    case 'upstream_error':
      if (upstream?.error === 'unsupported_token_type') {
        return {
          code,
          title: 'This server does not introspect JWTs',
          detail:
            'The authorization server refused with unsupported_token_type: some servers (oidc-provider among them) do not introspect structured JWT access tokens, since a resource server can verify them itself. Auth0 and others do introspect them. The local verification against the issuer’s JWKS, beside this note, is the check to rely on.',
        };
      }
      if (upstream) {
        return { code, title: `The authorization server answered ${upstream.error}`, detail: `${upstream.error_description ?? 'No description.'} (HTTP ${upstream.status})` };
      }
      return { code, title: 'The authorization server sent an unusable answer', detail: message };
    case 'unknown_profile':
      return { code, title: 'Unknown profile', detail: message };
    case 'invalid_request':
      return { code, title: 'The request is incomplete', detail: message };
    default:
      return { code, title: 'The request failed', detail: message };
  }
}

export function ErrorBox({ error }: { error: unknown }) {
  const { code, title, detail } = explainError(error);
  return (
    <div className="status danger introspect-error" role="alert" data-code={code}>
      <strong>{title}</strong> <code className="mono">{code}</code>
      <p>{detail}</p>
    </div>
  );
}
