/**
 * The Firefox driver: Debian's Firefox ESR with the built Firefox extension through
 * puppeteer-core (WebDriver BiDi).
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
 * - Managed policy: `/etc/firefox/policies/policies.json` with `3rdparty.Extensions.<gecko
 *   id>`. Firefox reads it at startup only, so the system-wide file is removed as soon as the
 *   browser has started (and the extension has its policy).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../src/build/manifest-for';
import {
  completePage,
  pollFor,
  type BrowserDriver,
  type JsonValue,
  type LaunchDriver,
  type NetworkEvent,
  type TestPage,
  type Viewport,
} from './driver';
import { writePolicyFile } from './managed-policy';
import { DEMO_SITE, ROOT } from './paths';

/** The built Firefox extension (override with ASA_FIREFOX_DIR to test another build). */
export const FIREFOX_DIST = process.env.ASA_FIREFOX_DIR ?? path.join(ROOT, 'dist/firefox');
/** Fixed internal UUID of the extension in test profiles. */
export const FIREFOX_EXTENSION_UUID = '5c0f1a7e-3b2d-4c8e-9f61-2a7d4e8b9c01';
/** The system-wide policy file Firefox reads on Linux. */
export const FIREFOX_POLICY_FILE = '/etc/firefox/policies/policies.json';
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

/** The fixture server's `path` on `host`, as Firefox reaches it (hosts map to 127.0.0.1, the port is in the URL). */
export function firefoxUrl(port: number, host: string, urlPath = '/'): string {
  return `http://${host}:${port}${urlPath}`;
}

interface BidiNode {
  type: 'node';
  sharedId: string;
  value?: { localName?: string; shadowRoot?: BidiNode | null };
}

interface BidiRemoteValue {
  type: string;
  value?: unknown;
  sharedId?: string;
}

interface BidiResult {
  type: 'success' | 'exception';
  result?: BidiRemoteValue;
  exceptionDetails?: { text: string };
}

interface BidiTree {
  context: string;
  url: string;
  children?: BidiTree[] | null;
}

type Send = (method: string, params: Record<string, unknown>) => Promise<{ result: BidiResult }>;

/** Deserialises a BiDi remote value given by value (objects, arrays, primitives). */
function plain(value: BidiRemoteValue): unknown {
  switch (value.type) {
    case 'object':
      return Object.fromEntries((value.value as Array<[string, BidiRemoteValue]>).map(([k, v]) => [k, plain(v)]));
    case 'array':
      return (value.value as BidiRemoteValue[]).map(plain);
    case 'null':
    case 'undefined':
      return null;
    default:
      return value.value;
  }
}

/** Serialises a JSON value as a BiDi local value (a `script.callFunction` argument). */
function local(value: JsonValue): Record<string, unknown> {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) return { type: 'array', value: value.map(local) };
  switch (typeof value) {
    case 'string':
      return { type: 'string', value };
    case 'number':
      return { type: 'number', value };
    case 'boolean':
      return { type: 'boolean', value };
    default:
      return { type: 'object', value: Object.entries(value).map(([k, v]) => [k, local(v)]) };
  }
}

function contextOf(frame: Frame): string {
  return (frame as unknown as { browsingContext: { id: string } }).browsingContext.id;
}

