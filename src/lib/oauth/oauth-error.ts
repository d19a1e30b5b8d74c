/** Stable codes for every failure of the authorize builder and the callback; the UI switches on these. */
export type OAuthErrorCode =
  | 'ERR_INVALID_AUTHORIZE_URL'
  | 'ERR_DISCOVERY_FAILED'
  | 'ERR_NO_PENDING_REQUEST'
  | 'ERR_STATE_MISMATCH'
  | 'ERR_NONCE_MISMATCH'
  | 'ERR_AUTHORIZATION_ERROR'
  | 'ERR_INVALID_CALLBACK'
  | 'ERR_TOKEN_ERROR'
  | 'ERR_TOKEN_RESPONSE_INVALID';

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
