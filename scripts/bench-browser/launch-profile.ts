/**
 * Launches Chromium with the built extension on a profile folder the caller keeps, so a
 * second launch finds the extension already installed ("browser start with a used
 * profile"), which `test/support/chromium.ts` (a fresh, deleted profile per launch) does not
 * offer. Same switches as there: no network, every hostname mapped to the fixture server.
 * Does not wait for the service worker: the first navigation or popup is what is measured.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { baseArgs, CHROMIUM_MISSING, findChromium } from '../../test/support/chromium';
import { CHROME_DIST } from '../../test/support/paths';

/** A new empty profile folder (the caller removes it). */
export function newProfileDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'asa-bench-profile-'));
}

/**
 * Starts Chromium with our extension on `profileDir`.
 *
 * @throws Error with CHROMIUM_MISSING when Chromium is not installed.
 */
export async function launchOnProfile(port: number, profileDir: string): Promise<BrowserContext> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    args: [...baseArgs(port), `--disable-extensions-except=${CHROME_DIST}`, `--load-extension=${CHROME_DIST}`],
  });
}
