/**
 * The manifest that goes into a store upload, and the checks every store archive must pass.
 *
 * - Chrome Web Store: no `key`. The store assigns the extension id from its own key and its
 *   uploader refuses a manifest that carries one ("key field is not allowed in manifest").
 *   `key` stays in `manifest.json` and `dist/chrome` so unpacked builds and tests keep the
 *   fixed id (`README.md`, "Load it in your browser").
 * - addons.mozilla.org: the Firefox build's manifest as is; it must carry
 *   `browser_specific_settings.gecko.id`, the add-on id that policies address
 *   (`src/build/manifest-for.ts`), and no `key` (`manifestFor` drops it).
 */
import { GECKO_ID, type TargetBrowser } from './manifest-for';

type Manifest = Record<string, unknown>;

/**
 * The manifest for the `browser` store upload, from the build's `manifest.json`.
 *
 * @param manifest - the parsed manifest of `dist/chrome` or `dist/firefox`.
 * @param browser - which store.
 * @returns a new object (the input is not modified): for Chrome without `key`; for
 *   Firefox unchanged.
 */
export function storeManifest(manifest: Manifest, browser: TargetBrowser): Manifest {
  if (browser === 'firefox') return structuredClone(manifest);
  const { key: _key, ...rest } = manifest;
  return structuredClone(rest);
}

/**
 * What a store would refuse, or what would break installs, in a store archive's manifest.
 *
 * @param manifest - the parsed `manifest.json` read back from the archive.
 * @param browser - which store the archive is for.
 * @returns the problems, in words; empty when none.
 */
export function storeManifestProblems(manifest: Manifest, browser: TargetBrowser): string[] {
  const problems: string[] = [];
  if ('key' in manifest) problems.push('has "key" (the Chrome Web Store refuses it; Firefox has no use for it)');
  if (manifest.manifest_version !== 3) problems.push(`manifest_version is ${JSON.stringify(manifest.manifest_version)}, not 3`);
  if (browser === 'firefox') {
    const gecko = (manifest.browser_specific_settings as { gecko?: { id?: unknown } } | undefined)?.gecko;
    if (gecko?.id !== GECKO_ID) problems.push(`browser_specific_settings.gecko.id is ${JSON.stringify(gecko?.id)}, not "${GECKO_ID}"`);
  } else if ('browser_specific_settings' in manifest) {
    problems.push('has browser_specific_settings (the Firefox patch leaked into the Chrome build)');
  }
  return problems;
}
