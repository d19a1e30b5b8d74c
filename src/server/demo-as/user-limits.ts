import { z } from 'zod';

/**
 * The limits the demo tenant enforces on a user, with Auth0's numbers: the Management API spec's field lengths
 * (`name`, `nickname` 300, `user_id` 255 without whitespace), Auth0's 10 KB user profile limit
 * (https://auth0.com/docs/troubleshoot/product-lifecycle/deprecations-and-migrations/migrate-oversized-user-profiles),
 * and its RBAC entity limits (50 roles and 1,000 direct permissions per user). Auth0 still lets a profile grow to
 * about ten times 10 KB, with warnings in the tenant logs; the demo refuses at 10 KB, so that a page of 100 users
 * stays under the companion server's 1 MB answer cap.
 */
export const userLimits = {
  profileBytes: 10 * 1024,
  nameChars: 300,
  userIdChars: 255,
  /** RFC 5321 §4.5.3.1: a path is at most 256 octets, two of them the angle brackets. */
  emailChars: 254,
  rolesPerUser: 50,
  permissionsPerUser: 1000,
} as const;

/** A string field with Auth0's length refusal, in its payload-validation wording (z-schema's). */
export function boundedString(max: number, property: string, description: string) {
  return z.string().max(max, {
    error: (issue) => `'String is too long (${String((issue.input as string).length)} chars), maximum ${max}' on property ${property} (${description}).`,
  });
}

/** The size Auth0's limit measures: the user profile as JSON, as the Management API returns it. */
export const profileBytes = (profile: unknown): number => Buffer.byteLength(JSON.stringify(profile));
