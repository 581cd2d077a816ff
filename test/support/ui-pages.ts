/**
 * Helpers on the extension's own pages, in either browser: open the popup (optionally about
 * a given tab) and the options page, ask the background what the pages ask it (`ui-state`,
 * `settings-update`), watch what content scripts send, and run axe-core on a page or inside
 * an overlay's closed shadow root.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { UiState } from '../../src/shared/messaging/protocol';
import { pollFor, type BrowserDriver, type TestPage, type Viewport } from './driver';

export const POPUP_PATH = '/src/popup/index.html';
export const OPTIONS_PATH = '/src/options/index.html';
/** The toolbar popup's size. */
export const POPUP_VIEWPORT: Viewport = { width: 420, height: 800 };

const require = createRequire(import.meta.url);
/** axe-core's browser bundle, injected into pages as a script (not subject to the page's CSP). */
export const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rule tags checked: WCAG 2.0–2.2 A and AA, plus axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Opens the popup in a popup-sized tab (about `tabId` when given) and waits until it has rendered. */
export async function openPopup(driver: BrowserDriver, tabId?: number): Promise<TestPage> {
  const page = await driver.openExtensionPage(`${POPUP_PATH}${tabId === undefined ? '' : `?tabId=${tabId}`}`, POPUP_VIEWPORT);
  await page.waitFor('main.popup');
  return page;
}

/** Opens the options page and waits until it has rendered (it renders once the UI state arrived). */
export async function openOptions(driver: BrowserDriver): Promise<TestPage> {
  const page = await driver.openExtensionPage(OPTIONS_PATH);
  await page.waitFor('main.options');
  return page;
}

/**
 * The id of the tab showing `host` (and a path matching `pathPattern`), or the extension's
 * warning page standing for that host, asked from an extension page as the popup would.
 * Match patterns ignore the port in both browsers.
 *
 * @throws Error when no tab shows it.
 */
export async function tabIdOf(extensionPage: TestPage, host: string, pathPattern = '/*'): Promise<number> {
  const pattern = `http://${host}${pathPattern}`;
  const id = await extensionPage.evaluate<number | null>(
    `chrome.tabs.query({ url: ${JSON.stringify(pattern)} }).then(async ([tab]) => {
      if (tab) return tab.id;
      const warning = (await chrome.tabs.query({})).find((t) => {
        const url = t.url ?? '';
        if (!url.includes('/src/interstitial/index.html#')) return false;
        try { return new URL(url.slice(url.indexOf('#') + 1)).hostname === ${JSON.stringify(host)}; } catch { return false; }
      });
      return warning?.id ?? null;
    })`,
  );
  if (id === null) throw new Error(`no tab for ${pattern}`);
  return id;
}

/** The UI state the background gives the popup (about `tabId` when given). */
export function uiState(extensionPage: TestPage, tabId?: number): Promise<UiState> {
  return extensionPage.sendMessage<UiState>({ type: 'ui-state', payload: tabId === undefined ? {} : { tabId } });
}

/** Sets the UI language the way the options page does (`settings-update` from an extension page). */
export async function setLanguage(extensionPage: TestPage, language: 'browser' | 'en' | 'zh-Hant' | 'zh-Hans'): Promise<void> {
  await extensionPage.sendMessage({ type: 'settings-update', payload: { patch: { language } } });
}

/** A message a content script sent to the extension, as an extension page saw it. */
export interface ContentMessage {
  type: string;
  tabId: number;
  /** The sending frame's URL. */
  url: string;
  /** `page-check`: the page URL judged. */
  pageUrl: string | null;
  /** `links-check`: how many links the message carried. */
  links: number;
}

/**
 * Starts recording, in `extensionPage`, every message content scripts send to the
 * extension: `runtime.sendMessage` from a content script reaches every extension page, and
 * this listener never answers (the background does). Idempotent.
 */
