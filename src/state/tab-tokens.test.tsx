import { renderHook, act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useTabTokenActions, useTabTokens } from './tab-tokens';

describe('tokens obtained in this tab', () => {
  it('keeps each token once, newest first, and at most twelve', () => {
    const { result } = renderHook(() => ({ tokens: useTabTokens(), actions: useTabTokenActions() }));
    act(() => result.current.actions.tokenObtained({ token: 'a', label: 'first', source: 'mint' }));
    act(() => result.current.actions.tokenObtained({ token: 'a', label: 'again', source: 'authorize' }));
    act(() => result.current.actions.tokenObtained({ token: ' ', label: 'blank', source: 'mint' }));
    expect(result.current.tokens.map((t) => t.label)).toEqual(['first']);
    for (let i = 0; i < 14; i += 1) act(() => result.current.actions.tokenObtained({ token: `t${i}`, label: `t${i}`, source: 'mint' }));
    expect(result.current.tokens).toHaveLength(12);
    expect(result.current.tokens[0]?.label).toBe('t13');
  });
});
