import { describe, expect, it } from 'vitest';
import { createSecretScrubber, formUrlEncode, maxJsonDepth, NestingTooDeepError } from './secret-scrubber';
import { stubProfile } from '../test-support';

const secret = 'S3cr3t/with+special=chars&more';
const profile = stubProfile('https://as.example/', { clientId: 'my-client', clientSecret: secret });
const scrubber = createSecretScrubber({ profiles: [profile], secrets: [secret] });

describe('secret scrubber', () => {
  it('finds the secret raw, percent- and form-encoded, and inside Basic credentials', () => {
    const basic = Buffer.from(`${formUrlEncode('my-client')}:${formUrlEncode(secret)}`).toString('base64');
    const forms = [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
      new URLSearchParams({ s: secret }).toString().slice(2),
      formUrlEncode(secret),
      basic,
      Buffer.from(`my-client:${secret}`).toString('base64'),
    ];
    for (const form of forms) expect(scrubber.text(`before ${form} after`)).toBe('before [redacted] after');
  });

  it('scrubs credentials it has no needle for from error text only', () => {
    const text = 'got Basic b3RoZXI6Y2xpZW50 and Bearer eyJhbGciOi.x.y with client_secret=zzz&client_assertion=a.b.c';
    expect(scrubber.errorText(text)).toBe('got Basic [redacted] and Bearer [redacted] with client_secret=[redacted]&client_assertion=[redacted]');
    expect(scrubber.text(text)).toBe(text);
  });

  it('scrubs every string of a JSON answer, member names included, and refuses deep nesting', () => {
    const answer = { active: true, echo: { [secret]: [`x ${secret}`, 1, null] } };
    expect(scrubber.json(answer)).toEqual({ active: true, echo: { '[redacted]': ['x [redacted]', 1, null] } });
    const nested = JSON.parse(`${'['.repeat(maxJsonDepth + 1)}${']'.repeat(maxJsonDepth + 1)}`) as unknown;
    expect(() => scrubber.json({ x: nested })).toThrow(NestingTooDeepError);
    expect(() => scrubber.json(JSON.parse(`${'['.repeat(maxJsonDepth)}${']'.repeat(maxJsonDepth)}`))).not.toThrow();
  });
});

describe('secret scrubber: re-encoded echoes (issue 14 §2)', () => {
  const quotedSecret = 'a"quoted\\secret-with-quotes';
  const quotedScrubber = createSecretScrubber({ profiles: [stubProfile('https://as.example/', { clientSecret: quotedSecret })], secrets: [] });

  it('finds the secret as a quoted-string, as in a WWW-Authenticate challenge, and as a JSON string', () => {
    const challenge = `Bearer error="invalid_client", error_description="bad secret ${quotedSecret.replace(/["\\]/g, '\\$&')}"`;
    expect(quotedScrubber.text(challenge)).not.toContain('quoted');
    expect(quotedScrubber.text(JSON.stringify({ echo: quotedSecret }))).not.toContain('quoted');
  });

  it('finds base64 and base64url of the bare secret, at every alignment inside a longer encoded value', () => {
    for (const prefix of ['', 'x', 'xy', 'xyz', 'client:']) {
      for (const suffix of ['', '!', '!?']) {
        const bytes = Buffer.from(`${prefix}${secret}${suffix}`);
        for (const encoded of [bytes.toString('base64'), bytes.toString('base64url')]) {
          const out = scrubber.text(`echo ${encoded} end`);
          expect(out, `${prefix}|${suffix} as ${encoded}`).toContain('[redacted]');
          // What is left beside the redaction encodes the neighbours (and padding), never a run of the secret.
          const neighbourChars = Math.ceil(((prefix.length + suffix.length) * 4) / 3) + 4;
          expect(out.replace(/^echo |\s?end$/g, '').replace('[redacted]', '').length).toBeLessThanOrEqual(neighbourChars);
        }
      }
    }
  });

  it('finds upper- and lower-cased echoes, and their base64', () => {
    for (const form of [secret.toUpperCase(), secret.toLowerCase(), encodeURIComponent(secret).toLowerCase()]) {
      expect(scrubber.text(`x ${form} y`)).toBe('x [redacted] y');
    }
    expect(scrubber.text(Buffer.from(secret.toUpperCase()).toString('base64'))).toContain('[redacted]');
  });

  it('finds double percent-encoding and double form-encoding', () => {
    for (const form of [encodeURIComponent(encodeURIComponent(secret)), formUrlEncode(formUrlEncode(secret)), encodeURIComponent(formUrlEncode(secret))]) {
      expect(scrubber.text(`x ${form} y`)).toBe('x [redacted] y');
    }
  });

  it('leaves ordinary text alone', () => {
    const text = 'invalid_client: client authentication failed (see https://as.example/docs?x=1)';
    expect(scrubber.text(text)).toBe(text);
  });
});
