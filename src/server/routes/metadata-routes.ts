import { Hono } from 'hono';
import { metadataRequestSchema } from '../../shared/metadata-contract';
import type { AppDeps } from '../deps';
import { createMetadataHttp } from '../metadata/metadata-http';
import { fetchPublicMetadata, type MetadataPolicy } from '../metadata/public-metadata';
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
  return new Hono().post('/metadata', jsonBody(metadataRequestSchema, 'metadata request'), async (c) => {
    const answer = await fetchPublicMetadata(c.req.valid('json'), policy);
    c.header('cache-control', 'no-store');
    return c.json(answer);
  });
}