function wrap(page: Page, send: Send): TestPage {
  const call = async (functionDeclaration: string, thisRef?: string, args: JsonValue[] = [], serialization?: Record<string, unknown>) => {
    const { result } = await send('script.callFunction', {
      functionDeclaration,
      awaitPromise: true,
      target: { context: contextOf(page.mainFrame()) },
      ...(thisRef ? { this: { sharedId: thisRef } } : {}),
      arguments: args.map(local),
      ...(serialization ? { serializationOptions: serialization } : {}),
    });
    if (result.type !== 'success') throw new Error(result.exceptionDetails?.text ?? 'script failed');
    return result.result!;
  };
  /**
   * The shadow roots of the extension's hosts whose tag ends with `-kind`, also inside the
   * page's open shadow roots (a marker sits beside a link there).
   */
  const shadowRoots = async (kind: string): Promise<string[]> => {
    const found = await call(
      `() => {
        const hosts = [];
        const visit = (root) => {
          for (const e of root.querySelectorAll('*')) {
            if (/^asa-[a-z0-9]+-${kind}$/.test(e.localName)) hosts.push(e);
            if (e.shadowRoot) visit(e.shadowRoot);
          }
        };
        visit(document);
        return hosts;
      }`,
      undefined,
      [],
      { includeShadowTree: 'all', maxDomDepth: 1 },
    );
    return ((found.value as BidiNode[]) ?? []).flatMap((n) => (n.value?.shadowRoot?.sharedId ? [n.value.shadowRoot.sharedId] : []));
  };
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
  return completePage({
    goto: async (url) => {
      // A navigation that an extension rule redirects to a moz-extension page does not
      // always resolve puppeteer's goto: wait for the document instead.
      await page.goto(url, { waitUntil: 'load', timeout: 8_000 }).catch(() => undefined);
      await pollFor(
        () => page.evaluate(() => [location.href, document.readyState]),
        (state) => !!state && state[0] !== 'about:blank' && state[1] === 'complete',
      );
    },
    reload: async () => {
      // BiDi's reload does not resolve for moz-extension pages: reload from the page and
      // wait for the new document.
      const origin = await page.evaluate(() => performance.timeOrigin);
      await page.evaluate(() => setTimeout(() => location.reload(), 0));
      const state = await pollFor(
        () => page.evaluate(() => [performance.timeOrigin, document.readyState] as const),
        (s) => !!s && s[0] !== origin && s[1] === 'complete',
      );
      if (!state || state[0] === origin) throw new Error('reload did not complete');
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
    mouseClick: async (x, y, options = {}) => {
      for (const key of options.modifiers ?? []) await page.keyboard.down(key);
      try {
        await page.mouse.click(x, y, { button: options.button ?? 'left' });
      } finally {
        for (const key of options.modifiers ?? []) await page.keyboard.up(key);
      }
    },
    focus: (selector) => page.focus(selector),
    fill: async (selector, value) => {
      await page.locator(selector).fill(value);
    },
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
    setViewport: (viewport) => page.setViewport(viewport),
    screenshot: async (file, options) => {
      await page.screenshot({ path: file as `${string}.png`, fullPage: options?.fullPage ?? false });
    },
    callInOverlays: async <T>(kind: string, fn: string, args: JsonValue[] = []) => {
      const results: T[] = [];
      for (const root of await shadowRoots(kind)) results.push(plain(await call(fn, root, args)) as T);
      return results;
    },
    frameUrls: async () => (await frameTree()).map((f) => f.url),
    close: () => page.close(),
  });
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
export const launchFirefox: LaunchDriver = async ({ port, locale, extraHosts = [], managedPolicy }) => {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(FIREFOX_MISSING);
  if (!existsSync(path.join(FIREFOX_DIST, 'manifest.json'))) {
    throw new Error(`No built extension in ${FIREFOX_DIST}: run \`npm run build\` first.`);
  }
  const policy = managedPolicy
    ? writePolicyFile(FIREFOX_POLICY_FILE, { policies: { '3rdparty': { Extensions: { [GECKO_ID]: managedPolicy } } } })
    : null;
  let browser: Browser | undefined;
  const fixturePage = firefoxUrl(port, 'news.example.com');
  let newPage: (viewport?: Viewport) => Promise<TestPage>;
  const events: NetworkEvent[] = [];
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      // The fixture server answers TLS with a self-signed certificate (fixture-server.ts):
      // Firefox upgrades an MV3 extension's http:// fetches to https:// (see feed tests).
      acceptInsecureCerts: true,
      extraPrefsFirefox: {
        'network.dns.localDomains': demoHosts(extraHosts).join(','),
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
        'intl.accept_languages': locale ?? 'en-US',
        'browser.translations.enable': false,
      },
    });
    await browser.installExtension(FIREFOX_DIST);
    const started = browser;
    const connection = (started as unknown as { connection: { send: Send; on(event: string, f: (e: unknown) => void): void } }).connection;
    const send: Send = (method, params) => connection.send(method, params);
    // The browser's own network events (all browsing contexts; BiDi does not report the background script's).
    connection.on('network.beforeRequestSent', (e) => {
      const url = (e as { request: { url: string } }).request.url;
      events.push({ url, from: url.startsWith('moz-extension:') ? 'extension' : 'page' });
    });
    await send('session.subscribe', { events: ['network.beforeRequestSent'] });
    newPage = async (viewport = { width: 1280, height: 800 }) => {
      const page = await started.newPage();
      await page.setViewport(viewport);
      return wrap(page, send);
    };
    // Wait until the background script has installed the blocking rules.
    const probe = await newPage();
    await gotoExtensionPage(probe, fixturePage, '/src/options/index.html');
    await pollFor(
      () => probe.evaluate<number>(`browser.declarativeNetRequest.getDynamicRules().then((r) => r.length)`),
      (n) => Number(n) > 0,
      15_000,
    );
    await probe.close();
  } catch (error) {
    await browser?.close().catch(() => undefined);
    throw error;
  } finally {
    // Firefox read the policy file at startup and the extension has started with it:
    // remove the system-wide file at once.
    policy?.remove();
  }
  const running = browser;
  return {
    name: 'firefox',
    networkEvents: () => [...events],
    url: (host, p) => firefoxUrl(port, host, p),
    extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}`,
    newPage: (viewport) => newPage(viewport),
    openExtensionPage: async (extensionPath, viewport) => {
      const page = await newPage(viewport);
      await gotoExtensionPage(page, fixturePage, extensionPath);
      return page;
    },
    close: () => running.close(),
  } satisfies BrowserDriver;
};
