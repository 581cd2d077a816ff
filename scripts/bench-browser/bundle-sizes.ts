/**
 * Bytes the browser loads for each part of the built extension (`dist/chrome`): the
 * content script (every frame of every page), the page UI (injected only where something
 * is shown), and the service worker: its entry from the manifest plus every chunk it
 * imports, statically (loaded at every service-worker start) and dynamically (loaded on
 * demand), found by following `import` specifiers through the built files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface BundleSizes {
  contentScript: number;
  pageUi: number;
  /** The service worker's entry and the chunks it imports statically, bytes. */
  serviceWorkerStatic: number;
  /** Chunks reachable only through dynamic `import()`, bytes. */
  serviceWorkerDynamic: number;
  serviceWorkerChunks: number;
}

const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[^'"`;]*?\bfrom\s*)?["']([^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["']([^"']+\.js)["']\s*\)/g;

function importsOf(file: string, pattern: RegExp): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(pattern)].map((m) => path.resolve(path.dirname(file), m[1]!)).filter((f) => existsSync(f));
}

/** Sizes of the build in `dist` (throws when the manifest or a named file is missing). */
export function bundleSizes(dist: string): BundleSizes {
  const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as {
    background: { service_worker: string };
    content_scripts: Array<{ js: string[] }>;
  };
  const size = (f: string) => statSync(f).size;
  const contentScript = manifest.content_scripts.flatMap((c) => c.js).reduce((n, f) => n + size(path.join(dist, f)), 0);
  const pageUiFile = path.join(dist, 'src/content/ui/page-ui.iife.js');
  const pageUi = existsSync(pageUiFile) ? size(pageUiFile) : NaN;
  const staticSet = new Set<string>();
  const queue = [path.join(dist, manifest.background.service_worker)];
  while (queue.length) {
    const file = queue.pop()!;
    if (staticSet.has(file)) continue;
    staticSet.add(file);
    queue.push(...importsOf(file, STATIC_IMPORT));
  }
  const dynamicSet = new Set<string>();
  const dynQueue = [...staticSet].flatMap((f) => importsOf(f, DYNAMIC_IMPORT));
  while (dynQueue.length) {
    const file = dynQueue.pop()!;
    if (staticSet.has(file) || dynamicSet.has(file)) continue;
    dynamicSet.add(file);
    dynQueue.push(...importsOf(file, STATIC_IMPORT), ...importsOf(file, DYNAMIC_IMPORT));
  }
  const sum = (set: Set<string>) => [...set].reduce((n, f) => n + size(f), 0);
  return {
    contentScript,
    pageUi,
    serviceWorkerStatic: sum(staticSet),
    serviceWorkerDynamic: sum(dynamicSet),
    serviceWorkerChunks: staticSet.size + dynamicSet.size,
  };
}
