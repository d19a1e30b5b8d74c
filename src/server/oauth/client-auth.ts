import { importJWK } from 'jose';
import * as oauth from 'oauth4webapi';
import type { PrivateKeyMaterial, ResolvedProfile } from '../config';
import { ApiError } from '../errors';

/** Lifetime of a client assertion: RFC 7523 §3 wants it short, and one minute is what servers accept. */
const assertionLifetimeSeconds = 60;

const signingKeys = new WeakMap<PrivateKeyMaterial, Promise<CryptoKey>>();

/** A local failure to use the profile's key (an alg that does not fit it): the server's configuration, not the AS. */
function misconfiguredKey(profile: ResolvedProfile, alg: string): ApiError {
  return new ApiError(500, 'internal_error', `Profile "${profile.id}" is misconfigured: its private key cannot sign ${alg} client assertions (check privateKeyFile and privateKeyAlg)`);
}

/** The profile's KeyObject as a non-extractable signing CryptoKey, imported once per key and then reused. */
function signingKeyFor(material: PrivateKeyMaterial): Promise<CryptoKey> {
  let key = signingKeys.get(material);
  if (!key) {
    key = importJWK(material.key.export({ format: 'jwk' }), material.alg, { extractable: false }).then((imported) => {
      if (!(imported instanceof CryptoKey)) throw new Error('a private key imported as a secret');
      return imported;
    });
    signingKeys.set(material, key);
  }
  return key;
}

/**
 * The one client-authentication implementation of the companion server (RFC 6749 §2.3.1, RFC 7523 §2.2, OIDC Core §9):
 * client_secret_basic, client_secret_post, private_key_jwt and none, with the profile's own credentials.
 * A private_key_jwt assertion has iss = sub = client_id, aud = the issuer (default, per the RFC 7523 update) or
 * `endpoint` when the profile says so, a fresh jti, exp 60 s after iat, and the configured key's kid and alg.
 */
export async function clientAuthFor(profile: ResolvedProfile, endpoint: string): Promise<oauth.ClientAuth> {
  switch (profile.clientAuthMethod) {
    case 'client_secret_basic':
    case 'client_secret_post': {
      if (!profile.clientSecret) throw new ApiError(400, 'unsupported_client_auth', `Profile "${profile.id}" has no client secret`);
      return profile.clientAuthMethod === 'client_secret_basic' ? oauth.ClientSecretBasic(profile.clientSecret) : oauth.ClientSecretPost(profile.clientSecret);
    }
    case 'private_key_jwt': {
      const material = profile.privateKey;
      if (!material) throw new ApiError(400, 'unsupported_client_auth', `Profile "${profile.id}" has no private key`);
      let key: CryptoKey;
      try {
        key = await signingKeyFor(material);
      } catch {
        throw misconfiguredKey(profile, material.alg);
      }
      const sign = oauth.PrivateKeyJwt(
        { key, kid: material.kid },
        {
          [oauth.modifyAssertion]: (header, payload) => {
            header.alg = material.alg;
            // RFC 7523 update (rfc7523bis): explicit typing, so the assertion cannot pass for another kind of JWT.
            header.typ = 'client-authentication+jwt';
            payload.aud = profile.assertionAudience === 'endpoint' ? endpoint : profile.issuer;
            const issuedAt = typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000);
            payload.exp = issuedAt + assertionLifetimeSeconds;
          },
        },
      );
      return async (...args) => {
        try {
          await sign(...args);
        } catch {
          throw misconfiguredKey(profile, material.alg);
        }
      };
    }
    case 'none':
      return oauth.None();
  }
}
