import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface RouteSize {
  route: string;
  /** gzipped bytes of the route's own chunk and what only it imports statically */
  chunkGz: number;
  /** gzipped JS + CSS the browser loads before this route renders, when it is the first route */
  firstLoadGz: number;
  files: string[];
}

export const routeSources: Record<string, string> = {
  '/debugger': 'src/features/debugger/debugger-route.tsx',
  '/scopes': 'src/features/scopes/scopes-route.tsx',
  '/authorize': 'src/features/authorize/authorize-route.tsx',
  '/introspect': 'src/features/introspect/introspect-route.tsx',
  '/callback': 'src/features/authorize/callback-route.tsx',
};

const gzSize = (distDir: string, file: string) => gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;

function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) staticClosure(manifest, dep, seen);
  return seen;
}

function filesOf(manifest: Manifest, keys: Iterable<string>): string[] {
  const files = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) continue;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
  }
  return [...files];
}

/** Sizes per route from Vite's manifest: the shell (index.html's entry) plus each route's lazy chunk. */
export function measureBundle(distDir = 'dist'): { shellGz: number; routes: RouteSize[]; totalJsGz: number } {
  const manifestPath = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} not found: run \`npm run build\` first`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entryKey) throw new Error('no entry chunk in the manifest');
  const shellKeys = staticClosure(manifest, entryKey);
  const shellFiles = filesOf(manifest, shellKeys);
  const shellGz = shellFiles.reduce((sum, f) => sum + gzSize(distDir, f), 0);
  const routes = Object.entries(routeSources).map(([route, src]) => {
    if (!manifest[src]) return { route, chunkGz: 0, firstLoadGz: shellGz, files: [] };
    const own = [...staticClosure(manifest, src)].filter((k) => !shellKeys.has(k));
    const files = filesOf(manifest, own);
    const chunkGz = files.reduce((sum, f) => sum + gzSize(distDir, f), 0);
    return { route, chunkGz, firstLoadGz: shellGz + chunkGz, files };
  });
  const allJs = new Set(Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js')));
  const totalJsGz = [...allJs].reduce((sum, f) => sum + gzSize(distDir, f), 0);
  return { shellGz, routes, totalJsGz };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
