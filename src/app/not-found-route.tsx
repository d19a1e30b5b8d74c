import { Link, useLocation } from 'react-router';
import { toolRoutes } from './tool-routes';

export function NotFoundRoute() {
  const { pathname } = useLocation();
  return (
    <section className="not-found">
      <title>Page not found · Token Workbench</title>
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{pathname}</code>. The tools are:
      </p>
      <ul>
        {toolRoutes.map((tool) => (
          <li key={tool.path}>
            <Link to={`/${tool.path}`}>{tool.label}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
