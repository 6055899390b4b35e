// Lint for the whole repository: JavaScript and TypeScript everywhere, and the lit, lit-a11y and
// wc rules on the components. Not type-aware, so it stays fast; `tsc` does the type-checking.
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }];

const LIT = { group: ['lit', 'lit/*', '@lit/*'], message: 'src/ is framework-free: lit belongs in components/.' };
const COMPONENTS = { group: ['**/components/**'], message: 'src/ never imports the components: they import the core.' };
const SERVER = { group: ['**/server/**', '**/server', 'fastify', 'pg', 'jose', 'openid-client', '@electric-sql/*'], message: 'The server is Node only and never part of a browser bundle.' };
const NODE = { group: ['node:*'], message: 'This code runs in browsers: no Node modules.' };

export default defineConfig(
  globalIgnores(['dist/', 'packages/*/dist/', 'tests/consumer/node_modules/', 'tests/consumer/dist/', 'tests/consumer/src/', 'tests/consumer/vite.config.ts', 'tests/consumer/vite.size.config.ts', 'tests/consumer/dist-size/', 'node_modules/', 'coverage/', 'docs/api/', 'site/', 'custom-elements.json', '.test-results/', '.test-bundles/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': unusedVars,
    },
  },
  {
    // Tooling and the server side of the core run in Node.
    files: ['*.js', '*.mjs', 'bin/**', 'packages/*/bin/**', 'scripts/**', 'src/server/**', 'tests/unit/**', 'tests/server/**', 'tests/bench/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Everything that can run in a browser, and the browser tests (mocha globals).
    files: ['src/**', 'components/**', 'examples/**', 'tests/components/**', 'tests/e2e/**', 'tests/support/**', 'tests/**/*.browser.test.ts'],
    ignores: ['src/server/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['tests/components/**', 'tests/e2e/**', 'tests/**/*.browser.test.ts'],
    languageOptions: { globals: { ...globals.mocha } },
  },
  {
    // Layers (docs/architecture.md): the core never imports lit or the components, and the part
    // of it that runs in browsers never imports the server or Node's modules. (The browser
    // bundle's whole import graph is checked in tests/unit/build/package-split.test.ts.)
    files: ['src/**/*.ts'],
    ignores: ['src/server/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [LIT, COMPONENTS, SERVER, NODE] }],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LIT, COMPONENTS] }] },
  },
  {
    // The elements reach data through the core and the store they are given, never the server.
    files: ['components/**/*.{ts,js}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SERVER, NODE] }] },
  },
  {
    files: ['components/**/*.{ts,js}'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['components/**/*.{ts,js}'],
    ...litA11y.configs.recommended,
  },
  {
    files: ['components/**/*.{ts,js}'],
    ...wc.configs['flat/recommended'],
    settings: { wc: { elementBaseClasses: ['LitElement'] } },
  },
);
