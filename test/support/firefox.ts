/**
 * Launches Debian's Firefox ESR with the built Firefox extension through puppeteer-core
 * (WebDriver BiDi) and drives it for the shared scenarios.
 *
 * - Hostnames: `network.dns.localDomains` maps the demo hosts to 127.0.0.1, so URLs carry
 *   the fixture server's port (`http://host:PORT/`). Links without a port in the demo pages
 *   go to port 80, where nothing listens: fine for pages the extension blocks before any
 *   request.
 * - The extension's UUID is fixed with `extensions.webextensions.uuids`, so its pages have a
 *   known origin.
 * - Closed shadow roots: WebDriver BiDi serialises them with
 *   `serializationOptions.includeShadowTree: 'all'` (a remote-end privilege page scripts do
 *   not have), and a shadow root's `sharedId` can then be `this` of `script.callFunction`:
 *   the same read-only probe as Chromium's CDP one, without any hook in the content script.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../src/build/manifest-for';
import {
  CENTRE_OF,
  DESCRIBE_OVERLAY,
  pollFor,
  type BrowserDriver,
  type LaunchDriver,
  type NetworkEvent,
  type OverlayInfo,
  type TestPage,
} from './driver';
import { DEMO_SITE, ROOT } from './paths';

/** The built Firefox extension (override with ASA_FIREFOX_DIR to test another build). */
export const FIREFOX_DIST = process.env.ASA_FIREFOX_DIR ?? path.join(ROOT, 'dist/firefox');
/** Fixed internal UUID of the extension in test profiles. */
export const FIREFOX_EXTENSION_UUID = '5c0f1a7e-3b2d-4c8e-9f61-2a7d4e8b9c01';
const CANDIDATES = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** The Firefox executable, or null when none is installed. */
export function findFirefox(): string | null {
  return CANDIDATES.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/** Message for a machine without Firefox. */
export const FIREFOX_MISSING =
  'Firefox was not found. Install it with `sudo apt-get install -y firefox-esr` (Debian/Ubuntu), or set FIREFOX_PATH.';

/** Hostnames the tests visit: every demo-site folder plus `extra`. */
export function demoHosts(extra: string[] = []): string[] {
  return [...readdirSync(DEMO_SITE), ...extra];
}

interface BidiNode {
  type: 'node';
  sharedId: string;
  value?: { localName?: string; shadowRoot?: BidiNode | null };
}

interface BidiResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown; sharedId?: string };
  exceptionDetails?: { text: string };
}

interface BidiTree {
  context: string;
  url: string;
  children?: BidiTree[] | null;
}

type Send = (method: string, params: Record<string, unknown>) => Promise<{ result: BidiResult }>;

/** Deserialises a BiDi remote value given by value (objects, arrays, primitives). */
function plain(value: { type: string; value?: unknown }): unknown {
  switch (value.type) {
    case 'object':
      return Object.fromEntries((value.value as Array<[string, { type: string; value?: unknown }]>).map(([k, v]) => [k, plain(v)]));
    case 'array':
      return (value.value as Array<{ type: string; value?: unknown }>).map(plain);
    case 'null':
    case 'undefined':
      return null;
    default:
      return value.value;
  }
}

function contextOf(frame: Frame): string {
  return (frame as unknown as { browsingContext: { id: string } }).browsingContext.id;
}

