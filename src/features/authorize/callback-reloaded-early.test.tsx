import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderRoute } from '../../test-support/render-route';
import { Component as CallbackRoute } from './callback-route';

// A file of its own: only a document's first look at /callback can be a reload.
describe('/callback reloaded before the address bar was cleaned', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says the tokens are gone, not that no login is pending: this tab already used the code', () => {
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([{ type: 'reload', name: `${window.location.origin}/callback?code=used-code&state=the-state` } as unknown as PerformanceEntry]);
    window.history.replaceState(null, '', '/callback?code=used-code&state=the-state');
    renderRoute(<CallbackRoute />);
    expect(screen.getByRole('heading', { name: 'The tokens of this login are gone' })).toBeInTheDocument();
    expect(screen.queryByText(/no login is pending/i)).toBeNull();
    expect(window.location.search).toBe('');
  });
});
