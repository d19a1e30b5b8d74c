import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { Location } from 'react-router';

export interface RenderRouteOptions {
  /** Where the memory router starts. */
  url?: string;
  /** Mounts `ui` as the element of this route pattern; without it, `ui` renders as it is inside the router. */
  path?: string;
  /** A fresh client with no retries by default, so no test sees another's cache. */
  queryClient?: QueryClient;
}

function LocationProbe({ seen }: { seen: { current: Location | undefined } }) {
  seen.current = useLocation();
  return null;
}

/** Renders a route the way the app does (query client, router), and reports where the router is now. */
export function renderRoute(ui: ReactNode, { url = '/', path, queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } }) }: RenderRouteOptions = {}) {
  const seen: { current: Location | undefined } = { current: undefined };
  const element = (
    <>
      {ui}
      <LocationProbe seen={seen} />
    </>
  );
  const result = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        {path ? (
          <Routes>
            <Route path={path} element={element} />
          </Routes>
        ) : (
          element
        )}
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return {
    ...result,
    /** The router's current location (hash, search, pathname). */
    location: (): Location => {
      if (!seen.current) throw new Error('The router has not rendered yet.');
      return seen.current;
    },
  };
}
