import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Bench-only pages (bench/pages/*.html) that import the app's own modules; built to .dist-bench-pages. */
export default defineConfig({
  root: resolve(import.meta.dirname, 'pages'),
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '..', '.dist-bench-pages'),
    emptyOutDir: true,
    rollupOptions: { input: { verify: resolve(import.meta.dirname, 'pages', 'verify.html') } },
  },
});
