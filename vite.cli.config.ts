/**
 * Builds the admin CLI (`src/cli/bin.ts`, sharing `src/shared` with the extension) into
 * one JavaScript file for Node 20: `dist/cli/scam-alert.js`, package.json's `bin`.
 *
 *   vite build --config vite.cli.config.ts    (npm run build:cli; also run by `npm run build`
 *                                              and by `npm ci` through the `prepare` script)
 *
 * Everything is bundled (`ssr.noExternal`), dependencies included, so a run reads one file
 * and resolves no packages: start-up is Node's own plus the engine's (`npm run bench:cli`).
 * Same bundler as the extension build (Vite on Rolldown); no TypeScript at run time.
 */
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  // The extension's static files (public/) have no place in the CLI's folder.
  publicDir: false,
  plugins: [executable()],
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
      output: { entryFileNames: ENTRY_FILE, banner: '#!/usr/bin/env node' },
    },
  },
});
