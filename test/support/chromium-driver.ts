/**
 * The Chromium driver for the shared scenarios: playwright-core over CDP (see chromium.ts),
 * closed shadow roots read with the CDP probe (overlay-probe.ts). Every hostname maps to the
 * fixture server, so URLs carry no port.
 */
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension } from './chromium';
import type { BrowserDriver, LaunchDriver, NetworkEvent, TestPage } from './driver';
import { clickInOverlay, readBanner, readConfirm, readMarkers } from './overlay-probe';

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
  return {
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
    },
    reload: async () => {
      await page.reload();
    },
    url: async () => page.url(),
    evaluate: async <T>(expression: string, frameUrl?: string) => (await frameOf(page, frameUrl).evaluate(expression)) as T,
    click: (selector, frameUrl) => frameOf(page, frameUrl).click(selector),
    focus: (selector) => page.focus(selector),
    fill: (selector, value) => page.fill(selector, value),
    press: (key) => page.keyboard.press(key),
    readBanner: () => readBanner(page),
    readMarkers: () => readMarkers(page),
    readConfirm: () => readConfirm(page),
    clickInOverlay: (kind, selector) => clickInOverlay(page, kind, selector),
    frameUrls: async () => page.frames().map((f) => f.url()),
    close: () => page.close(),
  };
}

/** Launches Chromium with the built extension (ASA_EXTENSION_DIR or dist/chrome). */
export const launchChromium: LaunchDriver = async ({ port, locale }) => {
  const browser = await launchWithExtension({ port, locale });
  const events: NetworkEvent[] = [];
  const extensionOrigin = `chrome-extension://${browser.extensionId}`;
  browser.context.on('request', (request) => {
    const frameUrl = request.serviceWorker()
      ? extensionOrigin
      : (() => {
          try {
            return request.frame().url();
          } catch {
            return '';
          }
        })();
    events.push({ url: request.url(), from: frameUrl.startsWith(extensionOrigin) ? 'extension' : 'page' });
  });
  // Wait until the service worker has installed the blocking rules.
  for (let i = 0; i < 100; i++) {
    const rules = await browser.serviceWorker
      .evaluate(`chrome.declarativeNetRequest.getDynamicRules().then((r) => r.length)`)
      .catch(() => 0);
    if (Number(rules) > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const driver: BrowserDriver = {
    name: 'chromium',
    networkEvents: () => [...events],
    url: (host, path = '/') => `http://${host}${path}`,
    extensionOrigin: `chrome-extension://${browser.extensionId}`,
    newPage: async () => wrap(await browser.context.newPage()),
    openExtensionPage: async (path, viewport) => {
      const page = await browser.context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      await page.goto(`chrome-extension://${browser.extensionId}${path}`, { waitUntil: 'load' });
      return wrap(page);
    },
    close: () => browser.close(),
  };
  return driver;
};
