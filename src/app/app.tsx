import { BrowserRouter } from 'react-router';
import { AppErrorBoundary } from './app-error-boundary';
import { AppProviders } from './app-providers';
import { AppRoutes } from './routes';
import { useApplyTheme } from './theme-store';

export function App() {
  useApplyTheme();
  return (
    <AppErrorBoundary>
      <AppProviders>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProviders>
    </AppErrorBoundary>
  );
}
