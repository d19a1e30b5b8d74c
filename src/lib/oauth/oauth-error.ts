/** Stable codes for every failure of the authorize builder and the callback; the UI switches on these. */
export type OAuthErrorCode =
  | 'invalid-authorize-url'
  | 'invalid-domain'
  | 'discovery-failed'
  | 'no-pending-request'
  | 'state-mismatch'
  | 'nonce-mismatch'
  | 'authorization-error'
  | 'invalid-callback'
  | 'token-error'
  | 'token-response-invalid';

/** An error with a stable string `code`, plus the OAuth `error` / `error_description` when the AS sent them. */
export class OAuthFlowError extends Error {
  readonly code: OAuthErrorCode;
  readonly error: string | undefined;
  readonly errorDescription: string | undefined;

  constructor(code: OAuthErrorCode, message: string, options?: { error?: string; errorDescription?: string; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'OAuthFlowError';
    this.code = code;
    this.error = options?.error;
    this.errorDescription = options?.errorDescription;
  }
}
