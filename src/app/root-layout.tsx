import { lazy, Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useActiveLesson } from '../features/lessons/lesson-progress-store';
import { RouteErrorBoundary } from './route-error-boundary';
import { ThemeSelect } from './theme-select';
import { UpdatePrompt } from './update-prompt';
import { toolRoutes } from './tool-routes';
import { useStickyHeaderHeight } from './use-sticky-header-height';

// Its own chunk, loaded only while a lesson is followed.
const LessonRail = lazy(() => import('../features/lessons/lesson-rail'));

export function RootLayout() {
  const activeLesson = useActiveLesson();
  const { pathname } = useLocation();
  const headerRef = useStickyHeaderHeight<HTMLElement>();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header" ref={headerRef}>
        <NavLink to="/debugger" className="brand" aria-label="Token Workbench home">
          <span aria-hidden="true" className="brand-mark" />
          <span className="brand-text">Token Workbench</span>
        </NavLink>
        <nav aria-label="Tools" className="tool-nav">
          <ul>
            {toolRoutes.map((tool) => (
              <li key={tool.path}>
                <NavLink to={`/${tool.path}`}>{tool.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <ThemeSelect />
      </header>
      <main id="main" className="app-main">
        <RouteErrorBoundary key={pathname}>
          {activeLesson && !pathname.startsWith('/learn') ? (
            <Suspense fallback={null}>
              <LessonRail />
            </Suspense>
          ) : null}
          <Outlet />
        </RouteErrorBoundary>
      </main>
      <UpdatePrompt />
    </div>
  );
}
