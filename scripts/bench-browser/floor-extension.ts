/**
 * The floor: an extension whose content script is `void 0;`, declared exactly like ours
 * (the same `matches`, `run_at`, `all_frames`, `match_about_blank` and
 * `match_origin_as_fallback`, read from the built manifest), so it is injected into the same
 * frames at the same moment. What Chromium itself charges for injecting any content script
 * (isolated world, bindings) on a page.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface ContentScriptEntry {
  matches: string[];
  js: string[];
  run_at?: string;
  all_frames?: boolean;
  match_about_blank?: boolean;
  match_origin_as_fallback?: boolean;
}

/** Writes the floor extension next to `extensionDir`'s manifest; returns its folder and a remover. */
export function writeFloorExtension(extensionDir: string): { dir: string; remove(): void; declaration: string } {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: ContentScriptEntry[];
  };
  const ours = manifest.content_scripts?.[0];
  if (!ours) throw new Error(`[bench-browser] ${extensionDir}/manifest.json declares no content script`);
  const entry: ContentScriptEntry = { ...ours, js: ['cs.js'] };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-floor-ext-'));
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'floor', version: '1', content_scripts: [entry] }, null, 2),
  );
  writeFileSync(path.join(dir, 'cs.js'), 'void 0;\n');
  const declaration = `run_at ${entry.run_at ?? 'document_idle'}, all_frames ${!!entry.all_frames}, match_about_blank ${!!entry.match_about_blank}`;
  return { dir, declaration, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
