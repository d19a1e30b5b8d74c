import { Hono } from 'hono';
import { metadataRequestSchema } from '../../shared/metadata-contract';
import type { AppDeps } from '../deps';
import { createMetadataHttp } from '../metadata/metadata-http';
import { fetchPublicMetadata, type MetadataPolicy } from '../metadata/public-metadata';
import { ApiError } from '../errors';
import { NestingTooDeepError } from '../oauth/secret-scrubber';
import { jsonBody } from './request-input';

/**
 * POST /api/metadata: an issuer's discovery document and JWKS, or a JWKS by URL, for the token editor's explicit
 * "Fetch" buttons. Only these two GETs, and only their validated JSON comes back: never an open proxy.
 */
export function metadataRoutes(deps: AppDeps) {
  const policy: MetadataPolicy = {
    trustedOrigins: new Set([...deps.config.profiles.map((p) => new URL(p.issuer).origin), ...(deps.metadata?.allowOrigins ?? [])]),
    timeoutMs: deps.config.upstreamTimeoutMs,
    get: deps.metadata?.get ?? createMetadataHttp(),
  };
  // Configured issuers are fetched without the address guard, and know their clients' secrets: their answers pass the
  // same scrubber as every other authorization-server answer.
  const { scrubber } = deps.upstream;
  return new Hono().post('/metadata', jsonBody(metadataRequestSchema, 'metadata request'), async (c) => {
    let answer;
    try {
      answer = await fetchPublicMetadata(c.req.valid('json'), policy);
    } catch (err) {
      // Error messages quote what the server sent (a redirect's Location, a mismatched issuer): scrubbed as well.
      if (err instanceof ApiError) throw new ApiError(err.status, err.code, scrubber.errorText(err.message), err.extras);
      throw err;
    }
    let scrubbed;
    try {
      scrubbed = scrubber.json(answer);
    } catch (err) {
      if (!(err instanceof NestingTooDeepError)) throw err;
      throw new ApiError(502, 'metadata_invalid', `The metadata is ${err.message}: a JWK Set is never that deep`);
    }
    c.header('cache-control', 'no-store');
    return c.json(scrubbed);
  });
}
