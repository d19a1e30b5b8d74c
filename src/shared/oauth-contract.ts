import { z } from 'zod';
import { clientAuthMethods } from './api-contract';

/**
 * The browser↔server contract of the companion server's OAuth calls. The browser names a configured
 * profile id and never an upstream URL or a secret: the server resolves every endpoint itself.
 */

const profileId = z.string().min(1).max(64);
/** 16 KB comfortably holds any JWT an authorization server issues; the body limit caps the rest. */
const tokenText = z.string().trim().min(1, 'is empty').max(16 * 1024);
export const tokenTypeHints = ['access_token', 'refresh_token'] as const;
const tokenTypeHint = z.enum(tokenTypeHints);

/** POST /api/introspect (RFC 7662 §2.1). */
export const introspectRequestSchema = z.object({ profile: profileId, token: tokenText, token_type_hint: tokenTypeHint.optional() }).strict();
export type IntrospectRequest = z.infer<typeof introspectRequestSchema>;

const audience = z.string().min(1).max(2048);
const scope = z.string().max(8192).regex(/^[\x21\x23-\x5B\x5D-\x7E ]*$/, 'is not a space-separated list of scope tokens');
/** A token-request parameter name, as a profile's `tokenParams` may allow it. */
export const tokenParamName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'is not a parameter name (1-64 letters, digits, "_", "." or "-")');
const maxTokenParams = 16;

/**
 * POST /api/token: a client-credentials grant (RFC 6749 §4.4) with the profile's credentials. `params` are extra
 * token-request parameters; the server sends only the names the profile's `tokenParams` allows, and refuses others.
 */
export const clientCredentialsRequestSchema = z
  .object({
    profile: profileId,
    audience: audience.optional(),
    scope: scope.optional(),
    params: z
      .record(tokenParamName, z.string().min(1).max(2048))
      .refine((params) => Object.keys(params).length <= maxTokenParams, `has more than ${maxTokenParams} parameters`)
      .optional(),
  })
  .strict();
export type ClientCredentialsRequest = z.infer<typeof clientCredentialsRequestSchema>;

/** POST /api/exchange: OAuth 2.0 Token Exchange (RFC 8693 §2.1) of an access token, with the profile's credentials. */
export const exchangeRequestSchema = z
  .object({ profile: profileId, subject_token: tokenText, audience: audience.optional(), scope: scope.optional() })
  .strict();
export type ExchangeRequest = z.infer<typeof exchangeRequestSchema>;

/** POST /api/revoke (RFC 7009 §2.1). */
export const revokeRequestSchema = z.object({ profile: profileId, token: tokenText, token_type_hint: tokenTypeHint.optional() }).strict();
export type RevokeRequest = z.infer<typeof revokeRequestSchema>;

/** POST /api/userinfo (OpenID Connect Core §5.3). */
export const userinfoRequestSchema = z.object({ profile: profileId, access_token: tokenText }).strict();
export type UserinfoRequest = z.infer<typeof userinfoRequestSchema>;

/** GET /api/discovery?profile= and GET /api/jwks?profile= */
export const profileQuerySchema = z.object({ profile: profileId });

/** How the server talked to the authorization server for one answer. */
export const upstreamMetaSchema = z.object({
  /** The HTTP status the authorization server answered with. */
  upstreamStatus: z.number().int(),
  /** Wall time of the upstream exchange, in milliseconds (discovery excluded once cached). */
  elapsedMs: z.number().nonnegative(),
  /** The endpoint that was called, as the issuer's discovery document names it. */
  endpoint: z.string(),
  authMethod: z.enum(clientAuthMethods),
});
export type UpstreamMeta = z.infer<typeof upstreamMetaSchema>;

/** RFC 7662 §2.2: `active` is the only required member; everything else the AS sent is kept as-is. */
export const introspectionAnswerSchema = z.looseObject({
  active: z.boolean(),
  scope: z.string().optional(),
  client_id: z.string().optional(),
  username: z.string().optional(),
  token_type: z.string().optional(),
  exp: z.number().optional(),
  iat: z.number().optional(),
  nbf: z.number().optional(),
  sub: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  iss: z.string().optional(),
  jti: z.string().optional(),
});
export const introspectResponseSchema = introspectionAnswerSchema.extend({ meta: upstreamMetaSchema });
export type IntrospectResponse = z.infer<typeof introspectResponseSchema>;

/** RFC 6749 §5.1, as the AS sent it; on a cached answer, `expires_in` is the whole seconds the token has left. */
export const clientCredentialsAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().min(1),
  expires_in: z.number().optional(),
  scope: z.string().optional(),
});
export const tokenResponseMetaSchema = upstreamMetaSchema.extend({
  /** True when this answer came from the server's cache (kept until 60 s before the token expires). */
  cached: z.boolean(),
  /** When the authorization server issued it (ms since the epoch). */
  obtainedAt: z.number(),
  /** When the cache lets go of it (ms since the epoch), or null when it is not cached (no expires_in). */
  cachedUntil: z.number().nullable(),
  /** The audience and scope that were asked for (the cache key, with `params`). */
  audience: z.string().nullable(),
  scope: z.string().nullable(),
  /** The extra token-request parameters that were sent, when any. */
  params: z.record(z.string(), z.string()).optional(),
});
export const clientCredentialsResponseSchema = clientCredentialsAnswerSchema.extend({ meta: tokenResponseMetaSchema });
export type ClientCredentialsResponse = z.infer<typeof clientCredentialsResponseSchema>;

/** RFC 8693 §2.2.1: a token response that also says what kind of token was issued. */
export const exchangeAnswerSchema = clientCredentialsAnswerSchema.extend({ issued_token_type: z.string().min(1) });
export const exchangeResponseSchema = exchangeAnswerSchema.extend({
  meta: upstreamMetaSchema.extend({ audience: z.string().nullable(), scope: z.string().nullable() }),
});
export type ExchangeResponse = z.infer<typeof exchangeResponseSchema>;

export const revokeResponseSchema = z.object({ revoked: z.literal(true), meta: upstreamMetaSchema });
export type RevokeResponse = z.infer<typeof revokeResponseSchema>;

/** OpenID Connect Core §5.3.2: `sub` is required; the other claims are kept as-is. */
export const userinfoAnswerSchema = z.looseObject({ sub: z.string().min(1) });
export const userinfoResponseSchema = userinfoAnswerSchema.extend({ meta: upstreamMetaSchema });
export type UserinfoResponse = z.infer<typeof userinfoResponseSchema>;

export const discoveryResponseSchema = z.looseObject({ issuer: z.string(), meta: upstreamMetaSchema.omit({ authMethod: true }) });
export type DiscoveryResponse = z.infer<typeof discoveryResponseSchema>;

export const jwksAnswerSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string() })) });
export const jwksResponseSchema = jwksAnswerSchema.extend({ meta: upstreamMetaSchema.omit({ authMethod: true }) });
export type JwksResponse = z.infer<typeof jwksResponseSchema>;
