import * as oauth from 'oauth4webapi';

/** Sources of randomness, injectable so tests can pin them. */
export interface RandomSource {
  readonly codeVerifier: () => string;
  readonly state: () => string;
  readonly nonce: () => string;
}

export const defaultRandom: RandomSource = {
  codeVerifier: oauth.generateRandomCodeVerifier,
  state: oauth.generateRandomState,
  nonce: oauth.generateRandomNonce,
};

export interface PkcePair {
  readonly codeVerifier: string;
  readonly codeChallenge: string;
  readonly codeChallengeMethod: 'S256';
}

/** Creates a PKCE verifier and its S256 challenge (RFC 7636 §4.1–4.2). */
export async function createPkcePair(random: RandomSource = defaultRandom): Promise<PkcePair> {
  const codeVerifier = random.codeVerifier();
  return { codeVerifier, codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier), codeChallengeMethod: 'S256' };
}
