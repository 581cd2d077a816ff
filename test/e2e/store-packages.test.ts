/**
 * `scripts/package.ts` (`npm run package`) on the real builds: the store archives a person
 * would upload, read back. No browser is launched. Needs `npm run build` first (as every
 * e2e test does); writes the archives to a temporary folder, not dist/packages.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../src/build/manifest-for';
import { storeManifestProblems } from '../../src/build/store-manifest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = mkdtempSync(path.join(os.tmpdir(), 'asa-packages-'));
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();

let chrome: JSZip;
let firefox: JSZip;

beforeAll(async () => {
  for (const browser of ['chrome', 'firefox']) {
    if (!existsSync(path.join(ROOT, 'dist', browser, 'manifest.json')))
      throw new Error(`dist/${browser} is missing: run \`npm run build\``);
  }
  // The source archive is `git archive HEAD`; a working tree with changes is fine for this test.
  await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/package.ts'], {
    cwd: ROOT,
    env: { ...process.env, ASA_PACKAGE_DIRTY: '1', ASA_PACKAGE_OUT: OUT },
  });
  chrome = await JSZip.loadAsync(readFileSync(path.join(OUT, `agency-scam-alert-chrome-${version}.zip`)));
  firefox = await JSZip.loadAsync(readFileSync(path.join(OUT, `agency-scam-alert-firefox-${version}.zip`)));
});

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

const manifestOf = async (zip: JSZip) =>
  JSON.parse((await zip.file('manifest.json')!.async('string')) as string) as Record<string, unknown>;
const zipFiles = (zip: JSZip) =>
  Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name)
    .sort();

describe('store archives (npm run package)', () => {
  it('Chrome Web Store zip: the manifest of dist/chrome without "key"; dist/chrome keeps its key', async () => {
    const built = readJson(path.join(ROOT, 'dist/chrome/manifest.json'));
    expect(built.key).toMatch(/^MIIB/);
    const { key: _key, ...expected } = built;
    const manifest = await manifestOf(chrome);
    expect(manifest).toEqual(expected);
    expect(manifest).not.toHaveProperty('key');
    expect(storeManifestProblems(manifest, 'chrome')).toEqual([]);
  });

  it('Chrome Web Store zip: every other file of dist/chrome, byte for byte', async () => {
    const dir = path.join(ROOT, 'dist/chrome');
    expect(zipFiles(chrome)).toEqual(filesUnder(dir));
    for (const name of zipFiles(chrome).filter((n) => n !== 'manifest.json')) {
      expect(Buffer.from(await chrome.file(name)!.async('uint8array')).equals(readFileSync(path.join(dir, name))), name).toBe(true);
    }
  });

  it('addons.mozilla.org zip: the manifest of dist/firefox, with the gecko id and no key', async () => {
    const manifest = await manifestOf(firefox);
    expect(manifest).toEqual(readJson(path.join(ROOT, 'dist/firefox/manifest.json')));
    expect(manifest).toMatchObject({ browser_specific_settings: { gecko: { id: GECKO_ID } } });
    expect(manifest).not.toHaveProperty('key');
    expect(storeManifestProblems(manifest, 'firefox')).toEqual([]);
  });
});
