import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSecretScrubber, formUrlEncode } from './secret-scrubber';
import { stubProfile } from '../test-support';

// Issue 14 §8: the scrubber never lets a secret through, in any encoding it claims to cover, whatever surrounds it.

const RUNS = { numRuns: 1000 };
const MARKER = '[redacted]';
/** Secrets as people choose them: any Unicode, with the characters that encodings change ('+', '/', '=', '%', '&', '"', spaces). */
const secretText = fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), fc.constantFrom('+', '/', '=', '%', '&', '"', ' ', '~', '*')), minLength: 4, maxLength: 40 })
  .filter((s) => s.length >= 4 && !s.includes(MARKER));
const clientId = fc.string({ minLength: 1, maxLength: 20 });
const surrounding = fc.string({ unit: 'grapheme', maxLength: 30 });

const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The encodings the scrubber documents: raw, percent- and form-encoded in both hex cases, and inside Basic credentials. */
function coveredForms(secret: string, id: string): string[] {
  const encoded = [formUrlEncode(secret), encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
  const basic = [base64(`${formUrlEncode(id)}:${formUrlEncode(secret)}`), base64(`${id}:${secret}`)];
  return [secret, ...encoded, ...encoded.map(lowerHex), ...basic, ...basic.map((b) => b.replace(/=+$/, ''))];
}

/** What is left once every marker is cut out: the text an observer could still read secrets from. */
const visible = (scrubbed: string) => scrubbed.split(MARKER).join('\u0000');

describe('secret scrubber properties', { timeout: 30_000 }, () => {
  it('text and errorText never let a configured client secret through, in any covered encoding, wherever it sits', () => {
    fc.assert(fc.property(secretText, clientId, surrounding, surrounding, fc.boolean(), (secret, id, before, after, twice) => {
      const scrubber = createSecretScrubber({ profiles: [stubProfile('https://as.example/', { clientId: id, clientSecret: secret })], secrets: [secret] });
      for (const form of coveredForms(secret, id)) {
        const input = `${before}${form}${twice ? form : ''}${after}`;
        expect(visible(scrubber.text(input))).not.toContain(form);
        expect(visible(scrubber.errorText(input))).not.toContain(form);
      }
    }), RUNS);
  });

  it('json never lets the secret through in any string or member name, at any depth it accepts', () => {
    const answer = fc.jsonValue({ maxDepth: 4 });
    fc.assert(fc.property(secretText, answer, fc.nat(), (secret, value, pick) => {
      const scrubber = createSecretScrubber({ profiles: [], secrets: [secret] });
      const forms = coveredForms(secret, 'client').slice(0, 7); // no Basic credentials without a profile
      const form = forms[pick % forms.length] as string;
      const strings: string[] = [];
      const collect = (node: unknown, depth: number): void => {
        if (typeof node === 'string') strings.push(node);
        else if (node && typeof node === 'object' && depth < 10) {
          for (const [k, v] of Object.entries(node)) {
            strings.push(k);
            collect(v, depth + 1);
          }
        }
      };
      collect(scrubber.json({ [`k ${form}`]: [value, `v ${form} v`], nested: { [form]: value } }), 0);
      for (const text of strings) expect(visible(text)).not.toContain(form);
    }), RUNS);
  });

  it('a private key never gets through as its PEM lines, however the line breaks were re-encoded, nor as its JWK private members', () => {
    const keys = [generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey];
    const scrubbers = keys.map((key) => createSecretScrubber({ profiles: [stubProfile('https://as.example/', { clientAuthMethod: 'private_key_jwt', clientSecret: undefined, privateKey: { key, alg: 'RS256', kid: 'k' } })], secrets: [] }));
    const pems = keys.map((key) => key.export({ format: 'pem', type: 'pkcs8' }).toString().trim());
    const jwks = keys.map((key) => key.export({ format: 'jwk' }) as Record<string, unknown>);
    fc.assert(fc.property(fc.nat(1), fc.constantFrom('\n', '\r\n', '\\n', '\\r\\n', ' '), surrounding, surrounding, (which, lineBreak, before, after) => {
      const lines = (pems[which] as string).split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'));
      const scrubbed = visible((scrubbers[which] as ReturnType<typeof createSecretScrubber>).text(`${before}${(pems[which] as string).split('\n').join(lineBreak)}${after}`));
      for (const line of lines) expect(scrubbed).not.toContain(line);
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
        const value = jwks[which]?.[member];
        if (typeof value === 'string') expect(visible((scrubbers[which] as ReturnType<typeof createSecretScrubber>).text(`${before}"${member}":"${value}"${after}`))).not.toContain(value);
      }
    }), { numRuns: 200 });
  });
});
