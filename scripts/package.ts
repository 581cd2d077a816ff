/**
 * `npm run package`: store-ready archives from the builds in dist/ (run `npm run build`
 * first; the npm script does), written to dist/packages/:
 *
 *   agency-scam-alert-chrome-<version>.zip   Chrome Web Store upload (dist/chrome; the
 *                                            `key` stays: the store ignores it)
 *   agency-scam-alert-firefox-<version>.zip  addons.mozilla.org upload (dist/firefox, via
 *                                            `web-ext build`)
 *   agency-scam-alert-source-<version>.zip   source for AMO review: the committed tree at
 *                                            HEAD (`git archive`), with package-lock.json;
 *                                            rebuild with `npm ci && npm run build`.
 *
 * Exits non-zero when a build is missing, web-ext lint reports an error, or the working
 * tree has uncommitted changes under src/ (the source archive would not match the build).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist/packages');
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
run('zip', ['-q', '-r', '-X', chromeZip, '.'], path.join(ROOT, 'dist/chrome'));
run(webExt, ['lint', '--source-dir', 'dist/firefox']);
run(webExt, ['build', '--source-dir', 'dist/firefox', '--artifacts-dir', OUT, '--filename', firefoxZip, '--overwrite-dest']);
run('git', ['archive', '--format=zip', `--prefix=agency-scam-alert-${version}/`, '-o', sourceZip, 'HEAD']);
console.info(`[package] wrote ${[chromeZip, path.join(OUT, firefoxZip), sourceZip].map((p) => path.relative(ROOT, p)).join(', ')}`);
