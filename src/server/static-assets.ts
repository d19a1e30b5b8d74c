import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import { accepts } from 'hono/accepts';
import { serveStatic } from '@hono/node-server/serve-static';
import { getMimeType } from 'hono/utils/mime';

export type ContentCoding = 'br' | 'gzip' | 'identity';
/** One parsed Accept-Encoding entry, as Hono's `accepts` parser gives it to its `match`. */
export type AcceptedCoding = Parameters<NonNullable<Parameters<typeof accepts>[1]['match']>>[0][number];

/** The files `vite build` writes beside each text asset (vite.config.ts), in the order we prefer them. */
const precompressed = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const satisfies readonly { coding: ContentCoding; suffix: string }[];
const preference: readonly ContentCoding[] = ['br', 'gzip', 'identity'];

/** Hashed by Vite: a new build gets new names, so a browser may keep these for a year without asking. */
export const immutableCache = 'public, max-age=31536000, immutable';
/** index.html, sw.js, the manifest and icons keep their names across builds: always revalidated. */
export const revalidateCache = 'no-cache';

/**
 * The content coding to send, of those available, for a parsed Accept-Encoding (RFC 9110 §12.5.3): the highest
 * q-value wins, q=0 refuses, `*` stands for any coding not named, and ties go to the smaller file (br, then gzip,
 * then identity). Identity, when not named, is acceptable at the lowest q-value listed (as the `negotiator` package
 * does), so `gzip;q=0.9` still gets gzip. When nothing is acceptable we still send identity.
 */
export function chooseContentCoding(accepted: readonly Pick<AcceptedCoding, 'type' | 'q'>[], available: readonly ContentCoding[]): ContentCoding {
  const lowestListed = Math.min(1, ...accepted.filter((a) => a.q > 0).map((a) => a.q));
  const quality = (coding: ContentCoding): number => {
    const named = accepted.find((a) => a.type.toLowerCase() === coding);
    if (named) return named.q;
    const anyOther = accepted.find((a) => a.type === '*');
    if (anyOther) return anyOther.q;
    return coding === 'identity' ? lowestListed : 0;
  };
  let best: ContentCoding = 'identity';
  let bestQuality = 0;
  for (const coding of preference) {
    if (!available.includes(coding)) continue;
    const q = quality(coding);
    if (q > bestQuality) [best, bestQuality] = [coding, q];
  }
  return best;
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The coding to send of those a file has, by the request's Accept-Encoding (identity is always there). */
const negotiate = (c: Context, available: readonly ContentCoding[]) =>
  accepts(c, { header: 'Accept-Encoding', supports: [...available, 'identity'], default: 'identity', match: (a) => chooseContentCoding(a, [...available, 'identity']) }) as ContentCoding;

interface StoredFile {
  body: Uint8Array<ArrayBuffer>;
  lastModified: string;
}
interface HashedAsset {
  contentType: string;
  /** The codings with a file beside the original, in `precompressed` order. */
  available: ContentCoding[];
  files: Partial<Record<ContentCoding, StoredFile>> & { identity: StoredFile };
}

/**
 * The hashed files of `assets/` with their brotli and gzip copies, read once: a name there never changes content (a
 * new build writes new names), so a cold load's dozen scripts cost no stat, open or read each. Files of later builds
 * are still served, from disk.
 */
function readHashedAssets(distDir: string): ReadonlyMap<string, HashedAsset> {
  const dir = join(distDir, 'assets');
  const assets = new Map<string, HashedAsset>();
  if (!existsSync(dir)) return assets;
  const read = (path: string): StoredFile => ({ body: new Uint8Array(readFileSync(path)), lastModified: statSync(path).mtime.toUTCString() });
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (precompressed.some(({ suffix }) => name.endsWith(suffix)) || !isFile(path)) continue;
    const asset: HashedAsset = { contentType: contentTypeOf(name), available: [], files: { identity: read(path) } };
    for (const { coding, suffix } of precompressed) {
      if (!isFile(path + suffix)) continue;
      asset.available.push(coding);
      asset.files[coding] = read(path + suffix);
    }
    assets.set(`/assets/${name}`, asset);
  }
  return assets;
}

/** A hashed asset from memory, with the headers the disk path gives it (no range requests: those go to the disk). */
function sendHashedAsset(c: Context, asset: HashedAsset): Response {
  const coding = negotiate(c, asset.available);
  const file = asset.files[coding] ?? asset.files.identity;
  c.header('Content-Type', asset.contentType);
  c.header('Content-Length', String(file.body.byteLength));
  c.header('Last-Modified', file.lastModified);
  if (coding !== 'identity') c.header('Content-Encoding', coding);
  if (asset.available.length > 0) c.header('Vary', 'Accept-Encoding');
  c.header('Cache-Control', immutableCache);
  return c.req.method === 'HEAD' ? c.body(null, 200) : c.body(file.body, 200);
}

/**
 * The built app's files, each as the brotli or gzip file that `vite build` wrote beside it when the browser accepts
 * one, never compressed again here. Content-Type is the original file's; Content-Length and Content-Encoding are
 * the file's that is sent, and `Vary: Accept-Encoding` marks every file that has variants. Hashed assets are served
 * from memory; the rest (index.html, sw.js, the manifest, icons keep their names and may be redeployed) from disk.
 */
