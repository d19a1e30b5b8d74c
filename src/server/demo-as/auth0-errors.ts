/** The Management API's error answers, with Auth0's exact bodies, so the explorer can teach from real ones. */

export interface Auth0ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errorCode?: string;
  attributes?: { error: string };
}

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  501: 'Not Implemented',
};

/** A refusal the Management API emulation answers with; mapped to its JSON body once, in the app's error handler. */
export class Auth0ApiError extends Error {
  readonly body: Auth0ErrorBody;

  constructor(
    readonly status: number,
    message: string,
    errorCode?: string,
    withAttributes = false,
  ) {
    super(message);
    this.name = 'Auth0ApiError';
    this.body = {
      statusCode: status,
      error: reasons[status] ?? 'Error',
      message,
      ...(errorCode === undefined ? {} : { errorCode }),
      ...(withAttributes ? { attributes: { error: message } } : {}),
    };
  }
}

/** Auth0's 401s for a token it cannot accept carry the message again under `attributes.error`. */
const unauthorized = (message: string) => new Auth0ApiError(401, message, undefined, true);

export const auth0Errors = {
  /** The Authorization header is not `Bearer <JWT>`: an opaque token, or another scheme. */
  badHeaderFormat: () => new Auth0ApiError(400, 'Bad HTTP authentication header format', 'Bearer'),
  missingAuthentication: () => new Auth0ApiError(401, 'Missing authentication'),
  invalidToken: () => unauthorized('Invalid token'),
  badAudience: (audiences: readonly string[]) => unauthorized(`Bad audience: ${audiences.join(' ')}`),
  expiredToken: () => unauthorized('Expired token received for JSON Web Token validation'),
  insufficientScope: (anyOf: readonly string[]) => new Auth0ApiError(403, `Insufficient scope, expected any of: ${anyOf.join(',')}`, 'insufficient_scope'),
  tooManyRequests: () => new Auth0ApiError(429, 'Global limit has been reached', 'too_many_requests'),
  invalidJson: () => new Auth0ApiError(400, 'Invalid request payload JSON format'),
  invalidBody: (detail: string) => new Auth0ApiError(400, `Payload validation error: ${detail}`, 'invalid_body'),
  invalidQuery: (detail: string) => new Auth0ApiError(400, `Query validation error: ${detail}`, 'invalid_query_string'),
  payloadTooLarge: () => new Auth0ApiError(413, 'Payload content length greater than maximum allowed: 65536'),
  notFound: (message: string, errorCode: string) => new Auth0ApiError(404, message, errorCode),
  inexistentUser: () => new Auth0ApiError(404, 'The user does not exist.', 'inexistent_user'),
  conflict: (message: string, errorCode: string) => new Auth0ApiError(409, message, errorCode),
  /** POST /api/v2/users with the email or the user_id of an existing user. */
  userExists: () => new Auth0ApiError(409, 'The user already exists.', 'auth0_idp_error'),
  /** PATCH /api/v2/users/{id} giving a user the email of another user of the connection. */
  emailExists: () => new Auth0ApiError(400, 'The specified new email already exists', 'auth0_idp_error'),
  /** The demo's own bound on JSON nesting (Auth0 documents none): past it, validating the body would overflow the stack. */
  nestedTooDeep: (max: number) => new Auth0ApiError(400, `Payload validation error: 'JSON nested deeper than ${max} levels'.`, 'invalid_body'),
  /** Auth0 documents the 10 KB profile limit, not its answer: the code is the name of its tenant log event for it. */
  profileTooLarge: (bytes: number, max: number) =>
    new Auth0ApiError(400, `The user profile would be ${bytes} bytes: user profiles are limited to ${max / 1024} KB (${max} bytes), user_metadata and app_metadata included.`, 'user_profile_size_exceeded'),
  /** A collection of the tenant is full (Auth0's entity limits), or the demo tenant's whole store is. */
  entityLimit: (message: string) => new Auth0ApiError(403, message, 'entity_limit_exceeded'),
  inexistentApplicationPassword: () => new Auth0ApiError(404, 'The application specific password does not exist.', 'inexistent_application_password'),
  unknownEndpoint: () => new Auth0ApiError(404, 'Not Found'),
  notEmulated: (method: string, path: string) => new Auth0ApiError(501, `The demo tenant does not emulate ${method} ${path}`, 'not_emulated'),
} as const;
