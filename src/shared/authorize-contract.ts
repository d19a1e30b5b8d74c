import { z } from 'zod';

/** POST /api/authorize/exchange: a confidential client's code, redeemed by the server with the profile's secret. */
export const codeExchangeRequestSchema = z.object({
  profile: z.string().min(1),
  /** The client the code was issued to; it must be the profile's. */
  client_id: z.string().min(1),
  code: z.string().min(1).max(4096),
  redirect_uri: z.url(),
  code_verifier: z.string().min(43).max(128).optional(),
  /** The nonce that was sent, so that the ID token is checked against it. */
  nonce: z.string().min(1).max(512).optional(),
  /** The authorization response's `iss` (RFC 9207), when the server sent one. */
  iss: z.string().optional(),
  max_age: z.number().int().min(0).optional(),
});
export type CodeExchangeRequest = z.infer<typeof codeExchangeRequestSchema>;

/** A successful token response (RFC 6749 §5.1), as the browser receives it from the AS or from the companion server. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().min(1),
  expires_in: z.number().optional(),
  id_token: z.string().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});
export type TokenResponseBody = z.infer<typeof tokenResponseSchema>;

/** The fragment key the form_post hand-off adds, so /callback knows where the parameters came from. */
export const FORM_POST_FRAGMENT_MARKER = 'tw_response_mode';

/** The path that receives `response_mode=form_post` (registered as a redirect URI of the demo clients). */
export const FORM_POST_CALLBACK_PATH = '/api/callback/form-post';
