import { z } from 'zod';

/** Stable error codes the companion server answers with. The UI switches on these, never on message text. */
export const apiErrorCodes = [
  'invalid_request',
  /** /api needs the companion server's access key (cookie or X-Workbench-Key header). */
  'unauthenticated',
  'forbidden_origin',
  'forbidden_host',
  'payload_too_large',
  'not_found',
  'method_not_allowed',
  'unknown_profile',
  'unsupported_client_auth',
  'upstream_error',
  'upstream_unreachable',
  'upstream_timeout',
  /** A discovery document named an endpoint off the issuer's origin: the server does not follow it. */
  'upstream_endpoint_refused',
  /** POST /api/call: the path leaves the API's base (`..`, encoded slash or dot, backslash, `//host`, an absolute URL). */
  'path_not_allowed',
  /** POST /api/call: the `api` is not one the profile allows calling. */
  'unknown_api',
  /** POST /api/call: the upstream answer exceeded the size limit (1 MB) and was cut. */
  'response_too_large',
  /** POST /api/metadata: not https, and the origin is neither a configured issuer nor listed in WORKBENCH_METADATA_ALLOW. */
  'metadata_url_refused',
  /** POST /api/metadata: the host is, or resolves to, a loopback, private, link-local or other non-public address. */
  'metadata_address_refused',
  /** POST /api/metadata: the metadata URL answered a redirect, which is never followed. */
  'metadata_redirect_refused',
  /** POST /api/metadata: the metadata URL answered a status other than 200. */
  'metadata_status',
  /** POST /api/metadata: the answer is not JSON, or not a discovery document / JWK Set. */
  'metadata_invalid',
  /** POST /api/metadata: the discovery document names another issuer (OIDC Discovery §4.3). */
  'metadata_issuer_mismatch',
  'internal_error',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Where the request was wrong, e.g. `token` or `profile` (zod issue paths). */
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** The authorization server's own OAuth error, for upstream_error. */
    upstream: z.object({ error: z.string(), error_description: z.string().optional(), status: z.number() }).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export const clientAuthMethods = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'] as const;
export type ClientAuthMethod = (typeof clientAuthMethods)[number];

export const apiDefinitionSchema = z.object({
  identifier: z.string(),
  name: z.string().optional(),
  scopes: z.array(z.string()).default([]),
  /** Where the API is served: the base URL `POST /api/call` may call for it (optional). */
  baseUrl: z.url().optional(),
});
export type ApiDefinition = z.infer<typeof apiDefinitionSchema>;

/** A configured authorization-server profile as the browser sees it: never a secret or a key. */
export const profileSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  issuer: z.string(),
  client_id: z.string(),
  client_auth_method: z.enum(clientAuthMethods),
  default_audience: z.string().nullable(),
  apis: z.array(apiDefinitionSchema),
  demo: z.boolean(),
  /** The extra token-request parameters POST /api/token accepts for this profile (its `tokenParams`). */
  token_params: z.array(z.string()).optional(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

export const profilesResponseSchema = z.object({ profiles: z.array(profileSummarySchema) });
export type ProfilesResponse = z.infer<typeof profilesResponseSchema>;