function wrap(page: Page, send: Send): TestPage {
  const call = async (functionDeclaration: string, thisRef?: string, args: unknown[] = [], serialization?: Record<string, unknown>) => {
    const { result } = await send('script.callFunction', {
      functionDeclaration,
      awaitPromise: true,
      target: { context: contextOf(page.mainFrame()) },
      ...(thisRef ? { this: { sharedId: thisRef } } : {}),
      arguments: args.map((value) => ({ type: 'string', value })),
      ...(serialization ? { serializationOptions: serialization } : {}),
    });
    if (result.type !== 'success') throw new Error(result.exceptionDetails?.text ?? 'script failed');
    return result.result!;
  };
  /** The shadow roots of the extension's hosts whose tag ends with `-kind`. */
  const shadowRoots = async (kind: string): Promise<string[]> => {
    const found = await call(
      `() => [...document.querySelectorAll('*')].filter((e) => /^asa-[a-z0-9]+-${kind}$/.test(e.localName))`,
      undefined,
      [],
      { includeShadowTree: 'all', maxDomDepth: 1 },
    );
    return ((found.value as BidiNode[]) ?? []).flatMap((n) => (n.value?.shadowRoot?.sharedId ? [n.value.shadowRoot.sharedId] : []));
  };
  const describe = async (root: string) => plain(await call(DESCRIBE_OVERLAY, root)) as OverlayInfo;
  // Puppeteer does not follow a frame that an extension rule redirects to a moz-extension
  // page; the browsing-context tree does.
  const frameTree = async (): Promise<Array<{ context: string; url: string }>> => {
    const { result } = (await send('browsingContext.getTree', { root: contextOf(page.mainFrame()) })) as unknown as {
      result: { contexts: BidiTree[] };
    };
    const flat: Array<{ context: string; url: string }> = [];
    const walk = (t: BidiTree): void => {
      flat.push({ context: t.context, url: t.url });
      for (const child of t.children ?? []) walk(child);
    };
    result.contexts.forEach(walk);
    return flat;
  };
  const frameContext = async (frameUrl: string): Promise<string> => {
    const frame = (await frameTree()).find((f) => f.url.includes(frameUrl));
    if (!frame) throw new Error(`no frame with ${frameUrl}`);
    return frame.context;
  };
  const evaluateIn = async (context: string, expression: string): Promise<unknown> => {
    const { result } = await send('script.evaluate', { expression, awaitPromise: true, target: { context } });
    if (result.type !== 'success') throw new Error(result.exceptionDetails?.text ?? 'script failed');
    return plain(result.result!);
  };
  return {
    goto: async (url) => {
      // A navigation that an extension rule redirects to a moz-extension page does not
      // always resolve puppeteer's goto: wait for the document instead.
      await page.goto(url, { waitUntil: 'load', timeout: 8_000 }).catch(() => undefined);
      const end = Date.now() + 10_000;
      while (Date.now() < end) {
        const state = await page.evaluate(() => [location.href, document.readyState]).catch(() => ['', '']);
        if (state[0] !== 'about:blank' && state[1] === 'complete') return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    reload: async () => {
      // BiDi's reload does not resolve for moz-extension pages: reload from the page and
      // wait for the new document.
      const origin = await page.evaluate(() => performance.timeOrigin);
      await page.evaluate(() => setTimeout(() => location.reload(), 0));
      const end = Date.now() + 10_000;
      while (Date.now() < end) {
        const [t, state] = await page.evaluate(() => [performance.timeOrigin, document.readyState] as const).catch(() => [origin, '']);
        if (t !== origin && state === 'complete') return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('reload did not complete');
    },
    url: async () => page.evaluate(() => location.href),
    evaluate: async <T>(expression: string, frameUrl?: string) => {
      if (!frameUrl) return (await page.evaluate(expression)) as T;
      return (await evaluateIn(await frameContext(frameUrl), expression)) as T;
    },
    click: async (selector, frameUrl) => {
      if (!frameUrl) return page.click(selector);
      await evaluateIn(await frameContext(frameUrl), `document.querySelector(${JSON.stringify(selector)}).click()`);
    },
    focus: (selector) => page.focus(selector),
    fill: async (selector, value) => {
      await page.locator(selector).fill(value);
    },
    press: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
    readBanner: async () => {
      const [root] = await shadowRoots('banner');
      return root ? describe(root) : null;
    },
    readMarkers: async () => Promise.all((await shadowRoots('mark')).map(describe)),
    readConfirm: async () => {
      const [root] = await shadowRoots('confirm');
      return root ? describe(root) : null;
    },
    clickInOverlay: async (kind, selector) => {
      const [root] = await shadowRoots(kind);
      if (!root) throw new Error(`no ${kind} overlay`);
      const centre = plain(await call(CENTRE_OF, root, [selector])) as { x: number; y: number } | null;
      if (!centre) throw new Error(`no ${selector} in ${kind}`);
      await page.mouse.click(centre.x, centre.y);
    },
    frameUrls: async () => (await frameTree()).map((f) => f.url),
    close: () => page.close(),
  };
}

/**
 * Opens the extension page `extensionPath` in `page`. WebDriver BiDi refuses to navigate a
 * tab to a moz-extension URL ("not allowed in this context"), and web pages may only open
 * the extension's web-accessible interstitial: so the tab goes to a fixture page, then to
 * the interstitial (web-accessible), which is an extension page and may open any other.
 */
async function gotoExtensionPage(tab: TestPage, fixturePage: string, extensionPath: string): Promise<void> {
  const target = `moz-extension://${FIREFOX_EXTENSION_UUID}${extensionPath}`;
  await tab.goto(fixturePage);
  await tab.evaluate(`location.href = 'moz-extension://${FIREFOX_EXTENSION_UUID}/src/interstitial/index.html#extension-page'; true`);
  await pollFor(
    () => tab.evaluate<string>(`document.readyState === 'complete' ? location.href : ''`),
    (u) => !!u && u.startsWith('moz-extension:'),
  );
  await tab.evaluate(`location.replace(${JSON.stringify(target)}); true`);
  const url = await pollFor(
    () => tab.evaluate<string>(`document.readyState === 'complete' ? location.href : ''`),
    (u) => u === target,
  );
  if (url !== target) throw new Error(`could not open ${target} (at ${url})`);
}

/** Launches Firefox ESR with the built extension (ASA_FIREFOX_DIR or dist/firefox). */
export const launchFirefox: LaunchDriver = async ({ port, locale, extraHosts = [] }) => {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(FIREFOX_MISSING);
  if (!existsSync(path.join(FIREFOX_DIST, 'manifest.json'))) {
    throw new Error(`No built extension in ${FIREFOX_DIST}: run \`npm run build\` first.`);
  }
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    // The fixture server answers TLS with a self-signed certificate (fixture-server.ts):
    // Firefox upgrades an MV3 extension's http:// fetches to https:// (see feed scenarios).
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.dns.localDomains': demoHosts(extraHosts).join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      'intl.accept_languages': locale ?? 'en-US',
      'browser.translations.enable': false,
    },
  });
  await browser.installExtension(FIREFOX_DIST);
  const connection = (browser as unknown as { connection: { send: Send; on(event: string, f: (e: unknown) => void): void } }).connection;
  const send: Send = (method, params) => connection.send(method, params);
  // The browser's own network events (all browsing contexts; BiDi does not report the background script's).
  const events: NetworkEvent[] = [];
  connection.on('network.beforeRequestSent', (e) => {
    const url = (e as { request: { url: string } }).request.url;
    events.push({ url, from: url.startsWith('moz-extension:') ? 'extension' : 'page' });
  });
  await send('session.subscribe', { events: ['network.beforeRequestSent'] });
  const newPage = async (viewport = { width: 1280, height: 800 }): Promise<TestPage> => {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    return wrap(page, send);
  };
  const fixturePage = `http://news.example.com:${port}/`;
  // Wait until the background script has installed the blocking rules.
  const probe = await newPage();
  await gotoExtensionPage(probe, fixturePage, '/src/options/index.html');
  await pollFor(
    () => probe.evaluate<number>(`browser.declarativeNetRequest.getDynamicRules().then((r) => r.length)`),
    (n) => Number(n) > 0,
    15_000,
  );
  await probe.close();
  return {
    name: 'firefox',
    networkEvents: () => [...events],
    url: (host, p = '/') => `http://${host}:${port}${p}`,
    extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}`,
    newPage: () => newPage(),
    openExtensionPage: async (extensionPath, viewport) => {
      const page = await newPage(viewport);
      await gotoExtensionPage(page, fixturePage, extensionPath);
      return page;
    },
    close: () => browser.close(),
  } satisfies BrowserDriver;
};
