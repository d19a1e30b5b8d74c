/** Stable error codes for everything in src/lib/jwt. The UI switches on `code`, never on `message`. */
export type JwtErrorCode =
  | 'ERR_MALFORMED_TOKEN'
  | 'ERR_KEY_EMPTY'
  | 'ERR_KEY_FORMAT'
  | 'ERR_KEY_UNSUPPORTED'
  | 'ERR_KEY_IMPORT'
  | 'ERR_KEY_NOT_PRIVATE'
  | 'ERR_ALG_UNSUPPORTED'
  | 'ERR_ALG_KEY_MISMATCH'
  | 'ERR_JSON_INVALID'
  | 'ERR_SIGN_FAILED'
  | 'ERR_DECRYPT_FAILED'
  | 'ERR_NOT_JWE';

/** Base class: every error thrown by src/lib/jwt carries a stable `code`. */
export class JwtError extends Error {
  readonly code: JwtErrorCode;
  constructor(code: JwtErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JwtError';
    this.code = code;
  }
}

/** Where in a compact serialization a defect sits (1-based positions, as a user counts). */
export interface TokenLocation {
  /** Index of the segment, 0-based. */
  segment: number;
  segmentName: string;
  /** 1-based character position inside the segment, when a single character is at fault. */
  positionInSegment?: number;
  /** 1-based character position inside the whole token. */
  positionInToken?: number;
}

/** RFC 7515 §7.1 / RFC 7516 §7.1: the compact serialization is not well formed. */
export class MalformedTokenError extends JwtError {
  readonly location: TokenLocation | undefined;
  constructor(message: string, location?: TokenLocation) {
    super('ERR_MALFORMED_TOKEN', message);
    this.name = 'MalformedTokenError';
    this.location = location;
  }
}

export class KeyError extends JwtError {
  constructor(code: Extract<JwtErrorCode, `ERR_KEY_${string}` | 'ERR_ALG_KEY_MISMATCH'>, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'KeyError';
  }
}
