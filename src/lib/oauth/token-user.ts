/**
 * Why an access token stands for no user, from its claims: Auth0 marks client-credentials tokens with
 * `gty: client-credentials` and a `sub` of `{client_id}@clients`. Undefined when the claims show nothing of the kind.
 */
export function noUserEvidence(claims: Readonly<Record<string, unknown>> | undefined): string[] | undefined {
  if (!claims) return undefined;
  const evidence: string[] = [];
  const gty = claims.gty;
  if (gty === 'client-credentials' || (Array.isArray(gty) && gty.includes('client-credentials'))) evidence.push('gty is client-credentials');
  if (typeof claims.sub === 'string' && claims.sub.endsWith('@clients')) evidence.push(`sub ${claims.sub} ends with @clients`);
  return evidence.length > 0 ? evidence : undefined;
}
