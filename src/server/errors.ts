import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody, ApiErrorCode } from '../shared/api-contract';

type ErrorExtras = Pick<ApiErrorBody['error'], 'details' | 'upstream'>;

/** An error with a stable `code`, thrown anywhere in a handler and mapped to JSON once, in app.onError. */
export class ApiError extends HTTPException {
  readonly code: ApiErrorCode;
  readonly extras: ErrorExtras;

  constructor(status: ContentfulStatusCode, code: ApiErrorCode, message: string, extras: ErrorExtras = {}) {
    super(status, { message });
    this.code = code;
    this.extras = extras;
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extras } };
  }
}

const codeByStatus: Partial<Record<number, ApiErrorCode>> = {
  400: 'invalid_request',
  403: 'forbidden_origin',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
};

/** Any thrown value → a JSON error body and status, without a stack trace. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) {
    const code = codeByStatus[err.status] ?? 'internal_error';
    return new ApiError(err.status, code, code === 'internal_error' ? 'Internal error' : err.message || code);
  }
  return new ApiError(500, 'internal_error', 'Internal error');
}
