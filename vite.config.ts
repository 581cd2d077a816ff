/**
 * Builds the extension with @crxjs/vite-plugin from one manifest source (`manifest.json`)
 * and a small per-browser patch (see `src/build/manifest-for.ts`).
 *
 *   vite build                 → dist/chrome
 *   vite build --mode firefox  → dist/firefox
 */
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import baseManifest from './manifest.json' with { type: 'json' };
import { manifestFor, type TargetBrowser } from './src/build/manifest-for';

export default defineConfig(({ mode }) => {
  const browser: TargetBrowser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [
      preact(),
      crx({
        manifest: manifestFor(baseManifest, browser),
        browser,
        liveReload: false,
        contentScripts: { standaloneFiles: ['src/content/index.ts'] },
      }),
    ],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox128' : 'chrome120',
      sourcemap: false,
      minify: true,
      // Pages the manifest does not name as pages (the interstitial is reached by a
      // declarativeNetRequest redirect, listed only in web_accessible_resources).
      rollupOptions: { input: { interstitial: 'src/interstitial/index.html' } },
    },
  };
});
