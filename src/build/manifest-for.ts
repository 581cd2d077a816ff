/**
 * The per-browser patch of the one manifest source. Browser quirks live here and nowhere
 * else in the build.
 *
 * Firefox (MV3): no `service_worker` background (uses `background.scripts`), no `key`,
 * no `minimum_chrome_version`; needs `browser_specific_settings.gecko` with a fixed id.
 * Its navigation judge uses blocking `webRequest` (kept in Firefox's MV3, the page is never
 * requested) instead of Chromium's `webNavigation` (see `src/background/navigation-judge.ts`):
 * `webNavigation` is swapped for `webRequest` + `webRequestBlocking`, which add no install
 * prompt in Firefox beyond the host permissions the extension already asks for.
 */

export type TargetBrowser = 'chrome' | 'firefox';

/** The add-on id on Firefox (fixed, so policies and tests can address it). */
export const GECKO_ID = 'agency-scam-alert@scam-alert.invalid';
/** Oldest Firefox the extension supports (ESR 128: MV3, `storage.managed`, DNR). */
export const GECKO_MIN_VERSION = '128.0';

type Manifest = Record<string, unknown> & { background?: { service_worker?: string; type?: string }; permissions?: string[] };

/** Chromium's navigation-judge permission, and what Firefox uses instead. */
const CHROMIUM_ONLY_PERMISSIONS = ['webNavigation'];
const FIREFOX_ONLY_PERMISSIONS = ['webRequest', 'webRequestBlocking'];

/**
 * The manifest for `browser`, derived from the shared source.
 *
 * @param base - the parsed `manifest.json`.
 * @param browser - target browser.
 * @returns a new object; `base` is not modified.
 */
export function manifestFor<T extends Manifest>(base: T, browser: TargetBrowser): T {
  const manifest = structuredClone(base);
  if (browser === 'chrome') return manifest;
  const { key: _key, minimum_chrome_version: _min, ...rest } = manifest as Record<string, unknown>;
  const background = manifest.background?.service_worker
    ? { scripts: [manifest.background.service_worker], type: manifest.background.type ?? 'module' }
    : manifest.background;
  const permissions = manifest.permissions
    ? [...manifest.permissions.filter((p) => !CHROMIUM_ONLY_PERMISSIONS.includes(p)), ...FIREFOX_ONLY_PERMISSIONS]
    : undefined;
  return {
    ...rest,
    ...(permissions ? { permissions } : {}),
    background,
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: GECKO_MIN_VERSION,
        // AMO's data-collection declaration (Firefox 140+; older versions ignore it): the
        // extension collects nothing (see the privacy promise in the README).
        data_collection_permissions: { required: ['none'] },
      },
    },
  } as unknown as T;
}
