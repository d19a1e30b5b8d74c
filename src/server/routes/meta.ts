import { Hono } from 'hono';
import { toProfileSummary } from '../config';
import type { AppDeps } from '../deps';
import type { ProfilesResponse } from '../../shared/api-contract';

/** GET /api/health and GET /api/profiles (never a secret: only the summary crosses). */
export function metaRoutes(deps: AppDeps) {
  return new Hono()
    .get('/health', (c) => c.json({ ok: true }))
    .get('/profiles', (c) => c.json({ profiles: deps.config.profiles.map(toProfileSummary) } satisfies ProfilesResponse));
}
