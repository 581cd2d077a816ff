/**
 * Two test projects:
 *   unit — pure engine, feed, i18n and UI-model tests beside the code (`*.test.ts` under src/), in Node
 *          (DOM tests opt in with `// @vitest-environment jsdom`);
 *   e2e  — real-browser tests under `test/e2e` against the built extension (`npm run build` first).
 */
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'test/conventions/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
