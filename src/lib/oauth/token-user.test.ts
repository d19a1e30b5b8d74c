import { describe, expect, it } from 'vitest';
import { noUserEvidence } from './token-user';

describe('noUserEvidence', () => {
  it('names the marks of an Auth0 client-credentials token', () => {
    expect(noUserEvidence({ sub: 'demo-m2m@clients', gty: 'client-credentials' })).toEqual(['gty is client-credentials', 'sub demo-m2m@clients ends with @clients']);
    expect(noUserEvidence({ gty: ['client-credentials'] })).toEqual(['gty is client-credentials']);
  });

  it('finds nothing in a user token or without claims', () => {
    expect(noUserEvidence({ sub: 'auth0|alice', gty: 'password' })).toBeUndefined();
    expect(noUserEvidence(undefined)).toBeUndefined();
  });
});
