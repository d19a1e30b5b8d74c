import { describe, expect, it } from 'vitest';
import { explainHeader } from './header-params';

describe('explainHeader', () => {
  it('explains registered parameters with a spec link and flags the ones that name a key', () => {
    const rows = explainHeader({ alg: 'RS256', kid: 'k1', jku: 'https://evil.example/jwks', custom: 1 });
    expect(rows.map((r) => [r.name, r.label, r.namesKey ?? false])).toEqual([
      ['alg', 'Algorithm', false],
      ['kid', 'Key ID', false],
      ['jku', 'JWK Set URL', true],
      ['custom', 'Private parameter', false],
    ]);
    expect(rows[0]?.specUrl).toBe('https://www.rfc-editor.org/rfc/rfc7515#section-4.1.1');
  });
});
