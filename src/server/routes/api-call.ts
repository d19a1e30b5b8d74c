import { Hono } from 'hono';
import type { CallResponse } from '../../shared/call-contract';
import { callRequestSchema } from '../../shared/call-contract';
import type { ResolvedProfile } from '../config';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { resolveCallTarget } from '../oauth/call-target';
import { configuredProfile, jsonBody } from './request-input';

/** A header value that HTTP can carry as is (RFC 9110 §5.5): printable ASCII and spaces, nothing that would end the line. */
const sendableInHeader = (value: string) => /^[\x20-\x7e]+$/.test(value);

/** A least-privilege token for the API's audience, from the same cache as POST /api/token. */
async function mintedToken(deps: AppDeps, profile: ResolvedProfile, audience: string, scope: string): Promise<string> {
  const minted = await deps.upstream.clientCredentials(profile, audience, scope);
  const token = minted.body.access_token;
  if (!sendableInHeader(token)) throw new ApiError(502, 'upstream_error', `${new URL(profile.issuer).host} issued an access token that cannot be sent in an Authorization header`);
  return token;
}

/**
 * POST /api/call: the API explorer's request, sent by the server to an API the profile allows (never a URL the
 * browser names), with a pasted bearer token, a least-privilege token minted through the client-credentials cache
 * (`mintScope`, the same path as POST /api/token), or no Authorization at all. The upstream status comes back as
 * data inside a 200, whatever it is; the minted token itself never does (POST /api/token hands out tokens).
 */
export function apiCallRoutes(deps: AppDeps) {
  return new Hono().post('/call', jsonBody(callRequestSchema, 'call request'), async (c) => {
    const request = c.req.valid('json');
    const profile = configuredProfile(deps.config, request.profile);
    const target = resolveCallTarget(profile, request);
    if (request.method === 'GET' && request.body !== undefined) {
      throw new ApiError(400, 'invalid_request', 'A GET request has no body', { details: [{ path: 'body', message: 'must be absent for GET' }] });
    }
    if (request.token !== undefined && !sendableInHeader(request.token)) {
      throw new ApiError(400, 'invalid_request', 'The token cannot be sent in an Authorization header', { details: [{ path: 'token', message: 'has characters outside printable ASCII' }] });
    }
    const bearer = request.mintScope === undefined ? request.token : await mintedToken(deps, profile, target.audience, request.mintScope);
    const answer = await deps.upstream.callApi(profile, {
      url: target.url,
      method: request.method,
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(bearer === undefined ? {} : { bearer }),
    });
    c.header('Cache-Control', 'no-store');
    return c.json(answer satisfies CallResponse);
  });
}
