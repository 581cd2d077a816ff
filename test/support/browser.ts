/**
 * The one way end-to-end tests start a browser: `launchBrowser(options)` starts the browser
 * chosen by configuration with the built extension and returns its driver. The vitest
 * projects `e2e-chromium` and `e2e-firefox` (vitest.config.ts) set `ASA_BROWSER`, so every
 * test file runs once per browser; outside vitest it defaults to Chromium.
 */
import { chromiumUrl, launchChromium } from './chromium-driver';
import type { BrowserDriver, BrowserName, DriverOptions } from './driver';
import { firefoxUrl, launchFirefox } from './firefox-driver';

const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/**
 * The configured browser: `ASA_BROWSER` (`chromium` or `firefox`), Chromium when unset.
 *
 * @throws Error for any other value.
 */
export function configuredBrowser(): BrowserName {
  const name = process.env.ASA_BROWSER ?? 'chromium';
  if (!(BROWSERS as readonly string[]).includes(name)) throw new Error(`ASA_BROWSER=${name}: expected one of ${BROWSERS.join(', ')}`);
  return name as BrowserName;
}

/** The browser this test run uses (for `it.skipIf(BROWSER === 'firefox')` with a reason). */
export const BROWSER: BrowserName = configuredBrowser();

/** Human name of {@link BROWSER}, for test titles. */
export const BROWSER_LABEL = BROWSER === 'firefox' ? 'Firefox' : 'Chromium';

/**
 * Starts {@link BROWSER} with the built extension (`dist/chrome` or `dist/firefox`, or
 * `ASA_EXTENSION_DIR` / `ASA_FIREFOX_DIR`) and waits until its background has installed the
 * blocking rules.
 *
 * @throws Error when the browser or the build is missing.
 */
export function launchBrowser(options: DriverOptions): Promise<BrowserDriver> {
  return BROWSER === 'firefox' ? launchFirefox(options) : launchChromium(options);
}

/**
 * The URL of `path` on `host` served by the fixture server on `port`, as {@link BROWSER}
 * reaches it: what `driver.url` answers, for URLs needed before the browser starts (e.g. a
 * feed URL inside a managed policy).
 */
export function siteUrl(port: number, host: string, path = '/'): string {
  return BROWSER === 'firefox' ? firefoxUrl(port, host, path) : chromiumUrl(host, path);
}
