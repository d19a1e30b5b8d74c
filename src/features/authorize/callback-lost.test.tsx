import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderRoute } from '../../test-support/render-route';
import { Component as CallbackRoute } from './callback-route';

describe('/callback after a reload', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says the in-memory tokens are gone and offers a new login, instead of an empty page', () => {
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([{ type: 'reload', name: `${window.location.origin}/callback` } as unknown as PerformanceEntry]);
    window.history.replaceState(null, '', '/callback');
    renderRoute(<CallbackRoute />);
    expect(screen.getByRole('heading', { name: 'The tokens of this login are gone' })).toBeInTheDocument();
    expect(screen.getByText(/keeps tokens in the page’s memory only/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Start a new login' })).toHaveAttribute('href', '/authorize');
    expect(screen.queryByText(/No authorization response here/)).toBeNull();
  });
});
