/**
 * The toolbar popup: search focused on open, the
 * hotline in a few keystrokes, search in each language and by pasted URL or email, the
 * verdict of a tab on a lookalike page, and the popup in Traditional and Simplified Chinese.
 * The popup is opened as a tab of popup size (`?tabId=` names the tab it reports on, as the
 * toolbar button does for the active tab).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import { pollFor, type BrowserDriver, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { openPopup as openPopupPage, setLanguage, tabIdOf, uiState } from '../support/ui-pages';

/**
 * A lookalike page that only the engine judges (no feed rule lists it, unlike
 * investhk.gov.hk.secure-pay.top): its tab shows the warning page, and the popup still tells
 * which page that stands for.
 */
const LOOKALIKE_HOST = 'invest-hk.gov.hk.top';
const RESULT = 'article.card:not(.compact)';
const TAB_VERDICT = 'section.verdict[aria-labelledby="tab-verdict-heading"]';
const TARGET_VERDICT = 'section.verdict[aria-labelledby="target-verdict-heading"]';

/** `selector`'s attribute `name` (null when no such element or attribute), as an expression. */
const attr = (selector: string, name: string) =>
  `document.querySelector(${JSON.stringify(selector)})?.getAttribute(${JSON.stringify(name)}) ?? null`;
const text = (selector: string) => `document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`;

/** Polls `expression` in `page` until it equals `expected`; resolves the last value. */
const settle = <T>(page: TestPage, expression: string, expected: T) =>
  pollFor(
    () => page.evaluate<T>(expression),
    (v) => v === expected,
  );

describe(`popup (${BROWSER_LABEL})`, () => {
  let server: FixtureServer;
  let driver: BrowserDriver;

  beforeAll(async () => {
    server = await startFixtureServer(DEMO_SITE);
    driver = await launchBrowser({ port: server.port });
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  /** Opens the popup in a popup-sized tab and waits until it has rendered. */
  const openPopup = (tabId?: number) => openPopupPage(driver, tabId);

  it('focuses the search box and shows InvestHK’s hotline after 3 keystrokes', async () => {
    const page = await openPopup();
    expect(await settle(page, `document.activeElement?.id ?? null`, 'q')).toBe('q');
    // Before typing, every listed agency is shown compactly, hotline included.
    expect(await page.evaluate(text('article[data-agency="investhk"] a.tel'))).toBe('3107 1000');
    let keystrokes = 0;
    for (const key of 'inv') {
      await page.press(key);
      keystrokes++;
    }
    expect(await settle(page, attr(RESULT, 'data-agency'), 'investhk')).toBe('investhk');
    expect(await page.evaluate(attr(`${RESULT} a.tel`, 'href'))).toBe('tel:31071000');
    expect(await page.evaluate(`document.querySelectorAll('${RESULT} a[href="mailto:enq@investhk.gov.hk"]').length`)).toBe(1);
    expect(keystrokes).toBe(3);
    await page.close();
  });

  it.each(['投資推廣署', '投资推广署', 'InvestHK', 'invest hong kong', 'invst hk', 'investhk.gov.hk'])(
    'finds Invest Hong Kong for "%s"',
    async (query) => {
      const page = await openPopup();
      await page.fill('#q', query);
      expect(await settle(page, attr(RESULT, 'data-agency'), 'investhk')).toBe('investhk');
      expect(await page.evaluate(text(`${RESULT} .tel`))).toBe('3107 1000');
      await page.close();
    },
  );

  it('judges a pasted lookalike link and an official email address', async () => {
    const page = await openPopup();
    await page.fill('#q', 'http://investhk.gov.hk.secure-pay.top/pay');
    expect(await settle(page, attr(TARGET_VERDICT, 'data-severity'), 'danger')).toBe('danger');
    expect(await page.evaluate(attr(TARGET_VERDICT, 'data-verdict'))).toBe('lookalike');
    expect(await page.evaluate(text(TARGET_VERDICT))).toContain('Invest Hong Kong');
    await page.fill('#q', 'enq@investhk.gov.hk');
    expect(await settle(page, attr(TARGET_VERDICT, 'data-verdict'), 'official')).toBe('official');
    await page.close();
  });

  it('shows the verdict of a tab on the lookalike page (now its warning page) at the top', async () => {
    const tab = await driver.newPage();
    await tab.goto(driver.url(LOOKALIKE_HOST, '/pay'));
    expect(
      await pollFor(
        () => tab.url(),
        (u) => u.includes('/src/interstitial/index.html'),
      ),
    ).toContain(LOOKALIKE_HOST);
    const probe = await openPopup();
    const tabId = await tabIdOf(probe, LOOKALIKE_HOST);
    await probe.close();
    const page = await openPopup(tabId);
    expect(await settle(page, attr(TAB_VERDICT, 'data-severity'), 'danger')).toBe('danger');
    expect(await page.evaluate(attr(TAB_VERDICT, 'data-verdict'))).toBe('lookalike');
    const panel = (await page.evaluate<string | null>(text(TAB_VERDICT))) ?? '';
    expect(panel).toContain('Invest Hong Kong');
    expect(panel).toMatch(/borrows the agency's name/); // a reason in plain words, not a code
    expect(panel).not.toMatch(/brand-embedded|official-as-subdomain/);
    expect(await page.evaluate(`document.querySelectorAll('${TAB_VERDICT} a[href="tel:31071000"]').length`)).toBe(1);
    await page.close();
    await tab.close();
  });

  it('says nothing alarming for the official site', async () => {
    const tab = await driver.newPage();
    await tab.goto(driver.url('www.investhk.gov.hk'));
    const probe = await openPopup();
    const tabId = await tabIdOf(probe, 'www.investhk.gov.hk');
    // The content script has reported the page: the background holds the tab's verdict.
    await pollFor(
      async () => (await uiState(probe, tabId)).tabVerdict,
      (v) => !!v,
    );
    await probe.close();
    const page = await openPopup(tabId);
    const severity = await pollFor(
      () => page.evaluate<string | null>(attr(TAB_VERDICT, 'data-severity')),
      (s) => !!s,
    );
    expect(['safe', 'none']).toContain(severity);
    await page.close();
    await tab.close();
  });

  it('renders in Traditional Chinese when chosen, and searches in English there', async () => {
    const page = await openPopup();
    try {
      await setLanguage(page, 'zh-Hant');
      await page.reload();
      await settle(page, `!!document.querySelector('main.popup')`, true);
      expect(await settle(page, `document.documentElement.lang`, 'zh-HK')).toBe('zh-HK');
      expect(await page.evaluate(text('label[for="q"]'))).toBe('查找機構、網站、連結或電郵地址');
      await page.fill('#q', 'InvestHK');
      expect(await settle(page, text(`${RESULT} h3`), '投資推廣署')).toBe('投資推廣署');
      await page.fill('#q', '投资推广署');
      expect(await settle(page, text(`${RESULT} h3`), '投資推廣署')).toBe('投資推廣署');
      await setLanguage(page, 'zh-Hans');
      await page.reload();
      await settle(page, `!!document.querySelector('main.popup')`, true);
      await page.fill('#q', 'invest hong kong');
      expect(await settle(page, text(`${RESULT} h3`), '投资推广署')).toBe('投资推广署');
    } finally {
      await setLanguage(page, 'browser');
      await page.close();
    }
  });
});
