import { createHash, timingSafeEqual } from 'node:crypto';
import { constants as zlibConstants } from 'node:zlib';
import { defaultClientConditions } from 'vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const serverPort = Number(process.env.PORT ?? 4000);

/**
 * `npm run dev` only: opening http://127.0.0.1:5173/?key=… sets the companion server's key cookie, as the server does
 * for its own URL, so the proxied /api calls carry it. Nothing is added to requests that lack it.
 */
function devAccessKey(): Plugin {
  const key = process.env.WORKBENCH_KEY;
  return {
    name: 'workbench-dev-access-key',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://dev.invalid');
        const presented = url.searchParams.get('key');
        if (!key || key === 'off' || presented === null) return next();
        const digest = (v: string) => createHash('sha256').update(v).digest();
        if (timingSafeEqual(digest(presented), digest(key))) res.setHeader('Set-Cookie', `workbench_key_${serverPort}=${key}; Path=/; HttpOnly; SameSite=Strict`);
        url.searchParams.delete('key');
        res.statusCode = 303;
        res.setHeader('Location', `${url.pathname}${url.search}`);
        res.end();
      });
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    devAccessKey(),
    // Offline (issue 14 §7): Workbox precaches the shell, every tool's chunk and the catalog; a new deploy installs
    // a waiting worker, and the app asks before it takes over (registerType 'prompt').
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Token Workbench',
        short_name: 'Workbench',
        description: 'JWT debugger and OAuth/OIDC API explorer',
        start_url: '/debugger',
        scope: '/',
        display: 'standalone',
        background_color: '#0f1115',
        theme_color: '#3b5bdb',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        globIgnores: ['.vite/**'],
        // The catalog chunk is the largest file; everything the tools need must be there offline.
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        // /api is the companion server: never answered from a cache, so "unreachable" is the truth offline.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
      },
    }),
    // Issue 15 §1: brotli (max quality) and gzip -9 beside every text asset, so the companion server sends them as
    // they are (src/server/static-assets.ts) and never compresses per request. A file that would not shrink is kept
    // only as it is.
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      include: /\.(js|mjs|css|html|svg|json|webmanifest)$/,
      exclude: /\.vite\//,
      skipIfLargerOrEqual: true,
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: 'dist',
    sourcemap: false,
    // bench/size.ts reads the manifest to know which chunks each route loads.
    manifest: true,
    // A dev tool: every tool and the catalog are their own lazy chunks.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': `http://127.0.0.1:${serverPort}` },
  },
  test: {
    // A time limit, not a speed assertion: component tests type key by key, and the 2-core machines run e2e beside them.
    testTimeout: 15_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/lib/**/*.test.ts', 'src/api/**/*.test.ts', 'src/server/**/*.test.ts', 'src/shared/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        // react-router's CJS build and react-router/dom's ESM build would otherwise give two router contexts.
        resolve: { conditions: ['module-sync', ...defaultClientConditions] },
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['src/test-setup.ts'],
        },
      },
    ],
  },
});
