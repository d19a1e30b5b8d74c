import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { routeSources, staticClosure } from '../src/server/static-assets';
import type { ViteManifest } from '../src/server/static-assets';

/** Issue 15 §1: the JS a first visit to /debugger needs before the route renders, on the wire. */
export const firstRouteBudgetBytes = 110 * 1024;

/** Bytes of a set of files as the companion sends them: to a brotli browser, a gzip-only one, and uncompressed. */
export interface WireSize {
  br: number;
  gzip: number;
  identity: number;
}

export interface RouteSize {
  route: string;
  /** The route's own chunks: its module and the static imports the entry does not already load. */
  chunk: WireSize;
  /** The entry's JS and the route's own chunks: what a first visit to the route loads before it renders. */
  firstLoadJs: WireSize;
  /** The CSS of the same modules. */
  firstLoadCss: WireSize;
}

const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : undefined);

/** A file's bytes as sent: the .br / .gz that `vite build` wrote beside it, or the file itself when it has none. */
function wireSize(distDir: string, files: Iterable<string>): WireSize {
  const total: WireSize = { br: 0, gzip: 0, identity: 0 };
  for (const file of files) {
    const path = join(distDir, file);
    const identity = sizeOf(path) ?? 0;
    total.identity += identity;
    total.br += sizeOf(`${path}.br`) ?? identity;
    total.gzip += sizeOf(`${path}.gz`) ?? identity;
  }
  return total;
}

function filesOf(manifest: ViteManifest, keys: Iterable<string>, kind: 'js' | 'css'): Set<string> {
  const files = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) continue;
    if (kind === 'js') files.add(chunk.file);
    else for (const css of chunk.css ?? []) files.add(css);
  }
  return files;
}

/**
 * Per route, from Vite's manifest and the compressed files beside each asset: the bytes that travel on a first
 * visit before the route renders. The route's lazy chunks (CodeMirror, the panels) load after and are not counted.
 */
export function measureBundle(distDir = 'dist'): { entryJs: WireSize; routes: RouteSize[]; allJs: WireSize } {
  const manifestPath = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} not found: run \`npm run build\` first`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ViteManifest;
  if (!manifest['index.html']) throw new Error('no index.html entry in the manifest');
  const entryKeys = staticClosure(manifest, 'index.html');
  const entryJs = wireSize(distDir, filesOf(manifest, entryKeys, 'js'));
  const routes = Object.entries(routeSources).map(([route, source]) => {
    const own = [...staticClosure(manifest, source)].filter((key) => !entryKeys.has(key));
    const firstLoad = [...entryKeys, ...own];
    return {
      route,
      chunk: wireSize(distDir, filesOf(manifest, own, 'js')),
      firstLoadJs: wireSize(distDir, filesOf(manifest, firstLoad, 'js')),
      firstLoadCss: wireSize(distDir, filesOf(manifest, firstLoad, 'css')),
    };
  });
  const allJs = wireSize(distDir, new Set(Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js'))));
  return { entryJs, routes, allJs };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const describeWire = (size: WireSize) => `${kb(size.br)} br, ${kb(size.gzip)} gzip, ${kb(size.identity)} uncompressed`;
