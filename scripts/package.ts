/**
 * `npm run package`: store-ready archives from the builds in dist/ (run `npm run build`
 * first; the npm script does), written to dist/packages/ (or `ASA_PACKAGE_OUT`):
 *
 *   agency-scam-alert-chrome-<version>.zip   Chrome Web Store upload: dist/chrome with its
 *                                            manifest's `key` removed (the store refuses it
 *                                            and assigns the id; see src/build/store-manifest.ts)
 *   agency-scam-alert-firefox-<version>.zip  addons.mozilla.org upload (dist/firefox, via
 *                                            `web-ext build`)
 *   agency-scam-alert-source-<version>.zip   source for AMO review: the committed tree at
 *                                            HEAD (`git archive`), with package-lock.json;
 *                                            rebuild with `npm ci && npm run build`.
 *
 * Each store archive's manifest.json is read back and checked (`storeManifestProblems`).
 * Exits non-zero when a build is missing, web-ext lint reports an error, an archive's
 * manifest fails the checks, or the working tree has uncommitted changes under src/ (the
 * source archive would not match the build).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import type { TargetBrowser } from '../src/build/manifest-for';
import { storeManifest, storeManifestProblems } from '../src/build/store-manifest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.resolve(ROOT, process.env.ASA_PACKAGE_OUT ?? 'dist/packages');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const run = (cmd: string, args: string[], cwd = ROOT): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const webExt = path.join(ROOT, 'node_modules/.bin/web-ext');

for (const browser of ['chrome', 'firefox']) {
  if (!existsSync(path.join(ROOT, 'dist', browser, 'manifest.json')))
    throw new Error(`[package] dist/${browser} is missing: run \`npm run build\``);
}
const dirty = run('git', [
  'status',
  '--porcelain',
  '--',
  'src',
  'public',
  'manifest.json',
  'vite.config.ts',
  'package.json',
  'package-lock.json',
]);
if (dirty.trim() && !process.env.ASA_PACKAGE_DIRTY) {
  throw new Error(
    `[package] uncommitted changes; the AMO source archive must match the build:\n${dirty}(set ASA_PACKAGE_DIRTY=1 to package anyway)`,
  );
}

mkdirSync(OUT, { recursive: true });
const chromeZip = path.join(OUT, `agency-scam-alert-chrome-${version}.zip`);
const firefoxZip = `agency-scam-alert-firefox-${version}.zip`;
const sourceZip = path.join(OUT, `agency-scam-alert-source-${version}.zip`);
rmSync(chromeZip, { force: true });
writeFileSync(chromeZip, await zipFolder(path.join(ROOT, 'dist/chrome'), (manifest) => storeManifest(manifest, 'chrome')));
run(webExt, ['lint', '--source-dir', 'dist/firefox']);
run(webExt, ['build', '--source-dir', 'dist/firefox', '--artifacts-dir', OUT, '--filename', firefoxZip, '--overwrite-dest']);
run('git', ['archive', '--format=zip', `--prefix=agency-scam-alert-${version}/`, '-o', sourceZip, 'HEAD']);
for (const [zip, browser] of [
  [chromeZip, 'chrome'],
  [path.join(OUT, firefoxZip), 'firefox'],
] as const) {
  const problems = storeManifestProblems(await zipManifest(zip), browser satisfies TargetBrowser);
  if (problems.length > 0) throw new Error(`[package] ${path.basename(zip)}: manifest.json ${problems.join('; ')}`);
}
console.info(`[package] wrote ${[chromeZip, path.join(OUT, firefoxZip), sourceZip].map((p) => path.relative(ROOT, p)).join(', ')}`);

/**
 * A zip of every file under `dir` (paths relative to it, `/`-separated), with its top-level
 * manifest.json replaced by `patch(manifest)`.
 */
async function zipFolder(dir: string, patch: (manifest: Record<string, unknown>) => Record<string, unknown>): Promise<Buffer> {
  const zip = new JSZip();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const name = path.relative(dir, full).split(path.sep).join('/');
    const data =
      name === 'manifest.json'
        ? `${JSON.stringify(patch(JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown>), null, 2)}\n`
        : readFileSync(full);
    zip.file(name, data);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'UNIX' });
}

/** The parsed manifest.json at the top of a zip archive. */
async function zipManifest(file: string): Promise<Record<string, unknown>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const text = await zip.file('manifest.json')?.async('string');
  if (text === undefined) throw new Error(`[package] ${path.basename(file)} has no manifest.json at its top`);
  return JSON.parse(text) as Record<string, unknown>;
}
