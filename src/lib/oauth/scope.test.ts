import { describe, expect, it } from 'vitest';
import { formatScope, splitScope } from './scope';

describe('splitScope', () => {
  it('splits on runs of whitespace, drops empty words and repeats, keeps order (RFC 6749 §3.3)', () => {
    expect(splitScope('  openid  read:users\tupdate:users openid ')).toEqual(['openid', 'read:users', 'update:users']);
    expect(formatScope(splitScope(' a  b '))).toBe('a b');
  });

  it('has no scopes for an empty or absent value', () => {
    expect(splitScope(undefined)).toEqual([]);
    expect(splitScope('   ')).toEqual([]);
  });

  it('is case-sensitive', () => {
    expect(splitScope('Read read')).toEqual(['Read', 'read']);
  });
});
