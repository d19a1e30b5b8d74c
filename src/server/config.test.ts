import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, resolveConfig, substituteEnv, toProfileSummary } from './config';

const base = { env: {}, baseDir: '/nowhere', source: 'workbench.config.json' };
const m2m = {
  id: 'acme-m2m',
  label: 'Acme M2M',
  issuer: 'https://acme.eu.auth0.com/',
  clientId: 'abc',
  clientAuthMethod: 'client_secret_basic',
  clientSecret: '${AUTH0_CLIENT_SECRET}',
};

describe('config', () => {
  it('substitutes ${ENV} references and names the field of an unset one', () => {
    expect(substituteEnv({ a: ['x-${A}-y'] }, { A: '1' })).toEqual({ a: ['x-1-y'] });
    expect(() => substituteEnv({ profiles: [{ clientSecret: '${NOPE}' }] }, {})).toThrow('profiles[0].clientSecret: environment variable NOPE is not set');
  });

  it('resolves a client_secret_basic profile and keeps the secret server-side', async () => {
    const config = await resolveConfig({ profiles: [m2m] }, { ...base, env: { AUTH0_CLIENT_SECRET: 's3cr3t-value' } });
    expect(config.profiles[0]).toMatchObject({ id: 'acme-m2m', clientSecret: 's3cr3t-value', timeoutMs: 5000, assertionAudience: 'issuer' });
    expect(config.secrets).toEqual(['s3cr3t-value']);
    expect(JSON.stringify(toProfileSummary(config.profiles[0]!))).not.toContain('s3cr3t');
  });

  it('names the field when a value is wrong', async () => {
    await expect(resolveConfig({ profiles: [{ ...m2m, clientSecret: 'x', issuer: 'not a url' }] }, base)).rejects.toThrow(/profiles\[0\]\.issuer/);
    await expect(resolveConfig({ profiles: [{ ...m2m, clientSecret: undefined }] }, base)).rejects.toThrow(/profiles\[0\]\.clientSecret is required for client_secret_basic/);
    await expect(resolveConfig({ profiles: [{ ...m2m, clientSecret: 'x', clientAuthMethod: 'magic' }] }, base)).rejects.toThrow(/profiles\[0\]\.clientAuthMethod/);
    await expect(resolveConfig({ profiles: [{ ...m2m, clientSecret: 'x', typo: 1 }] }, base)).rejects.toThrow(/typo/);
    await expect(resolveConfig({ profiles: [{ ...m2m, clientSecret: 'x' }, { ...m2m, clientSecret: 'y' }] }, base)).rejects.toThrow(/profiles\[1\]\.id duplicates/);
  });

  it('reads tokenParams (none by default), shows it in the summary, and refuses names the server sets itself', async () => {
    const plain = await resolveConfig({ profiles: [{ ...m2m, clientSecret: 'x' }] }, base);
    expect(plain.profiles[0]?.tokenParams).toEqual([]);
    expect(toProfileSummary(plain.profiles[0]!).token_params).toBeUndefined();
    const withParams = await resolveConfig({ profiles: [{ ...m2m, clientSecret: 'x', tokenParams: ['user_id', 'user_id', 'organization'] }] }, base);
    expect(withParams.profiles[0]?.tokenParams).toEqual(['user_id', 'organization']);
    expect(toProfileSummary(withParams.profiles[0]!).token_params).toEqual(['user_id', 'organization']);
    for (const name of ['client_secret', 'grant_type', 'audience', 'subject_token']) {
      await expect(resolveConfig({ profiles: [{ ...m2m, clientSecret: 'x', tokenParams: [name] }] }, base)).rejects.toThrow(/profiles\[0\]\.tokenParams\[0\] is set by the server itself/);
    }
    await expect(resolveConfig({ profiles: [{ ...m2m, clientSecret: 'x', tokenParams: ['a b'] }] }, base)).rejects.toThrow(/tokenParams\[0\] is not a parameter name/);
  });

  it('refuses an issuer that carries credentials, a query or a fragment', async () => {
    for (const issuer of ['https://admin:hunter2@as.example.com/', 'https://as.example.com/?x=1', 'https://as.example.com/#f']) {
      await expect(resolveConfig({ profiles: [{ ...m2m, clientSecret: 'x', issuer }] }, base)).rejects.toThrow(/profiles\[0\]\.issuer must not carry credentials/);
    }
  });

  it('keeps an API baseUrl that is https, or http on loopback, and refuses any other', async () => {
    const withApi = (baseUrl: string) => ({ profiles: [{ ...m2m, clientSecret: 'x', apis: [{ identifier: 'https://api.acme.test/', baseUrl }] }] });
    for (const baseUrl of ['https://api.acme.test/v1/', 'http://127.0.0.1:4001/demo-api/', 'http://localhost:8080/']) {
      expect((await resolveConfig(withApi(baseUrl), base)).profiles[0]?.apis[0]?.baseUrl).toBe(baseUrl);
    }
    await expect(resolveConfig(withApi('http://api.acme.test/'), base)).rejects.toThrow(/profiles\[0\]\.apis\[0\]\.baseUrl must be https/);
    for (const baseUrl of ['https://u:p@api.acme.test/', 'https://api.acme.test/?k=1', 'https://api.acme.test/#f']) {
      await expect(resolveConfig(withApi(baseUrl), base)).rejects.toThrow(/profiles\[0\]\.apis\[0\]\.baseUrl must not carry credentials/);
    }
    for (const baseUrl of ['ftp://api.acme.test/', 'not a url', 'file:///etc/passwd']) {
      await expect(resolveConfig(withApi(baseUrl), base)).rejects.toThrow(/profiles\[0\]\.apis\[0\]\.baseUrl/);
    }
  });

  it('refuses at load a private key that cannot sign with its configured alg', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-config-'));
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(join(dir, 'ec.pem'), ec.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const profile = { id: 'rs', issuer: 'https://t.example/', clientId: 'rs', clientAuthMethod: 'private_key_jwt', privateKeyFile: 'ec.pem', privateKeyAlg: 'RS256' };
    await expect(resolveConfig({ profiles: [profile] }, { ...base, baseDir: dir })).rejects.toThrow(/profiles\[0\]\.privateKeyFile: cannot sign RS256 with this ec key/);
  });

  it('says where a config file is not valid JSON without quoting its text (it may hold a secret)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-config-'));
    writeFileSync(join(dir, 'bad.json'), '{\n  "profiles": [],\n  "clientSecret": Sup3rS3cr3tValue\n}');
    const error = await loadConfigFile({ WORKBENCH_CONFIG: 'bad.json' }, dir).then(
      () => new Error('expected the config to be refused'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/bad\.json: not valid JSON at line 3, column 19/);
    expect(error.message).not.toContain('Sup3r');
  });

  it('loads a private_key_jwt key from a PEM file (PKCS#8 or PKCS#1) or a JWK, with a thumbprint kid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-config-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'pkcs8.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'pkcs1.pem'), privateKey.export({ type: 'pkcs1', format: 'pem' }));
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    writeFileSync(join(dir, 'ec.jwk.json'), JSON.stringify({ ...ec.privateKey.export({ format: 'jwk' }), kid: 'my-kid' }));
    const profile = (file: string) => ({ id: 'rs', issuer: 'https://t.example/', clientId: 'rs', clientAuthMethod: 'private_key_jwt', privateKeyFile: file });
    const config = await resolveConfig({ profiles: [profile('pkcs8.pem'), { ...profile('pkcs1.pem'), id: 'rs1' }, { ...profile('ec.jwk.json'), id: 'ec' }] }, { ...base, baseDir: dir });
    const [a, b, c] = config.profiles;
    expect(a?.privateKey?.alg).toBe('RS256');
    expect(a?.privateKey?.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b?.privateKey?.kid).toBe(a?.privateKey?.kid);
    expect(c?.privateKey).toMatchObject({ alg: 'ES384', kid: 'my-kid' });
    expect(config.secrets).toHaveLength(3);
  });

  it('names privateKeyFile when the key is missing or unreadable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-config-'));
    writeFileSync(join(dir, 'junk.pem'), 'not a key');
    const profile = { id: 'rs', issuer: 'https://t.example/', clientId: 'rs', clientAuthMethod: 'private_key_jwt' };
    await expect(resolveConfig({ profiles: [{ ...profile, privateKeyFile: 'missing.pem' }] }, { ...base, baseDir: dir })).rejects.toThrow(/profiles\[0\]\.privateKeyFile: file not found/);
    await expect(resolveConfig({ profiles: [{ ...profile, privateKeyFile: 'junk.pem' }] }, { ...base, baseDir: dir })).rejects.toThrow(/profiles\[0\]\.privateKeyFile: is not a readable/);
  });

  it('reads WORKBENCH_CONFIG, and treats a missing default file as no profiles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-config-'));
    expect((await loadConfigFile({}, dir)).profiles).toEqual([]);
    await expect(loadConfigFile({ WORKBENCH_CONFIG: 'nope.json' }, dir)).rejects.toBeInstanceOf(ConfigError);
    writeFileSync(join(dir, 'bad.json'), '{ "profiles": [ }');
    await expect(loadConfigFile({ WORKBENCH_CONFIG: 'bad.json' }, dir)).rejects.toThrow(/not valid JSON/);
  });

  it('accepts the checked-in example config when its variables are set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-config-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'rs.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const env = { WORKBENCH_CONFIG: join(process.cwd(), 'workbench.config.example.json'), AUTH0_CLIENT_SECRET: 'a', AUTH0_M2M_CLIENT_SECRET: 'b', AUTH0_RS_PRIVATE_KEY_FILE: join(dir, 'rs.pem') };
    const config = await loadConfigFile(env, process.cwd());
    expect(config.profiles.map((p) => p.clientAuthMethod)).toEqual(['client_secret_post', 'client_secret_basic', 'private_key_jwt']);
  });
});
