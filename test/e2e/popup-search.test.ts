/**
 * The toolbar popup of the built extension in real Chromium: search focused on open, the
 * hotline in a few keystrokes, search in each language and by pasted URL or email, the
 * verdict of a tab on a lookalike page, and the popup in Traditional Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { waitForBanner } from '../support/overlay-probe';
import { DEMO_SITE } from '../support/paths';
import { openPopup, setLanguage, tabIdOf } from '../support/ui-pages';

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

describe('popup (Chromium)', () => {
  it('focuses the search box and shows InvestHK’s hotline after 3 keystrokes', async () => {
    const page = await openPopup(browser);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    // Before typing, every listed agency is shown compactly, hotline included.
    expect(await page.locator('article[data-agency="investhk"] a.tel').textContent()).toBe('3107 1000');
    let keystrokes = 0;
    for (const key of 'inv') {
      await page.keyboard.press(key);
      keystrokes++;
    }
    const card = page.locator('article.card:not(.compact)');
    await expect.poll(() => card.getAttribute('data-agency')).toBe('investhk');
    expect(await card.locator('a.tel').getAttribute('href')).toBe('tel:31071000');
    expect(await card.locator('a[href="mailto:enq@investhk.gov.hk"]').count()).toBe(1);
    expect(keystrokes).toBe(3);
    await page.close();
  });

  it.each(['投資推廣署', '投资推广署', 'InvestHK', 'invest hong kong', 'invst hk', 'investhk.gov.hk'])(
    'finds Invest Hong Kong for "%s"',
    async (query) => {
      const page = await openPopup(browser);
      await page.fill('#q', query);
      await expect.poll(() => page.locator('article.card:not(.compact)').getAttribute('data-agency')).toBe('investhk');
      expect(await page.locator('article.card:not(.compact) .tel').textContent()).toBe('3107 1000');
      await page.close();
    },
  );

  it('judges a pasted lookalike link and an official email address', async () => {
    const page = await openPopup(browser);
    await page.fill('#q', 'http://investhk.gov.hk.secure-pay.top/pay');
    const target = page.locator('section.verdict[aria-labelledby="target-verdict-heading"]');
    await expect.poll(() => target.getAttribute('data-severity')).toBe('danger');
    expect(await target.getAttribute('data-verdict')).toBe('lookalike');
    expect(await target.textContent()).toContain('Invest Hong Kong');
    await page.fill('#q', 'enq@investhk.gov.hk');
    await expect.poll(() => target.getAttribute('data-verdict')).toBe('official');
    await page.close();
  });

  it('shows the verdict of a tab on the lookalike page at the top', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(LOOKALIKE_PAGE);
    expect(await waitForBanner(tab, 10_000, (b) => b.severity === 'danger')).not.toBeNull();
    const tabId = await tabIdOf(browser, 'http://invest-hk.gov.hk.top/*');
    const page = await openPopup(browser, tabId);
    const panel = page.locator('section.verdict[aria-labelledby="tab-verdict-heading"]');
    expect(await panel.getAttribute('data-severity')).toBe('danger');
    expect(await panel.getAttribute('data-verdict')).toBe('lookalike');
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('Invest Hong Kong');
    expect(text).toMatch(/borrows the agency's name/); // a reason in plain words, not a code
    expect(text).not.toMatch(/brand-embedded|official-as-subdomain/);
    expect(await panel.locator('a[href="tel:31071000"]').count()).toBe(1);
    await page.close();
    await tab.close();
  });

  it('says nothing alarming for the official site', async () => {
    const tab = await browser.context.newPage();
    await tab.goto('http://www.investhk.gov.hk/');
    await tab.waitForTimeout(1500);
    const page = await openPopup(browser, await tabIdOf(browser, 'http://www.investhk.gov.hk/*'));
    const severity = await page.locator('section.verdict[aria-labelledby="tab-verdict-heading"]').getAttribute('data-severity');
    expect(['safe', 'none']).toContain(severity);
    await page.close();
    await tab.close();
  });

  it('renders in Traditional Chinese when chosen, and searches in English there', async () => {
    const page = await openPopup(browser);
    await setLanguage(page, 'zh-Hant');
    await page.reload();
    await page.waitForSelector('main.popup');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-HK');
    expect(await page.locator('label[for="q"]').textContent()).toBe('查找機構、網站、連結或電郵地址');
    await page.fill('#q', 'InvestHK');
    await expect.poll(() => page.locator('article.card:not(.compact) h3').textContent()).toBe('投資推廣署');
    await page.fill('#q', '投资推广署');
    await expect.poll(() => page.locator('article.card:not(.compact) h3').textContent()).toBe('投資推廣署');
    await setLanguage(page, 'zh-Hans');
    await page.reload();
    await page.waitForSelector('main.popup');
    await page.fill('#q', 'invest hong kong');
    await expect.poll(() => page.locator('article.card:not(.compact) h3').textContent()).toBe('投资推广署');
    await setLanguage(page, 'browser');
    await page.close();
  });
});
