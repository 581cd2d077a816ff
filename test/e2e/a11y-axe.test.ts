/**
 * axe-core (WCAG 2.0–2.2 A/AA and best practices) on the extension's UI in real Chromium:
 * the popup (empty, with a search result, with a lookalike verdict, in Chinese), the options
 * page (with a dismissed site, an allowlist entry and a status message), and the in-page
 * banner inside its closed shadow root. Zero violations allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { waitForBanner } from '../support/overlay-probe';
import { DEMO_SITE } from '../support/paths';
import { AXE_SOURCE, AXE_TAGS, axeViolations, openOptions, openPopup, setLanguage, tabIdOf, type AxeViolation } from '../support/ui-pages';

/**
 * A lookalike page that gets the in-page banner. (Known scam hosts and official-as-leading-labels
 * lookalikes such as investhk.gov.hk.secure-pay.top are stopped earlier by the interstitial.)
 */
const LOOKALIKE_PAGE = 'http://invest-hk.gov.hk.top/pay';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE);
  browser = await launchWithExtension({ port: server.port });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface DomNode {
  backendNodeId: number;
  nodeName: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}
function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const child of node.children ?? []) yield* walk(child);
  for (const root of node.shadowRoots ?? []) yield* walk(root);
}

/**
 * Runs axe on the banner inside its closed shadow root: axe is loaded into the page's main
 * world, the closed root is resolved through CDP (which sees closed roots), and the host's
 * `shadowRoot` is pointed at it for axe's tree walk only.
 */
async function bannerViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const host = [...walk(root)].find((n) => /^ASA-[A-Z0-9]+-BANNER$/.test(n.nodeName));
    if (!host?.shadowRoots?.[0]) throw new Error('no banner');
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: host.shadowRoots[0].backendNodeId })) as {
      object: { objectId: string };
    };
    const { result, exceptionDetails } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      awaitPromise: true,
      returnByValue: true,
      arguments: [{ value: AXE_TAGS }],
      functionDeclaration: `async function (tags) {
        const root = this;
        Object.defineProperty(root.host, 'shadowRoot', { configurable: true, get: () => root });
        const r = await window.axe.run(root.host, { runOnly: { type: 'tag', values: tags } });
        return {
          checked: r.passes.reduce((n, p) => n + p.nodes.length, 0),
          violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) })),
        };
      }`,
    })) as { result: { value: { checked: number; violations: AxeViolation[] } }; exceptionDetails?: unknown };
    if (exceptionDetails) throw new Error(`axe failed in the shadow root: ${JSON.stringify(exceptionDetails)}`);
    // axe really looked inside: it found passing nodes there.
    expect(result.value.checked).toBeGreaterThan(0);
    return result.value.violations;
  } finally {
    await cdp.detach();
  }
}

describe('axe-core: zero violations (Chromium)', () => {
  it('popup: empty, with a result card, with a pasted lookalike link', async () => {
    const page = await openPopup(browser);
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#q', 'InvestHK');
    await page.waitForSelector('article.card:not(.compact)');
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#q', 'http://investhk.gov.hk.secure-pay.top/pay');
    await page.waitForSelector('section.verdict.danger');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('popup about a lookalike tab, in Traditional Chinese', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(LOOKALIKE_PAGE);
    await waitForBanner(tab, 10_000, (b) => b.severity === 'danger');
    const page = await openPopup(browser, await tabIdOf(browser, 'http://invest-hk.gov.hk.top/*'));
    await setLanguage(page, 'zh-Hant');
    try {
      await page.reload();
      await page.waitForSelector('section.verdict.danger');
      expect(await page.getAttribute('html', 'lang')).toBe('zh-HK');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await setLanguage(page, 'browser');
      await page.close();
    }
    await tab.close();
  });

  it('options page, with entries and a status message', async () => {
    const page = await openOptions(browser);
    await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        type: 'settings-update',
        payload: { patch: { dismissed: { 'scam.example': { investhk: '2026-11-29T09:00:00Z' } }, allowlist: ['forum.example.net'] } },
      }),
    );
    await page.reload();
    await page.waitForSelector('main.options');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Remove forum.example.net from the allowlist' }).click();
    await page.waitForSelector('button.undo');
    await page.fill('#allow-host', 'not a host');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#allow-error');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('in-page banner on the lookalike page (inside the closed shadow root)', async () => {
    const page = await browser.context.newPage();
    await page.goto(LOOKALIKE_PAGE);
    expect(await waitForBanner(page, 10_000, (b) => b.severity === 'danger')).not.toBeNull();
    expect(await bannerViolations(page)).toEqual([]);
    await page.close();
  });

  it('in-page banner on the webmail scam message', async () => {
    const page = await browser.context.newPage();
    await page.goto('http://mail.example-webmail.com/');
    expect(await waitForBanner(page, 10_000, (b) => b.severity === 'danger')).not.toBeNull();
    expect(await bannerViolations(page)).toEqual([]);
    await page.close();
  });
});
