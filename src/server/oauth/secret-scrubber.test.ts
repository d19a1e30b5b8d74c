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
