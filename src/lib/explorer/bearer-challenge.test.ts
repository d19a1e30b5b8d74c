import { describe, expect, it } from 'vitest';
import { parseBearerChallenge } from './bearer-challenge';

describe('parseBearerChallenge', () => {
  it('reads the RFC 6750 §3 examples', () => {
    expect(parseBearerChallenge('Bearer realm="example"')).toEqual({ realm: 'example' });
    expect(parseBearerChallenge('Bearer realm="example", error="invalid_token", error_description="The access token expired"')).toEqual({
      realm: 'example',
      error: 'invalid_token',
      error_description: 'The access token expired',
    });
    expect(parseBearerChallenge('Bearer error="insufficient_scope", scope="write:appointments read:appointments"')).toEqual({
      error: 'insufficient_scope',
      scope: 'write:appointments read:appointments',
    });
  });

  it('finds Bearer among several challenges, with any case, token values and escapes', () => {
    expect(parseBearerChallenge('Basic realm="a, b", bearer Error=invalid_token, error_description="say \\"hi\\""')).toEqual({ error: 'invalid_token', error_description: 'say "hi"' });
    expect(parseBearerChallenge('Bearer')).toEqual({});
  });

  it('gives null without a Bearer challenge', () => {
    expect(parseBearerChallenge('Basic realm="x"')).toBeNull();
    expect(parseBearerChallenge('')).toBeNull();
    expect(parseBearerChallenge(undefined)).toBeNull();
  });
});