export function staticAssets(distDir: string): MiddlewareHandler {
  const hashed = readHashedAssets(distDir);
  const chosen = new WeakMap<Request, { coding: ContentCoding; hasVariants: boolean; original: string }>();
  const serve = serveStatic({
    root: distDir,
    // Called with the decoded path that serveStatic has already checked for traversal.
    rewriteRequestPath: (path, c) => {
      const available = precompressed.filter(({ suffix }) => isFile(join(distDir, path + suffix))).map(({ coding }) => coding);
      const coding = negotiate(c, available);
      chosen.set(c.req.raw, { coding, hasVariants: available.length > 0, original: path });
      const suffix = precompressed.find((p) => p.coding === coding)?.suffix ?? '';
      return path + suffix;
    },
  });
  return async (c, next) => {
    // The app shell answers these, with the first route's preloads.
    if (c.req.path === '/' || c.req.path === '/index.html') return next();
    const asset = hashed.get(c.req.path);
    if (asset && (c.req.method === 'GET' || c.req.method === 'HEAD') && c.req.header('range') === undefined) return sendHashedAsset(c, asset);
    const res = await serve(c, next);
    const choice = chosen.get(c.req.raw);
    if (!(res instanceof Response) || !choice) return res;
    res.headers.set('Content-Type', contentTypeOf(choice.original));
    if (choice.coding !== 'identity') res.headers.set('Content-Encoding', choice.coding);
    if (choice.hasVariants) res.headers.append('Vary', 'Accept-Encoding');
    if (res.status === 200 || res.status === 206) res.headers.set('Cache-Control', choice.original.startsWith('/assets/') ? immutableCache : revalidateCache);
    return res;
  };
}

const contentTypeOf = (path: string) => getMimeType(path) ?? 'application/octet-stream';

/** Each route's module in Vite's manifest: the first route's chunk is preloaded with the page (issue 15 §1). */
export const routeSources: Readonly<Record<string, string>> = {
  '/debugger': 'src/features/debugger/debugger-route.tsx',
  '/scopes': 'src/features/scopes/scopes-route.tsx',
  '/authorize': 'src/features/authorize/authorize-route.tsx',
  '/introspect': 'src/features/introspect/introspect-route.tsx',
  '/callback': 'src/features/authorize/callback-route.tsx',
};

export interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}
export type ViteManifest = Readonly<Record<string, ManifestChunk>>;

/** The manifest keys a module loads before it runs: itself and its static imports, transitively. */
export function staticClosure(manifest: ViteManifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key) || !manifest[key]) return into;
  into.add(key);
  for (const dep of manifest[key].imports ?? []) staticClosure(manifest, dep, into);
  return into;
}

const filesOf = (manifest: ViteManifest, keys: Iterable<string>) => [...keys].map((key) => manifest[key]?.file).filter((f): f is string => f !== undefined);

/** The JS files a route's module needs before it runs: its chunk and its static imports, minus those of the entry. */
export function routePreloads(manifest: ViteManifest, source: string): string[] {
  const entryFiles = new Set(filesOf(manifest, staticClosure(manifest, 'index.html')));
  return filesOf(manifest, staticClosure(manifest, source)).filter((f) => !entryFiles.has(f) && f.endsWith('.js'));
}

/**
 * The style sheets of a route's chunks, minus the entry's. Vite's loader waits for a lazy route's CSS before it runs
 * the route: named in the shell, they arrive beside the entry instead of in one more wave after it has run (and the
 * loader, finding them linked, waits for nothing).
 */
export function routeStyles(manifest: ViteManifest, source: string): string[] {
  const cssOf = (keys: Iterable<string>) => [...keys].flatMap((key) => manifest[key]?.css ?? []);
  const entryCss = new Set(cssOf(staticClosure(manifest, 'index.html')));
  return [...new Set(cssOf(staticClosure(manifest, source)))].filter((f) => !entryCss.has(f));
}

/**
 * The SPA fallback: index.html for any client-side route, with `modulepreload` links for the route's own chunks and
 * its style sheets, so the browser fetches them beside the entry instead of after it has run. Links, not a script:
 * the CSP forbids inline scripts. Revalidated on each visit, as it names the current build's files.
 */
export function appShell(distDir: string): (c: Context) => Response {
  let indexHtml: string | undefined;
  let manifest: ViteManifest | undefined;
  const perRoute = new Map<string, string>();
  return (c) => {
    indexHtml ??= readFileSync(join(distDir, 'index.html'), 'utf8');
    const manifestPath = join(distDir, '.vite', 'manifest.json');
    manifest ??= existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as ViteManifest) : {};
    // The index route redirects to the token editor.
    const route = c.req.path === '/' ? '/debugger' : c.req.path.replace(/\/+$/, '');
    const source = routeSources[route];
    let html = indexHtml;
    if (source) {
      const known = perRoute.get(route);
      if (known === undefined) {
        const links = [
          ...routeStyles(manifest, source).map((file) => `<link rel="stylesheet" crossorigin href="/${file}">`),
          ...routePreloads(manifest, source).map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
        ].join('');
        html = indexHtml.replace('</head>', `${links}</head>`);
        perRoute.set(route, html);
      } else html = known;
    }
    c.header('Cache-Control', revalidateCache);
    return c.html(html);
  };
}
