import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

/** Test support: an RS256 key pair standing in for the tenant's signing key, and tokens signed with it or another. */
export interface TestSigner {
  issuer: string;
  signingKey: JWK;
  /** A token signed by the tenant, valid for an hour unless `claims` says otherwise. */
  sign(claims: JWTPayload, options?: { otherKey?: boolean }): Promise<string>;
}

export async function testSigner(issuer = 'http://127.0.0.1:4001/'): Promise<TestSigner> {
  const own = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256');
  const signingKey = { ...(await exportJWK(own.privateKey)), kid: 'test-key', alg: 'RS256' };
  return {
    issuer,
    signingKey,
    sign: (claims, { otherKey = false } = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuer, iat: now, exp: now + 3600, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'at+jwt' })
        .sign(otherKey ? other.privateKey : own.privateKey);
    },
  };
}
