// ESLint flat config: typescript-eslint's recommended rules, plus the project's own.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Browser and DOM globals that pure shared code must not touch (it also runs in the admin CLI on Node). */
const EXTENSION_AND_DOM_GLOBALS = [
  'browser',
  'chrome',
  'window',
  'document',
  'location',
  'Node',
  'Element',
  'HTMLElement',
  'MutationObserver',
  'requestIdleCallback',
  'localStorage',
  'sessionStorage',
].map((name) => ({
  name,
  message: 'src/shared is pure: no extension APIs and no DOM (see README, Project layout). Pass values in instead.',
}));

export default tseslint.config(
  { ignores: ['dist/', 'demo-output/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-undef': 'off',
    },
  },
  {
    // The engine, feed pipeline, protocol, settings and UI models run in the service worker,
    // the pages and the admin CLI alike: no `browser.*`, no DOM, no Node built-ins.
    files: ['src/shared/**/*.ts', 'src/shared/**/*.tsx'],
    ignores: ['src/shared/**/*.test.ts', 'src/shared/**/*.test.tsx', 'src/shared/**/testing/**'],
    rules: {
      'no-restricted-globals': ['error', ...EXTENSION_AND_DOM_GLOBALS],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['webextension-polyfill'], message: 'src/shared is pure: extension APIs belong in src/platform or an entry point.' },
            { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'src/shared is pure: no Node built-ins.' },
            { group: ['preact', 'preact/*'], message: 'src/shared holds models, not components.' },
          ],
        },
      ],
    },
  },
);
