import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import { profileQuerySchema } from '../../shared/oauth-contract';
import type { ResolvedProfile, ServerConfig } from '../config';
import { ApiError } from '../errors';

const jsonMediaType = /^application\/([\w.-]+\+)?json$/i;

function invalid(issues: readonly z.core.$ZodIssue[], what: string): ApiError {
  // Issue paths and messages only: zod's messages never quote the rejected value (which may be a token).
  return new ApiError(400, 'invalid_request', `The ${what} is invalid`, {
    details: issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message })),
  });
}

/**
 * A JSON body validated by `schema` (through @hono/zod-validator): a body that is not JSON, or does not fit,
 * is thrown as our one ApiError (400 invalid_request, with the issue paths), never answered by the validator.
 */
export function jsonBody<T extends z.ZodType>(schema: T, what: string) {
  return zValidator('json', schema, (result, c) => {
    if (result.success) return;
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!jsonMediaType.test(mediaType)) throw new ApiError(400, 'invalid_request', 'The body is not JSON');
    throw invalid(result.error.issues, what);
  });
}

/** The `?profile=` query of the GET routes, validated like a body. */
export const profileQuery = zValidator('query', profileQuerySchema, (result) => {
  if (!result.success) throw invalid(result.error.issues, 'query');
});

/** The configured profile `id` names, or 404 unknown_profile. */
export function configuredProfile(config: Pick<ServerConfig, 'profiles'>, id: string): ResolvedProfile {
  const profile = config.profiles.find((p) => p.id === id);
  if (!profile) throw new ApiError(404, 'unknown_profile', `No profile "${id}" is configured`);
  return profile;
}
