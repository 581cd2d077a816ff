/**
 * Builds the admin CLI (`src/cli/bin.ts`, sharing `src/shared` with the extension) into
 * one JavaScript file for Node 20: `dist/cli/scam-alert.js`, package.json's `bin`.
 *
 *   vite build --config vite.cli.config.ts    (npm run build:cli; also run by `npm run build`
 *                                              and by `npm ci` through the `prepare` script)
 *
 * Everything is bundled (`ssr.noExternal`), dependencies included, so a run resolves no
 * packages and compiles no TypeScript. Same bundler as the extension build (Vite on
 * Rolldown). Start-up (`npm run bench:cli`) is Node's own plus what the entry loads:
 * measured, the largest part was zod (building its schemas and the first feed parse, about
 * 50 ms), not the engine's data. So the embedded default feed is validated here, at build
 * time, and embedded as the validated JSON; the code that needs zod (a `--feed` file, JSON
 * lines, the `feed` commands) is split into chunks loaded on first use.
 */
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { defineConfig, type Plugin } from 'vite';
import { DEFAULT_FEED } from './src/shared/feed/default-feed';

const OUT_DIR = 'dist/cli';
const ENTRY_FILE = 'scam-alert.js';

/** Marks the bundle executable (npm links `bin` to it; `./dist/cli/scam-alert.js` runs as is). */
function executable(): Plugin {
  return {
    name: 'asa-cli-executable',
    writeBundle(options) {
      chmodSync(path.join(options.dir ?? OUT_DIR, ENTRY_FILE), 0o755);
    },
  };
}

/**
 * Replaces `src/shared/feed/default-feed.ts` in the CLI bundle by its value: the default
 * feed as `parseFeed` returns it, computed now (importing this config ran `parseFeed`, so
 * an invalid default feed fails the build). The feed schema only fills defaults and trims
 * strings, so its result is plain JSON; the build fails if it ever is not.
 */
function prevalidatedDefaultFeed(): Plugin {
  const file = fileURLToPath(new URL('./src/shared/feed/default-feed.ts', import.meta.url));
  return {
    name: 'asa-prevalidated-default-feed',
    enforce: 'pre',
    load(id) {
      if (id !== file) return null;
      const json = JSON.stringify(DEFAULT_FEED);
      if (!isDeepStrictEqual(JSON.parse(json), DEFAULT_FEED)) this.error('the validated default feed is not plain JSON');
      return `export const DEFAULT_FEED = JSON.parse(${JSON.stringify(json)});\n`;
    },
  };
}

export default defineConfig({
  // The extension's static files (public/) have no place in the CLI's folder.
  publicDir: false,
  plugins: [prevalidatedDefaultFeed(), executable()],
  ssr: { target: 'node', noExternal: true },
  build: {
    ssr: 'src/cli/bin.ts',
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'node20',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      output: { entryFileNames: ENTRY_FILE, chunkFileNames: 'chunks/[name]-[hash].js', banner: '#!/usr/bin/env node' },
    },
  },
});
