import { createPrivateKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { calculateJwkThumbprint, exportJWK, SignJWT } from 'jose';
import { z } from 'zod';
import { ASYMMETRIC_SIGNING_ALGS } from '../lib/jwt/algorithms';
import { readJson } from '../lib/jwt/json-text';
import { isLoopbackHost } from '../lib/oauth/issuer';
import { apiDefinitionSchema, clientAuthMethods, type ApiDefinition, type ClientAuthMethod, type ProfileSummary } from '../shared/api-contract';
import { tokenParamName } from '../shared/oauth-contract';

const signingAlgs = ASYMMETRIC_SIGNING_ALGS;
type AssertionAlg = (typeof signingAlgs)[number];

/** An http(s) URL that the server will call under: no credentials, query or fragment to smuggle into every request. */
const plainHttpUrl = z.url({ protocol: /^https?$/ }).refine((value) => {
  const url = URL.parse(value);
  return !url || (!url.username && !url.password && !url.search && !url.hash);
}, 'must not carry credentials, a query or a fragment');

/** Where an API is served (POST /api/call calls under it): https, or http on this machine only. */
const apiConfigSchema = apiDefinitionSchema.extend({
  baseUrl: plainHttpUrl
    .refine((value) => {
      const url = URL.parse(value);
      return !url || url.protocol === 'https:' || isLoopbackHost(url.hostname);
    }, 'must be https (http only on a loopback host)')
    .optional(),
});

/** Token-request parameters the server sets itself: a profile can never hand them to the browser. */
const serverOwnedParams = new Set([
  'grant_type', 'client_id', 'client_secret', 'client_assertion', 'client_assertion_type', 'scope', 'audience', 'resource',
  'subject_token', 'subject_token_type', 'actor_token', 'actor_token_type', 'requested_token_type', 'code', 'code_verifier',
  'redirect_uri', 'refresh_token', 'username', 'password',
]);

const profileConfigSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be 1-64 letters, digits, "-" or "_"'),
    label: z.string().min(1).optional(),
    issuer: plainHttpUrl,
    clientId: z.string().min(1),
    clientAuthMethod: z.enum(clientAuthMethods),
    clientSecret: z.string().min(1).optional(),
    privateKeyFile: z.string().min(1).optional(),
    privateKeyAlg: z.enum(signingAlgs).optional(),
    privateKeyKid: z.string().min(1).optional(),
    /** RFC 7523 `aud` of the client assertion: the issuer (default, per the RFC 7523 update) or the endpoint URL. */
    assertionAudience: z.enum(['issuer', 'endpoint']).default('issuer'),
    defaultAudience: z.string().min(1).optional(),
    apis: z.array(apiConfigSchema).default([]),
    /** Extra token-request parameters the browser may send with POST /api/token (e.g. a tenant rule's `user_id`). */
    tokenParams: z.array(tokenParamName.refine((name) => !serverOwnedParams.has(name), 'is set by the server itself')).default([]),
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const needsSecret = p.clientAuthMethod === 'client_secret_basic' || p.clientAuthMethod === 'client_secret_post';
    if (needsSecret && !p.clientSecret) {
      ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: `is required for ${p.clientAuthMethod}` });
    }
    if (p.clientAuthMethod === 'private_key_jwt' && !p.privateKeyFile) {
      ctx.addIssue({ code: 'custom', path: ['privateKeyFile'], message: 'is required for private_key_jwt' });
    }
  });

const configFileSchema = z
  .object({
    $schema: z.string().optional(),
    profiles: z.array(profileConfigSchema).default([]),
    upstreamTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.profiles.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['profiles', i, 'id'], message: `duplicates profile id "${p.id}"` });
      seen.add(p.id);
    });
  });

export interface PrivateKeyMaterial {
  key: KeyObject;
  alg: AssertionAlg;
  kid: string;
}

/** A profile as the server holds it. Secrets stay in this object: only `toProfileSummary` crosses to the browser. */
export interface ResolvedProfile {
  id: string;
  label: string;
  issuer: string;
  clientId: string;
  clientAuthMethod: ClientAuthMethod;
  clientSecret?: string;
  privateKey?: PrivateKeyMaterial;
  assertionAudience: 'issuer' | 'endpoint';
  defaultAudience: string | null;
  apis: ApiDefinition[];
  /** The only extra token-request parameters POST /api/token passes on. */
  tokenParams: readonly string[];
  timeoutMs: number;
  demo: boolean;
}

export interface ServerConfig {
  profiles: ResolvedProfile[];
  upstreamTimeoutMs: number;
  /** Every secret value, for log redaction. */
  secrets: string[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

/** Replaces `${NAME}` in every string value with the environment variable, naming the field of any that is unset. */
export function substituteEnv(value: unknown, env: Record<string, string | undefined>, path: PropertyKey[] = []): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
      const found = env[name];
      if (found === undefined || found === '') {
        throw new ConfigError(`${formatPath(path)}: environment variable ${name} is not set`);
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => substituteEnv(item, env, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env, [...path, k])]));
  }
  return value;
}

function defaultAlgFor(key: KeyObject): AssertionAlg {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return 'RS256';
    case 'rsa-pss':
      return 'PS256';
    case 'ed25519':
      return 'EdDSA';
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'secp384r1') return 'ES384';
      if (curve === 'secp521r1') return 'ES512';
      return 'ES256';
    }
    default:
      throw new ConfigError(`unsupported private key type ${key.asymmetricKeyType ?? 'unknown'}`);
  }
}

