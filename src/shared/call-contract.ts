import { z } from 'zod';

/**
 * POST /api/call: the API explorer's request, which the companion server sends to an API the profile allows
 * (the Management API at `{issuer}api/v2/`, or a profile's `apis[].baseUrl`). The browser never names a base URL.
 */

export const callMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type CallMethod = (typeof callMethods)[number];

/** 16 KB comfortably holds any JWT an authorization server issues. */
const bearerToken = z.string().trim().min(1, 'is empty').max(16 * 1024);
const queryValue = z.string().max(4096);

export const callRequestSchema = z
  .object({
    profile: z.string().min(1).max(64),
    /** An API identifier (audience) of the profile; absent: the profile's Management API. */
    api: z.string().min(1).max(2048).optional(),
    method: z.enum(callMethods),
    /** The path as the catalog names it, parameters filled in: `/api/v2/users/auth0|alice`. The server refuses one that leaves its base. */
    path: z.string().startsWith('/').max(2048),
    /** Query parameters; an array repeats the name (`?fields=a&fields=b`). */
    query: z.record(z.string().min(1).max(256), z.union([queryValue, z.array(queryValue).max(100)])).optional(),
    /** The JSON request body, already parsed; sent as `application/json`. */
    body: z.unknown().optional(),
    /** A bearer token to send as is. */
    token: bearerToken.optional(),
    /** Instead of `token`: the server mints a client-credentials token for the profile and the API's audience with these scopes (through its cache). */
    mintScope: z.string().max(8192).regex(/^[\x21\x23-\x5B\x5D-\x7E ]*$/, 'is not a space-separated list of scope tokens').optional(),
  })
  .strict()
  // Neither: the request goes without Authorization, which teaches the 401 "Missing authentication".
  .refine((request) => request.token === undefined || request.mintScope === undefined, { message: 'send token or mintScope, not both', path: ['mintScope'] });
export type CallRequest = z.infer<typeof callRequestSchema>;

export const callResponseSchema = z.object({
  /** The upstream status, whatever it is: a 403 from the API is a successful call of /api/call. */
  status: z.number().int().min(100).max(599),
  /** The upstream response headers, names lowercased. */
  headers: z.record(z.string(), z.string()),
  /** Parsed JSON when the upstream sent JSON, else its text; null for an empty body. */
  body: z.unknown(),
  meta: z.object({
    /** Wall time of the upstream exchange, in milliseconds (minting excluded). */
    elapsedMs: z.number().nonnegative(),
    /** The URL that was called, without credentials. */
    url: z.string(),
  }),
});
export type CallResponse = z.infer<typeof callResponseSchema>;
