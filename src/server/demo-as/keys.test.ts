import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DemoKeysError, loadOrCreateDemoKeys } from './keys';

const freshDir = () => mkdtempSync(join(tmpdir(), 'tw-demo-keys-'));

describe('the demo keys file', () => {
  it('is made at first start, and read back as it is at the next', async () => {
    const dir = freshDir();
    const made = await loadOrCreateDemoKeys(dir);
    expect(await loadOrCreateDemoKeys(dir)).toEqual(made);
  });

  const valid = async () => {
    const dir = freshDir();
    await loadOrCreateDemoKeys(dir);
    return JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  };

  /** Each corrupt state stops start-up with one message naming the file, what is wrong and what to do; the file is left as it is. */
  const expectRefused = async (contents: string, problem: RegExp) => {
    const dir = freshDir();
    const file = join(dir, 'keys.json');
    writeFileSync(file, contents);
    const error = await loadOrCreateDemoKeys(dir).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(DemoKeysError);
    const message = (error as Error).message;
    expect(message.startsWith(`${file} `)).toBe(true);
    expect(message).toMatch(problem);
    expect(message).toContain('It was left as it is. Restore it from a backup, or delete it to have new demo keys made at the next start');
    expect(message).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe(contents);
  };

  it('refuses an empty file', async () => {
    await expectRefused('', /is empty/);
    await expectRefused('  \n', /is empty/);
  });

  it('refuses a file that is not JSON', async () => {
    await expectRefused('{"version": 1, "signingKey": ', /is not JSON/);
  });

  it('refuses a file of the wrong shape, naming the field', async () => {
    await expectRefused('{}', /is not in the expected shape \(version: /);
    await expectRefused('[]', /is not in the expected shape/);
    await expectRefused(JSON.stringify({ ...(await valid()), version: 2 }), /expected shape \(version:/);
    await expectRefused(JSON.stringify({ ...(await valid()), demoM2mSecret: 'short' }), /demoM2mSecret/);
  });

  it('refuses a public-only key', async () => {
    const keys = await valid();
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicOnly } = keys.signingKey ?? {};
    await expectRefused(JSON.stringify({ ...keys, signingKey: publicOnly }), /expected shape \(signingKey\.d:/);
  });

  it('refuses a key that does not import, one whose halves do not match, and a key of the wrong type', async () => {
    const keys = await valid();
    await expectRefused(JSON.stringify({ ...keys, signingKey: { ...keys.signingKey, n: 'AAAA' } }), /holds a signingKey that is not a working RS256 private key/);
    await expectRefused(JSON.stringify({ ...keys, signingKey: { ...keys.signingKey, p: 'AAAA' } }), /signingKey that is not a working RS256/);
    const other = await valid();
    await expectRefused(JSON.stringify({ ...keys, demoRsKey: { ...keys.demoRsKey, d: other.demoRsKey?.d } }), /holds a demoRsKey that is not a working ES256 private key/);
    await expectRefused(JSON.stringify({ ...keys, demoRsKey: keys.signingKey }), /demoRsKey that is not a working ES256/);
  });

  it('refuses a keys.json that cannot be read', async () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'keys.json'));
    await expect(loadOrCreateDemoKeys(dir)).rejects.toThrow(`${join(dir, 'keys.json')} cannot be read (EISDIR)`);
  });
});
