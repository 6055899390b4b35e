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

export default defineConfig(
  globalIgnores(['dist/', 'packages/*/dist/', 'tests/consumer/node_modules/', 'tests/consumer/dist/', 'tests/consumer/src/', 'tests/consumer/vite.config.ts', 'tests/consumer/vite.size.config.ts', 'tests/consumer/dist-size/', 'node_modules/', 'coverage/', 'docs/api/', 'site/', 'custom-elements.json', '.test-results/']),
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
