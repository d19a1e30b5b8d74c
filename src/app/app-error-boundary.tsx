import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** Last-resort boundary around the whole app (router, providers). Route crashes are caught lower, by RouteError. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Token Workbench crashed:', error.message, info.componentStack?.split('\n')[1]?.trim());
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="route-error" role="alert">
          <h1>Token Workbench crashed</h1>
          <pre className="error-detail">{this.state.error.message}</pre>
          <button type="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
