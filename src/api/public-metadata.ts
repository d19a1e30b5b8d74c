import { postJson, type CompanionRequest } from './companion-client';
import type { MetadataRequest, MetadataResponse } from '../shared/metadata-contract';
import { metadataResponseSchema } from '../shared/metadata-contract';

/**
 * POST /api/metadata: the companion server fetches an issuer's discovery document and the JWKS it names
 * (OIDC Discovery §4), or a JWKS by URL (RFC 7517 §5). The page's CSP keeps the browser off other origins.
 */
export function fetchPublicMetadata(request: MetadataRequest, options: Pick<CompanionRequest, 'fetch' | 'signal'> = {}): Promise<MetadataResponse> {
  return postJson('/api/metadata', request, metadataResponseSchema, options);
}
