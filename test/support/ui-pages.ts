/**
 * Helpers for the extension's own pages in end-to-end tests and the demo: open the popup
 * (optionally about a given tab) and the options page, send UI messages as the pages do,
 * and run axe-core.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './chromium';

/** The few `chrome.*` calls made inside the browser (the project has no @types/chrome). */
declare const chrome: {
  tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

const require = createRequire(import.meta.url);
/** axe-core's browser bundle, injected into pages with `page.evaluate` (not subject to page CSP). */
export const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rule tags checked: WCAG 2.0–2.2 A and AA, plus axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** The popup's URL, about `tabId` when given. */
export function popupUrl(browser: ExtensionBrowser, tabId?: number): string {
  return `chrome-extension://${browser.extensionId}/src/popup/index.html${tabId === undefined ? '' : `?tabId=${tabId}`}`;
}

/** The options page's URL. */
export function optionsUrl(browser: ExtensionBrowser): string {
  return `chrome-extension://${browser.extensionId}/src/options/index.html`;
}

/** Opens the popup in a popup-sized page and waits until it has rendered. */
export async function openPopup(browser: ExtensionBrowser, tabId?: number): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 420, height: 800 });
  await page.goto(popupUrl(browser, tabId));
  await page.waitForSelector('main.popup');
  return page;
}

/** Opens the options page and waits until it has rendered. */
export async function openOptions(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(optionsUrl(browser));
  await page.waitForSelector('main.options');
  return page;
}

/** The id of the tab showing `urlPattern` (a match pattern such as `http://host/*`). */
export async function tabIdOf(browser: ExtensionBrowser, urlPattern: string): Promise<number> {
  const id = await browser.serviceWorker.evaluate(async (pattern) => {
    const [tab] = await chrome.tabs.query({ url: pattern });
    return tab?.id ?? null;
  }, urlPattern);
  if (id === null) throw new Error(`no tab for ${urlPattern}`);
  return id;
}

/** Sets the UI language the way the options page does (`settings-update` from an extension page). */
export async function setLanguage(page: Page, language: 'browser' | 'en' | 'zh-Hant' | 'zh-Hans'): Promise<void> {
  await page.evaluate((lang) => chrome.runtime.sendMessage({ type: 'settings-update', payload: { patch: { language: lang } } }), language);
}

function summarize(
  violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown }> }>,
): AxeViolation[] {
  return violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
}

/** Runs axe-core on the whole page; resolves the violations (empty when none). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: never[] }> } }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
      }),
    AXE_TAGS,
  );
  return summarize(result.violations);
}
