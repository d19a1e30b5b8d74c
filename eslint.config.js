// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const features = ['debugger', 'scopes', 'authorize', 'introspect', 'explorer'];

const reactPackages = ['react', 'react-dom', 'react-dom/*', 'react-router', 'react-router/*', 'zustand', 'zustand/*', '@tanstack/*', '@codemirror/*', 'codemirror'];

/** Imports go one way: shared → lib → api → features → app. Features never import each other. */
const boundaries = [
  {
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [],
        patterns: [
          { group: reactPackages, message: 'src/lib is pure: no React, stores or editors.' },
          { group: ['**/features/**', '**/app/**', '**/components/**', '**/server/**', '**/api/**'], message: 'src/lib must not import app, feature, UI, client or server code.' },
        ],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: reactPackages, message: 'src/shared is the wire contract: zod only.' },
          { group: ['**/features/**', '**/app/**', '**/components/**', '**/server/**', '**/lib/**', '**/api/**'], message: 'src/shared depends on nothing of ours.' },
        ],
      }],
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['zustand', 'zustand/*', '@tanstack/*'], message: 'UI components are presentational: no stores, no fetching.' },
          { group: ['**/features/**', '**/app/**', '**/server/**', '**/api/**'], message: 'UI components must not import features, app, the companion client or server code.' },
        ],
      }],
    },
  },
  {
    // The one browser client of the companion server, shared by the features.
    files: ['src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react-dom', 'react-dom/*', 'react-router', 'react-router/*', 'zustand', 'zustand/*', '@codemirror/*', 'codemirror'], message: 'src/api fetches and caches (react-query); it renders nothing and keeps no store.' },
          { group: ['**/features/**', '**/app/**', '**/components/**', '**/server/**'], message: 'src/api may import src/shared and src/lib only, never features, app, UI or server code.' },
        ],
      }],
    },
  },
  {
    // State that several features share and that lives only as long as the page (the tokens obtained in this tab).
    files: ['src/state/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['zustand/middleware', 'zustand/middleware/*'], message: 'Tab state is never persisted.' },
          { group: ['**/features/**', '**/app/**', '**/components/**', '**/server/**', '**/api/**'], message: 'src/state may import src/shared and src/lib only.' },
        ],
      }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: reactPackages, message: 'The server has no React.' },
          { group: ['**/features/**', '**/app/**', '**/components/**', '**/api/**'], message: 'The server must not import browser code.' },
        ],
      }],
    },
  },
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          {
            group: features.filter((f) => f !== feature).flatMap((f) => [`**/features/${f}/**`, `../${f}/**`, `../../${f}/**`]),
            message: 'Features never import each other: move shared code to src/lib, src/shared or src/components.',
          },
          { group: ['**/app/**', '**/server/**'], message: 'Features must not import app or server code.' },
        ],
      }],
    },
  })),
];

export default tseslint.config(
  { ignores: ['dist/**', '.dist-*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  ...boundaries,
  {
    files: ['scripts/**', 'bench/**', 'e2e/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
