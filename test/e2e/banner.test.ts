/**
 * The main job, in real Chromium with the built extension and the embedded default feed:
 * banners exactly where they belong on the bundled demo pages, dangerous links marked with
 * a confirm step, dismissal, and a hostile page that cannot hide or remove the banner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { clickInOverlay, readBanner, readConfirm, readMarkers, waitForBanner } from '../support/overlay-probe';
import { DEMO_SITE } from '../support/paths';

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

async function open(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** Waits long enough for the content script to have reported, then reads the banner. */
async function settledBanner(page: Page) {
  await page.waitForTimeout(1500);
  return readBanner(page);
}

describe('banner on the demo pages (Chromium)', () => {
  it('warns on the scam message in webmail, with the agency, its promise, hotline and 18222', async () => {
    const page = await open('http://mail.example-webmail.com/');
    const banner = await waitForBanner(page, 10_000, (b) => b.severity === 'danger');
    expect(banner).not.toBeNull();
    expect(banner!.severity).toBe('danger');
    expect(banner!.role).toBe('alert');
    expect(banner!.agency).toBe('investhk');
    expect(banner!.text).toContain('Invest Hong Kong');
    expect(banner!.text).toContain('never sends links');
    expect(banner!.visible).toBe(true);
    const hrefs = banner!.links.map((l) => l.href);
    expect(hrefs).toContain('tel:31071000');
    expect(hrefs).toContain('mailto:enq@investhk.gov.hk');
    expect(hrefs).toContain('tel:18222');
    expect(hrefs).toContain('https://www.investhk.gov.hk/');
    await page.close();
  });

  it('marks the dangerous links that arrive with the opened message, and asks before opening one', async () => {
    const page = await open('http://mail.example-webmail.com/');
    await waitForBanner(page, 10_000, (b) => b.severity === 'danger');
    await expect.poll(async () => (await readMarkers(page)).length, { timeout: 10_000 }).toBe(2);
    const markers = await readMarkers(page);
    expect(markers.every((m) => m.text.includes('Scam link'))).toBe(true);
    const before = server.log.filter((r) => r.host === 'investhk.gov.hk.secure-pay.top').length;
    // The banner may overlay the message: reach the link with the keyboard, as many users do.
    await page.focus('#scam-link');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await readConfirm(page))?.text ?? '', { timeout: 5_000 }).toContain('investhk.gov.hk.secure-pay.top');
    // "Don't open it" has the focus: Enter keeps the user on the page.
    await page.keyboard.press('Enter');
    await expect.poll(async () => readConfirm(page), { timeout: 5_000 }).toBeNull();
    expect(page.url()).toBe('http://mail.example-webmail.com/');
    expect(server.log.filter((r) => r.host === 'investhk.gov.hk.secure-pay.top').length).toBe(before);
    // Opening anyway is possible, deliberately (a middle or ctrl click would open a tab).
    await page.focus('#scam-link');
    await page.keyboard.press('Enter');
    await expect.poll(async () => readConfirm(page), { timeout: 5_000 }).not.toBeNull();
    await clickInOverlay(page, 'confirm', '.secondary');
    await page.waitForURL(/secure-pay\.top/, { timeout: 10_000 });
    await page.close();
  });

  it('warns on the lookalike payment page', async () => {
    const page = await open('http://investhk.gov.hk.secure-pay.top/pay');
    const banner = await waitForBanner(page);
    expect(banner?.severity).toBe('danger');
    expect(banner?.agency).toBe('investhk');
    expect(banner?.text).toContain('3107 1000');
    await page.close();
  });

  it('shows nothing on an unrelated news page, and adds nothing to it', async () => {
    const page = await open('http://news.example.com/');
    expect(await settledBanner(page)).toBeNull();
    expect(await readMarkers(page)).toEqual([]);
    const extraElements = await page.evaluate(
      () => [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('asa-')).length,
    );
    expect(extraElements).toBe(0);
    await page.close();
  });

  it('raises no danger on the official host', async () => {
    const page = await open('http://www.investhk.gov.hk/');
    const banner = await settledBanner(page);
    expect(banner === null || banner.severity === 'safe' || banner.severity === 'info').toBe(true);
    expect(banner?.severity).not.toBe('danger');
    await page.close();
  });

  it('dismisses with the button and with Escape, and stays dismissed on that site', async () => {
    const page = await open('http://investhk.gov.hk.secure-pay.top/');
    expect((await waitForBanner(page))?.severity).toBe('danger');
    await clickInOverlay(page, 'banner', '.dismiss');
    await expect.poll(async () => readBanner(page), { timeout: 5_000 }).toBeNull();
    await page.reload();
    expect(await settledBanner(page)).toBeNull();
    await page.close();

    const other = await open('http://forum.example.net/hostile');
    expect((await waitForBanner(other))?.severity).toBe('danger');
    // Keyboard: Tab into the banner's controls, then Escape.
    await clickInOverlay(other, 'banner', '.title');
    await other.keyboard.press('Tab');
    await other.keyboard.press('Escape');
    await expect.poll(async () => readBanner(other), { timeout: 5_000 }).toBeNull();
    await other.close();
  });
});

describe('a hostile page', () => {
  it('cannot hide, remove or restyle the banner, and its own scripts keep running', async () => {
    // A fresh profile: the previous test dismissed the banner on this site.
    const fresh = await launchWithExtension({ port: server.port });
    try {
      const page = await fresh.context.newPage();
      await page.goto('http://forum.example.net/hostile');
      const banner = await waitForBanner(page, 10_000, (b) => b.severity === 'danger');
      expect(banner?.severity).toBe('danger');
      // The page removes foreign elements every 50 ms and hides [popover], div, section.
      await page.waitForTimeout(1500);
      const after = await readBanner(page);
      expect(after?.visible).toBe(true);
      expect(after!.rect.height).toBeGreaterThan(40);
      expect(await page.textContent('#status')).toBe('page script still running');
      // The page's fake "safe" notice is not ours, and ours still says danger.
      expect(after!.text).toContain('Invest Hong Kong');
      await page.close();
    } finally {
      await fresh.close();
    }
  });
});

describe('banner language follows the browser', () => {
  for (const [locale, name, hotlineLabel] of [
    ['zh-HK', '投資推廣署', '致電投資推廣署熱線 3107 1000'],
    ['zh-CN', '投资推广署', '致电投资推广署热线 3107 1000'],
  ] as const) {
    it(`${locale}: agency, promise and actions in that language`, async () => {
      const localized = await launchWithExtension({ port: server.port, locale });
      try {
        const page = await localized.context.newPage();
        await page.goto('http://investhk.gov.hk.secure-pay.top/pay');
        const banner = await waitForBanner(page);
        expect(banner?.severity).toBe('danger');
        expect(banner?.text).toContain(name);
        expect(banner?.links.map((l) => l.text)).toContain(hotlineLabel);
      } finally {
        await localized.close();
      }
    });
  }
});
