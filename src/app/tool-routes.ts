/** One entry per tool: each is its own lazily loaded chunk. */
export const toolRoutes = [
  { path: 'debugger', label: 'Token editor', load: () => import('../features/debugger/debugger-route') },
  { path: 'scopes', label: 'Scope picker', load: () => import('../features/scopes/scopes-route') },
  { path: 'authorize', label: 'Authorize URL', load: () => import('../features/authorize/authorize-route') },
  { path: 'introspect', label: 'Introspection', load: () => import('../features/introspect/introspect-route') },
  { path: 'explorer', label: 'API explorer', load: () => import('../features/explorer/explorer-route') },
  { path: 'learn', label: 'Lessons', load: () => import('../features/lessons/learn-route') },
] as const;
