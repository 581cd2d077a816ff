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

/**
 * Writes the floor extension next to `extensionDir`'s manifest; returns its folder and a remover.
 *
 * @param messaging - the messaging floor instead: the content script sends one message that a
 *   service worker answers, and nothing else. Any content script that asks its extension
 *   anything pays this (the extension API bindings of the isolated world, one round trip);
 *   ours asks once per frame (`page-check`), so this is the floor our design can reach.
 */
export function writeFloorExtension(extensionDir: string, messaging = false): { dir: string; remove(): void; declaration: string } {
  const manifest = JSON.parse(readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: ContentScriptEntry[];
  };
  const ours = manifest.content_scripts?.[0];
  if (!ours) throw new Error(`[bench-browser] ${extensionDir}/manifest.json declares no content script`);
  const entry: ContentScriptEntry = { ...ours, js: ['cs.js'] };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-floor-ext-'));
  const background = messaging ? { background: { service_worker: 'sw.js' } } : {};
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify(
      { manifest_version: 3, name: messaging ? 'messaging floor' : 'floor', version: '1', content_scripts: [entry], ...background },
      null,
      2,
    ),
  );
  writeFileSync(path.join(dir, 'cs.js'), messaging ? "void chrome.runtime.sendMessage({ type: 'floor' });\n" : 'void 0;\n');
  if (messaging)
    writeFileSync(path.join(dir, 'sw.js'), 'chrome.runtime.onMessage.addListener((m, s, reply) => { reply({ ok: true }); });\n');
  const declaration = `run_at ${entry.run_at ?? 'document_idle'}, all_frames ${!!entry.all_frames}, match_about_blank ${!!entry.match_about_blank}`;
  return { dir, declaration, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
