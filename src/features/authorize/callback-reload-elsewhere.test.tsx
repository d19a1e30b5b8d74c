import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderRoute } from '../../test-support/render-route';
import { Component as CallbackRoute } from './callback-route';

// A file of its own: only a document's first look at /callback can be a reload.
describe('/callback visited in the app after another page was reloaded', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lost nothing: the document was reloaded at /learn, not here', () => {
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([{ type: 'reload', name: `${window.location.origin}/learn` } as unknown as PerformanceEntry]);
    window.history.replaceState(null, '', '/callback');
    renderRoute(<CallbackRoute />);
    expect(screen.getByText(/No authorization response here/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'The tokens of this login are gone' })).toBeNull();
  });
});
