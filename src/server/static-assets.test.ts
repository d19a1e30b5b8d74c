import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import { chooseContentCoding, routePreloads, routeStyles } from './static-assets';
import type { ContentCoding } from './static-assets';
import { testDeps, testOrigin } from './test-support';

const all: ContentCoding[] = ['br', 'gzip', 'identity'];
const accepted = (header: string) =>
  header.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    return { type, q: q ? Number(q.slice(2)) : 1 };
  });

describe('chooseContentCoding (RFC 9110 §12.5.3)', () => {
  it.each([
    ['gzip, deflate, br, zstd', all, 'br'],
    ['gzip, deflate', all, 'gzip'],
    ['br;q=0.5, gzip', all, 'gzip'],
    ['br;q=0, gzip;q=0', all, 'identity'],
    ['gzip;q=0.2, identity;q=0.5', all, 'identity'],
    ['gzip;q=0.9, br;q=0.1', all, 'gzip'],
    ['*', all, 'br'],
    ['*;q=0.1, br;q=0', all, 'gzip'],
    ['GZIP', all, 'gzip'],
    ['br, gzip', ['gzip', 'identity'], 'gzip'],
    ['br', ['identity'], 'identity'],
    // Nothing acceptable: identity anyway, rather than a 406 for a script the page needs.
    ['identity;q=0', ['identity'], 'identity'],
  ] as const)('%s of %j → %s', (header, available, expected) => {
    expect(chooseContentCoding(accepted(header), available)).toBe(expected);
  });
});

describe('routePreloads', () => {
  const manifest = {
    'index.html': { file: 'assets/index-1.js', imports: ['_jsx.js'] },
    '_jsx.js': { file: 'assets/jsx-1.js' },
    '_decode.js': { file: 'assets/decode-1.js', imports: ['_jsx.js'] },
    'src/features/debugger/debugger-route.tsx': { file: 'assets/debugger-route-1.js', imports: ['index.html', '_jsx.js', '_decode.js'] },
  };
  it("lists the route's chunk and its static imports, not what the entry already loads", () => {
    expect(routePreloads(manifest, 'src/features/debugger/debugger-route.tsx')).toEqual(['assets/debugger-route-1.js', 'assets/decode-1.js']);
  });
});

describe('routeStyles', () => {
  const manifest = {
    'index.html': { file: 'assets/index-1.js', imports: ['_jsx.js'], css: ['assets/index-1.css'] },
    '_jsx.js': { file: 'assets/jsx-1.js' },
    '_panel.js': { file: 'assets/panel-1.js', css: ['assets/panel-1.css', 'assets/index-1.css'] },
    'src/features/debugger/debugger-route.tsx': { file: 'assets/debugger-route-1.js', imports: ['index.html', '_panel.js'], css: ['assets/debugger-route-1.css'] },
  };
  it("lists the style sheets of the route's chunks, not the entry's", () => {
    expect(routeStyles(manifest, 'src/features/debugger/debugger-route.tsx')).toEqual(['assets/debugger-route-1.css', 'assets/panel-1.css']);
  });
});

describe('serving the built app precompressed', () => {
  const dist = mkdtempSync(join(tmpdir(), 'tw-static-'));
  const script = `export const big = ${JSON.stringify('x'.repeat(4000))};`;
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, '.vite'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>app</title></head><body><div id="root"></div></body></html>');
  writeFileSync(join(dist, 'assets', 'app-abc.js'), script);
  writeFileSync(join(dist, 'assets', 'app-abc.js.br'), brotliCompressSync(script));
  writeFileSync(join(dist, 'assets', 'app-abc.js.gz'), gzipSync(script));
  writeFileSync(join(dist, 'assets', 'tiny-abc.js'), 'x()');
  writeFileSync(join(dist, 'sw.js'), 'self.skipWaiting()');
  writeFileSync(join(dist, 'assets', 'debugger-route-abc.js'), 'export {}');
  writeFileSync(
    join(dist, '.vite', 'manifest.json'),
    JSON.stringify({
      'index.html': { file: 'assets/app-abc.js' },
      'src/features/debugger/debugger-route.tsx': { file: 'assets/debugger-route-abc.js', imports: ['index.html'], css: ['assets/debugger-route-abc.css'] },
    }),
  );
  const app = createApp(testDeps({ distDir: dist }));
  const get = (path: string, acceptEncoding?: string) =>
    app.request(`${testOrigin}${path}`, { headers: { host: '127.0.0.1:4000', ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) } });
  const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

  it('sends the brotli file to a browser that accepts it, as JavaScript, with its own length', async () => {
    const res = await get('/assets/app-abc.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = await bytes(res);
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  it('sends gzip when brotli is refused or not offered, and respects q-values', async () => {
    for (const header of ['gzip', 'br;q=0, gzip', 'gzip;q=0.9, br;q=0.1']) {
      const res = await get('/assets/app-abc.js', header);
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(await bytes(res)).toString()).toBe(script);
    }
  });

  it('sends the file as it is without Accept-Encoding, still marked as varying', async () => {
    const res = await get('/assets/app-abc.js');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect((await bytes(res)).toString()).toBe(script);
    expect(Number(res.headers.get('content-length'))).toBe(script.length);
  });

  it('sends a file with no compressed copy as it is, never compressing it here', async () => {
    const res = await get('/assets/tiny-abc.js', 'br, gzip');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBeNull();
    expect(await res.text()).toBe('x()');
  });

  it('answers a request for the .br file itself as an opaque file, not as encoded JavaScript', async () => {
    const res = await get('/assets/app-abc.js.br', 'br');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-type')).not.toMatch(/javascript/);
  });

  it('has the service worker and index.html revalidated on every visit', async () => {
    expect((await get('/sw.js', 'br')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/index.html')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/debugger')).headers.get('cache-control')).toBe('no-cache');
  });

  it("preloads the first route's chunk from the app shell, as links (the CSP forbids inline scripts)", async () => {
    const html = await (await get('/debugger')).text();
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/debugger-route-abc.js"></head>');
    expect(html).toContain('<link rel="stylesheet" crossorigin href="/assets/debugger-route-abc.css">');
    expect(await (await get('/')).text()).toContain('debugger-route-abc.js');
    expect(await (await get('/scopes')).text()).not.toContain('modulepreload');
    expect(html).not.toMatch(/<script>/);
  });

  it('answers HEAD and range requests of a hashed asset as the disk path does', async () => {
    const head = await app.request(`${testOrigin}/assets/app-abc.js`, { method: 'HEAD', headers: { host: '127.0.0.1:4000', 'accept-encoding': 'gzip' } });
    expect(head.headers.get('content-encoding')).toBe('gzip');
    expect(Number(head.headers.get('content-length'))).toBe(gzipSync(script).length);
    expect(head.headers.get('last-modified')).toMatch(/GMT$/);
    expect((await bytes(head)).length).toBe(0);
    const range = await app.request(`${testOrigin}/assets/app-abc.js`, { headers: { host: '127.0.0.1:4000', range: 'bytes=0-5' } });
    expect(range.status).toBe(206);
    expect(await range.text()).toBe(script.slice(0, 6));
    expect(range.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves an asset that a later build wrote after the server started', async () => {
    writeFileSync(join(dist, 'assets', 'later-abc.js'), 'later()');
    const res = await get('/assets/later-abc.js', 'br, gzip');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('later()');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('keeps path traversal out', async () => {
    const res = await get('/assets/..%2f.vite/manifest.json', 'br');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