export async function watchContentMessages(extensionPage: TestPage): Promise<void> {
  await extensionPage.evaluate(`(() => {
    if (window.__asaContentLog) return true;
    window.__asaContentLog = [];
    chrome.runtime.onMessage.addListener((message, sender) => {
      if (!sender.tab) return undefined;
      window.__asaContentLog.push({
        type: String(message?.type),
        tabId: sender.tab.id,
        url: sender.url ?? '',
        pageUrl: message?.type === 'page-check' ? String(message.payload?.url) : null,
        links: message?.type === 'links-check' ? (message.payload?.links?.length ?? 0) : 0,
      });
      return undefined;
    });
    return true;
  })()`);
}

/** The messages recorded since {@link watchContentMessages}. */
export function contentMessages(extensionPage: TestPage): Promise<ContentMessage[]> {
  return extensionPage.evaluate<ContentMessage[]>(`window.__asaContentLog ?? []`);
}

/** How many `page-check`s for `pageUrl` were recorded (one per load of the page). */
export async function pageChecks(extensionPage: TestPage, pageUrl: string): Promise<number> {
  return (await contentMessages(extensionPage)).filter((m) => m.type === 'page-check' && m.pageUrl === pageUrl).length;
}

/**
 * Waits until the extension has judged the page at `pageUrl` for the `count`-th time: its
 * content script sent that many `page-check`s (one per load) and the background holds a
 * verdict for the tab. What the content script shows follows from that answer, so a "nothing
 * is shown" check reads after this (and keeps reading briefly, see `holdsFor`).
 *
 * @throws Error when it does not happen within `timeoutMs`.
 */
export async function waitForJudgement(extensionPage: TestPage, pageUrl: string, count = 1, timeoutMs = 15_000): Promise<void> {
  const checks = await pollFor(
    async () => (await contentMessages(extensionPage)).filter((m) => m.type === 'page-check' && m.pageUrl === pageUrl),
    (list) => (list?.length ?? 0) >= count,
    timeoutMs,
  );
  if ((checks?.length ?? 0) < count) throw new Error(`${pageUrl} was checked ${checks?.length ?? 0} times, expected ${count}`);
  const tabId = checks.at(-1)!.tabId;
  const state = await pollFor(
    () => uiState(extensionPage, tabId),
    (s) => !!s?.tabVerdict,
    timeoutMs,
  );
  if (!state?.tabVerdict) throw new Error(`the background holds no verdict for the tab of ${pageUrl}`);
}

/** Emulates browser zoom: the same window shows `width / factor` CSS pixels (as zooming to `factor` does). */
export async function emulateZoom(page: TestPage, factor: number, width: number, height = 800): Promise<void> {
  await page.setViewport({ width: Math.round(width / factor), height });
}

function summarize(
  violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown }> }>,
): AxeViolation[] {
  return violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
}

/** Runs axe-core on the whole page; resolves the violations (empty when none). */
export async function axeViolations(page: TestPage): Promise<AxeViolation[]> {
  await page.evaluate(`${AXE_SOURCE}; true`);
  const result = await page.evaluate<{ violations: Parameters<typeof summarize>[0] }>(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } }).then((r) => ({
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })),
    }))`,
  );
  return summarize(result.violations);
}

/**
 * Runs axe-core inside the closed shadow root of the first overlay of `kind` (`banner`):
 * axe is loaded into the page's main world, the driver hands over the closed root (CDP in
 * Chromium, BiDi `includeShadowTree` in Firefox), and the host's `shadowRoot` is pointed at
 * it for axe's tree walk only. `checked` counts the nodes that passed a rule there, so a
 * run that saw nothing is visible.
 */
export async function overlayAxeViolations(page: TestPage, kind: string): Promise<{ checked: number; violations: AxeViolation[] }> {
  await page.evaluate(`${AXE_SOURCE}; true`);
  return page.callInOverlay(
    kind,
    `async function (tags) {
      const root = this;
      Object.defineProperty(root.host, 'shadowRoot', { configurable: true, get: () => root });
      const r = await window.axe.run(root.host, { runOnly: { type: 'tag', values: tags } });
      return {
        checked: r.passes.reduce((n, p) => n + p.nodes.length, 0),
        violations: r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) })),
      };
    }`,
    [AXE_TAGS],
  );
}
