import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
}
interface State {
  error: Error | null;
}

const isChunkLoadError = (error: Error) => /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(error.message);

/**
 * Route-level boundary, inside the layout: a crash in one tool shows here and the navigation keeps working.
 * The layout keys it by path, so moving to another tool resets it.
 */
export class RouteErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('A tool crashed:', error.message, info.componentStack?.split('\n')[1]?.trim());
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="route-error" role="alert" aria-labelledby="route-error-title">
        <h1 id="route-error-title">This tool crashed</h1>
        <p>
          {isChunkLoadError(error)
            ? 'The tool could not be loaded: the app was probably updated. Reload the page.'
            : 'Something went wrong while rendering this tool. The other tools still work.'}
        </p>
        <pre className="error-detail">{error.message}</pre>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </section>
    );
  }
}
