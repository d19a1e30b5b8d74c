import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, compactVerify, CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
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

/** The demo keys file cannot be used: the message names the file, what is wrong, and what to do. Nothing was overwritten. */
export class DemoKeysError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(
      `${file} ${problem}. It was left as it is. Restore it from a backup, or delete it to have new demo keys made at the next start (tokens signed with the old keys then stop verifying).`,
    );
    this.name = 'DemoKeysError';
  }
}

/** Whether `jwk` is a private key of `alg` that signs, and whose public part verifies what it signed. */
async function signsAndVerifies(jwk: JWK, alg: 'RS256' | 'ES256'): Promise<boolean> {
  try {
    const payload = new TextEncoder().encode('demo keys check');
    const jws = await new CompactSign(payload).setProtectedHeader({ alg }).sign(await importJWK(jwk, alg));
    await compactVerify(jws, await importJWK(toPublicJwk(jwk), alg));
    return true;
  } catch {
    return false;
  }
}

function readKeysFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new DemoKeysError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (text.trim() === '') throw new DemoKeysError(file, 'is empty');
  try {
    return JSON.parse(text);
  } catch {
    throw new DemoKeysError(file, 'is not JSON');
  }
}

async function checkedKeys(file: string, raw: unknown): Promise<DemoKeys> {
  const parsed = demoKeysSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    throw new DemoKeysError(file, `is not in the expected shape (${where.join('; ')})`);
  }
  const keys = parsed.data;
  const checks = [
    ['signingKey', keys.signingKey, 'RS256'],
    ['demoRsKey', keys.demoRsKey, 'ES256'],
  ] as const;
  for (const [name, jwk, alg] of checks) {
    if (!(await signsAndVerifies(jwk, alg))) throw new DemoKeysError(file, `holds a ${name} that is not a working ${alg} private key`);
  }
  return keys;
}

/**
 * Loads the demo tenant's keys and secrets from `dataDir`, generating them at first start, so tokens stay verifiable
 * across restarts. A file that exists but cannot be used is never replaced: start-up stops with a DemoKeysError.
 */
export async function loadOrCreateDemoKeys(dataDir: string): Promise<DemoKeys> {
  const file = join(dataDir, 'keys.json');
  if (existsSync(file)) return checkedKeys(file, readKeysFile(file));
  const keys: DemoKeys = {
    version: 1,
    signingKey: await generatePrivateJwk('RS256'),
    cookieKeys: [secret(), secret()],
    demoRsKey: await generatePrivateJwk('ES256'),
    demoM2mSecret: secret(),
    demoWebSecret: secret(),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return keys;
}

export function toPublicJwk(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = jwk;
  return publicPart;
}
