import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { renderRoute } from '../test-support/render-route';
import { queryClient } from './query-client';
import { AppRoutes, preloadRoute } from './routes';

function Crashing(): never {
  throw new Error('boom in a tool');
}

describe('app routes', () => {
  it('shows a crash inside the layout and keeps the navigation working', { timeout: 20_000 }, async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // The app's own query client, as AppProviders gives it.
    renderRoute(<AppRoutes extraRoutes={<Route path="crash" element={<Crashing />} />} />, { url: '/crash', queryClient });
    expect(screen.getByRole('alert')).toHaveTextContent('This tool crashed');
    expect(screen.getByRole('alert')).toHaveTextContent('boom in a tool');
    const nav = screen.getByRole('navigation', { name: 'Tools' });
    await userEvent.click(screen.getByRole('link', { name: 'Scope picker' }));
    expect(nav).toBeInTheDocument();
    // The lazy route chunk is transformed on first import, which is slow under a loaded CPU.
    expect(await screen.findByRole('heading', { level: 1, name: /Scope picker/ }, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('renders a preloaded route in its first render, with no loading fallback', { timeout: 20_000 }, async () => {
    // A route no other test has rendered: without the preload, its first render would be the fallback.
    await preloadRoute('/introspect/');
    renderRoute(<AppRoutes />, { url: '/introspect', queryClient });
    expect(screen.getByRole('heading', { level: 1, name: 'Introspection' })).toBeInTheDocument();
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
  });

  it('preloads a lesson page as the lesson route, not as the lessons list', { timeout: 20_000 }, async () => {
    await preloadRoute('/learn/trailing-slash');
    renderRoute(<AppRoutes />, { url: '/learn/trailing-slash', queryClient });
    expect(screen.getByRole('heading', { level: 1, name: 'One trailing slash' })).toBeInTheDocument();
    expect(screen.queryByText('Loading…')).not.toBeInTheDocument();
  });

  it('resolves the preload of a path with no lazy route, so the app still renders', async () => {
    await expect(preloadRoute('/no/such/page')).resolves.toBeUndefined();
  });

  it('shows the not-found page for an unknown path', () => {
    renderRoute(<AppRoutes />, { url: '/no/such/page' });
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('/no/such/page')).toBeInTheDocument();
  });
});