/** Reads a PEM (PKCS#8, PKCS#1 or SEC1) or a private JWK, and fixes its alg and kid (RFC 7638 thumbprint by default). */
async function loadPrivateKey(file: string, alg?: AssertionAlg, kid?: string): Promise<{ material: PrivateKeyMaterial; text: string }> {
  const text = readFileSync(file, 'utf8');
  let key: KeyObject;
  let jwkKid: string | undefined;
  let jwkAlg: string | undefined;
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const jwk = JSON.parse(trimmed) as Record<string, unknown>;
    if (typeof jwk.d !== 'string') throw new ConfigError('is a public JWK: a private key (with "d") is needed');
    jwkKid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
    jwkAlg = typeof jwk.alg === 'string' ? jwk.alg : undefined;
    key = createPrivateKey({ key: jwk as never, format: 'jwk' });
  } else {
    key = createPrivateKey({ key: text, format: 'pem' });
  }
  const publicJwk = await exportJWK(key);
  delete publicJwk.d;
  const resolvedAlg = alg ?? (signingAlgs as readonly string[]).find((a) => a === jwkAlg) as AssertionAlg | undefined ?? defaultAlgFor(key);
  const resolvedKid = kid ?? jwkKid ?? (await calculateJwkThumbprint(publicJwk));
  try {
    // A key that cannot sign with its alg (RS256 with a P-256 key) must fail here, not on the first request.
    await new SignJWT({}).setProtectedHeader({ alg: resolvedAlg }).sign(key);
  } catch {
    throw new ConfigError(`cannot sign ${resolvedAlg} with this ${key.asymmetricKeyType ?? 'unknown'} key: set privateKeyAlg to match the key`);
  }
  return { material: { key, alg: resolvedAlg, kid: resolvedKid }, text };
}

/** Validates a parsed config file and resolves its profiles (keys loaded relative to `baseDir`). */
export async function resolveConfig(raw: unknown, options: { env: Record<string, string | undefined>; baseDir: string; source: string }): Promise<ServerConfig> {
  const prefix = (path: string) => `${options.source}: ${path}`;
  let substituted: unknown;
  try {
    substituted = substituteEnv(raw, options.env);
  } catch (err) {
    throw new ConfigError(prefix((err as Error).message));
  }
  const parsed = configFileSchema.safeParse(substituted);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(root)'} ${issue.message}`);
    throw new ConfigError(prefix(lines.join('; ')));
  }
  const secrets: string[] = [];
  const profiles: ResolvedProfile[] = [];
  for (const [i, p] of parsed.data.profiles.entries()) {
    let privateKey: PrivateKeyMaterial | undefined;
    if (p.privateKeyFile && p.clientAuthMethod === 'private_key_jwt') {
      const file = resolve(options.baseDir, p.privateKeyFile);
      if (!existsSync(file)) throw new ConfigError(prefix(`profiles[${i}].privateKeyFile: file not found: ${file}`));
      try {
        const loaded = await loadPrivateKey(file, p.privateKeyAlg, p.privateKeyKid);
        privateKey = loaded.material;
        secrets.push(loaded.text.trim());
      } catch (err) {
        const reason = err instanceof ConfigError ? err.message : 'is not a readable PEM or JWK private key';
        throw new ConfigError(prefix(`profiles[${i}].privateKeyFile: ${reason}`));
      }
    }
    if (p.clientSecret) secrets.push(p.clientSecret);
    profiles.push({
      id: p.id,
      label: p.label ?? p.id,
      issuer: p.issuer,
      clientId: p.clientId,
      clientAuthMethod: p.clientAuthMethod,
      ...(p.clientSecret ? { clientSecret: p.clientSecret } : {}),
      ...(privateKey ? { privateKey } : {}),
      assertionAudience: p.assertionAudience,
      defaultAudience: p.defaultAudience ?? null,
      apis: p.apis,
      tokenParams: [...new Set(p.tokenParams)],
      timeoutMs: p.timeoutMs ?? parsed.data.upstreamTimeoutMs,
      demo: false,
    });
  }
  return { profiles, upstreamTimeoutMs: parsed.data.upstreamTimeoutMs, secrets };
}

/** Loads `WORKBENCH_CONFIG`, else `workbench.config.json` in `cwd` (optional), and validates it. */
export async function loadConfigFile(env: Record<string, string | undefined>, cwd: string): Promise<ServerConfig> {
  const named = env.WORKBENCH_CONFIG;
  const file = resolve(cwd, named ?? 'workbench.config.json');
  if (!existsSync(file)) {
    if (named) throw new ConfigError(`WORKBENCH_CONFIG: file not found: ${file}`);
    return { profiles: [], upstreamTimeoutMs: 5_000, secrets: [] };
  }
  const read = readJson(readFileSync(file, 'utf8'));
  // Where, never what: the text around the error may be a secret.
  if (!read.ok) throw new ConfigError(`${file}: not valid JSON at line ${read.line}, column ${read.column}: check its syntax (quotes, commas, brackets)`);
  return resolveConfig(read.value, { env, baseDir: dirname(file), source: file });
}

export function toProfileSummary(p: ResolvedProfile): ProfileSummary {
  return {
    id: p.id,
    label: p.label,
    issuer: p.issuer,
    client_id: p.clientId,
    client_auth_method: p.clientAuthMethod,
    default_audience: p.defaultAudience,
    apis: p.apis,
    demo: p.demo,
    ...(p.tokenParams.length ? { token_params: [...p.tokenParams] } : {}),
  };
}
