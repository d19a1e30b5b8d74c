import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { z } from 'zod';

const privateJwkSchema = z.looseObject({ kty: z.string(), kid: z.string(), d: z.string() });

const demoKeysSchema = z.object({
  version: z.literal(1),
  /** The demo AS's token-signing key (RS256). */
  signingKey: privateJwkSchema,
  cookieKeys: z.array(z.string().min(32)).min(1),
  /** demo-rs authenticates with private_key_jwt (RFC 7523) using this ES256 key. */
  demoRsKey: privateJwkSchema,
  demoM2mSecret: z.string().min(32),
  demoWebSecret: z.string().min(32),
});
export type DemoKeys = z.infer<typeof demoKeysSchema>;

async function generatePrivateJwk(alg: 'RS256' | 'ES256'): Promise<JWK & { kty: string; kid: string; d: string }> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'RS256' ? { modulusLength: 2048 } : {}) });
  const jwk = await exportJWK(privateKey);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = jwk;
  const kid = await calculateJwkThumbprint(publicPart);
  return { ...jwk, kty: jwk.kty ?? '', kid, alg, use: 'sig', d: jwk.d ?? '' };
}

const secret = () => randomBytes(32).toString('base64url');

/** Loads the demo tenant's keys and secrets from `dataDir`, generating them at first start, so tokens stay verifiable across restarts. */
export async function loadOrCreateDemoKeys(dataDir: string): Promise<DemoKeys> {
  const file = join(dataDir, 'keys.json');
  if (existsSync(file)) {
    const parsed = demoKeysSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    console.warn(`demo AS: ${file} is not in the expected shape; generating new keys`);
  }
  const keys: DemoKeys = {
    version: 1,
    signingKey: await generatePrivateJwk('RS256'),
    cookieKeys: [secret(), secret()],
    demoRsKey: await generatePrivateJwk('ES256'),
    demoM2mSecret: secret(),
    demoWebSecret: secret(),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}

export function toPublicJwk(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = jwk;
  return publicPart;
}
