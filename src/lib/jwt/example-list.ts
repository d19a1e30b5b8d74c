// The menu only: kept apart from examples.ts, so listing the examples does not load jose's signing code.
export type ExampleId = 'access-token' | 'id-token' | 'client-credentials' | 'opaque' | 'jwe' | 'legacy-management-api';

/** The examples menu, in the order a first-time user meets these tokens. */
export const TOKEN_EXAMPLES: readonly { id: ExampleId; label: string }[] = [
  { id: 'access-token', label: 'Auth0-style access token (RS256)' },
  { id: 'id-token', label: 'ID token (RS256)' },
  { id: 'client-credentials', label: 'Client-credentials access token (RS256)' },
  { id: 'opaque', label: 'Opaque access token' },
  { id: 'jwe', label: 'Encrypted token (JWE, dir + A256GCM)' },
  { id: 'legacy-management-api', label: 'Legacy Management API token (HS256, base64 secret)' },
];
