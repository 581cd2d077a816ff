/**
 * The Chromium driver: playwright-core over CDP (see chromium.ts), closed shadow roots read
 * with the CDP probe (overlay-probe.ts). Every hostname maps to the fixture server, so URLs
 * carry no port. A managed policy is a JSON file in `/etc/chromium/policies/managed/`
 * (`3rdparty.extensions.<id>`), kept while the browser runs: Chromium watches that folder
 * and would drop the policy if the file went away.
 */
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from './chromium';
import {
  completePage,
  pollFor,
  type BrowserDriver,
  type LaunchDriver,
  type ManagedPolicy,
  type NetworkEvent,
  type TestPage,
} from './driver';
import { writePolicyFile, type PolicyFile } from './managed-policy';
import { callInOverlays } from './overlay-probe';
import { EXTENSION_ID } from './paths';

/** Where Chromium on Linux reads mandatory policies. */
const POLICY_DIR = '/etc/chromium/policies/managed';
/** The test's own file in that folder (other files there are left alone). */
export const CHROMIUM_POLICY_FILE = path.join(POLICY_DIR, 'agency-scam-alert-e2e.json');

/** The fixture server's `path` on `host`, as Chromium reaches it (every host maps to the server). */
export function chromiumUrl(host: string, urlPath = '/'): string {
  return `http://${host}${urlPath}`;
}

function frameOf(page: Page, frameUrl?: string): Frame {
  if (!frameUrl) return page.mainFrame();
  const frame = page.frames().find((f) => f.url().includes(frameUrl));
  if (!frame)
    throw new Error(
      `no frame with ${frameUrl}: ${page
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );
  return frame;
}

function wrap(page: Page): TestPage {
  return completePage({
    goto: async (url) => {
      try {
        await page.goto(url, { waitUntil: 'load' });
      } catch (error) {
        // The extension's navigation judge replaced the navigation (tabs.update to the
        // warning page): playwright reports the first one aborted. Wait for the new document.
        if (!/ERR_ABORTED|interrupted by another navigation/.test(String(error))) throw error;
        await page.waitForLoadState('load');
      }
    },
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
    },
    url: async () => page.url(),
    evaluate: async <T>(expression: string, frameUrl?: string) => (await frameOf(page, frameUrl).evaluate(expression)) as T,
    click: (selector, frameUrl) => frameOf(page, frameUrl).click(selector),
    mouseClick: async (x, y, options = {}) => {
      for (const key of options.modifiers ?? []) await page.keyboard.down(key);
      try {
        await page.mouse.click(x, y, { button: options.button ?? 'left' });
      } finally {
        for (const key of options.modifiers ?? []) await page.keyboard.up(key);
      }
    },
    focus: (selector) => page.focus(selector),
    fill: (selector, value) => page.fill(selector, value),
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key),
    setViewport: (viewport) => page.setViewportSize(viewport),
    screenshot: async (file, options) => {
      await page.screenshot({ path: file, fullPage: options?.fullPage ?? false });
    },
    callInOverlays: (kind, fn, args) => callInOverlays(page, kind, fn, args),
    frameUrls: async () => page.frames().map((f) => f.url()),
    close: () => page.close(),
  });
}

/**
 * The driver for a Chromium already started with `launchWithExtension` (the demo uses its
 * own launch); `launchChromium` is the usual way in.
 *
 * @param onClose - runs after the browser closed (e.g. removes a policy file).
 */
export function chromiumDriver(browser: ExtensionBrowser, onClose: () => void = () => undefined): BrowserDriver {
  const origin = `chrome-extension://${browser.extensionId}`;
  // The browser's own network events: the service worker's requests and every frame's.
  const events: NetworkEvent[] = [];
  browser.context.on('request', (request) => {
    let frameUrl = '';
    try {
      frameUrl = request.serviceWorker() ? origin : request.frame().url();
    } catch {
      // a request without a frame (e.g. a worker's) belongs to no extension page
    }
    events.push({ url: request.url(), from: frameUrl.startsWith(origin) ? 'extension' : 'page' });
  });
  return {
    name: 'chromium',
    networkEvents: () => [...events],
    url: chromiumUrl,
    extensionOrigin: origin,
    newPage: async (viewport) => {
      const page = await browser.context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      return wrap(page);
    },
    openExtensionPage: async (extensionPath, viewport) => {
      const page = await browser.context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      await page.goto(`${origin}${extensionPath}`, { waitUntil: 'load' });
      return wrap(page);
    },
    close: async () => {
      try {
        await browser.close();
      } finally {
        onClose();
      }
    },
  };
}

function writePolicy(policy: ManagedPolicy): PolicyFile {
  return writePolicyFile(CHROMIUM_POLICY_FILE, { '3rdparty': { extensions: { [EXTENSION_ID]: policy } } });
}

/** Launches Chromium with the built extension (ASA_EXTENSION_DIR or dist/chrome). */
export const launchChromium: LaunchDriver = async ({ port, locale, managedPolicy }) => {
  const policy = managedPolicy ? writePolicy(managedPolicy) : null;
  let browser: ExtensionBrowser;
  try {
    browser = await launchWithExtension({ port, locale });
    // Wait until the service worker has installed the blocking rules.
    await pollFor(
      async () => Number(await browser.serviceWorker.evaluate(`chrome.declarativeNetRequest.getDynamicRules().then((r) => r.length)`)),
      (n) => n > 0,
      15_000,
    );
  } catch (error) {
    policy?.remove();
    throw error;
  }
  return chromiumDriver(browser, () => policy?.remove());
};
