/**
 * Test projects:
 *   unit         — pure engine, feed, i18n and UI-model tests beside the code (`*.test.ts` under src/), in Node
 *                  (DOM tests opt in with `// @vitest-environment jsdom`);
 *   e2e-chromium — the real-browser tests under `test/e2e` against the built extension (`npm run build` first),
 *   e2e-firefox    the same files, once in Chromium and once in Firefox ESR: `ASA_BROWSER` tells
 *                  `launchBrowser` (test/support/browser.ts) which browser to start.
 * The projects run one after another (`sequence.groupOrder`), and e2e files one at a time, so
 * no two browsers ever run at once.
 */
import preact from '@preact/preset-vite';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const e2e = (browser: 'chromium' | 'firefox', groupOrder: number): TestProjectInlineConfiguration => ({
  extends: true,
  test: {
    name: `e2e-${browser}`,
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    env: { ASA_BROWSER: browser },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    sequence: { groupOrder },
  },
});

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
          sequence: { groupOrder: 0 },
        },
      },
      e2e('chromium', 1),
      e2e('firefox', 2),
    ],
  },
});
