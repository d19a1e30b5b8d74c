import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { FORM_POST_FRAGMENT_MARKER } from '../../shared/authorize-contract';
import { ApiError } from '../errors';

const maxFormPostBytes = 32 * 1024;

/**
 * POST /api/callback/form-post: the authorization server's form_post response (OAuth 2.0 Form Post Response Mode).
 * It arrives cross-origin from the AS, so it sits outside the same-origin /api guard. The parameters are not
 * stored or logged: a 303 moves them into the fragment of /callback, which the page reads and then clears.
 */
export function formPostCallbackRoutes() {
  return new Hono().post(
    '/',
    bodyLimit({
      maxSize: maxFormPostBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'A form_post response is limited to 32 KB');
      },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!type.startsWith('application/x-www-form-urlencoded')) {
        throw new ApiError(400, 'invalid_request', 'A form_post response is application/x-www-form-urlencoded');
      }
      const params = new URLSearchParams(await c.req.text());
      params.delete(FORM_POST_FRAGMENT_MARKER);
      const fragment = new URLSearchParams([[FORM_POST_FRAGMENT_MARKER, 'form_post'], ...params]);
      c.header('Cache-Control', 'no-store');
      c.header('Referrer-Policy', 'no-referrer');
      return c.redirect(`/callback#${fragment.toString()}`, 303);
    },
  );
}
