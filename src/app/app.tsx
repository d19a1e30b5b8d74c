import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { AppErrorBoundary } from './app-error-boundary';
import { queryClient } from './query-client';
import { AppRoutes } from './routes';
import { useApplyTheme } from './theme-store';

export function App() {
  useApplyTheme();
  return (
    <AppErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </AppErrorBoundary>
  );
}
