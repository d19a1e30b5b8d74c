import { z } from 'zod';

const metadataUrl = z.url({ protocol: /^https?$/ }).max(2048);

/**
 * POST /api/metadata: an issuer (its OIDC discovery document, then the JWKS it names) or a JWKS URL, fetched by the
 * companion server on the user's explicit action.
 */
export const metadataRequestSchema = z.union([z.object({ issuer: metadataUrl }).strict(), z.object({ jwksUri: metadataUrl }).strict()]);
export type MetadataRequest = z.infer<typeof metadataRequestSchema>;

/** RFC 7517 §4: a JWK is an object with a `kty`; its other members pass as they are. */
export const jwkSchema = z.looseObject({ kty: z.string().min(1) });

/** RFC 7517 §5: a JWK Set. */
export const jwkSetSchema = z.object({ keys: z.array(jwkSchema).max(100) });

/** The two members of the discovery document the workbench uses (OIDC Discovery §3); nothing else passes through. */
export const discoverySummarySchema = z.object({ issuer: z.string().min(1).max(2048), jwks_uri: z.url().max(2048) });

export const metadataResponseSchema = z.object({
  discovery: discoverySummarySchema.optional(),
  jwks: jwkSetSchema,
  /** The URLs the server fetched, in order. */
  fetchedFrom: z.object({ discovery: z.string().optional(), jwks: z.string() }),
});
export type MetadataResponse = z.infer<typeof metadataResponseSchema>;
