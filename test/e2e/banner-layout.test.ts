/**
 * The banner keeps the page readable and is seen (issue 11): inside the viewport and on top
 * by the page's own hit test, on a short page (webmail) and a long one (a forum thread, also
 * after scrolling to the bottom: before issue 11, Firefox drew the banner after the page's
 * content, below the fold); compact; and every marked link stays visible and clickable
 * (not under the banner), in English, Traditional and Simplified Chinese, at 100% and 200%
 * zoom (the same window showing half the CSS pixels).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import { pollFor, type BrowserDriver, type TestPage, type Viewport } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { bannerSeen, elementSeen, seenOnTop, type SeenBox } from '../support/seen';

const ZOOMS: Array<[label: string, viewport: Viewport, maxShare: number]> = [
  // The compact banner's share of the viewport height, at most.
  ['100%', { width: 1280, height: 800 }, 0.15],
  ['200%', { width: 640, height: 400 }, 0.4],
];

let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE);
});
afterAll(async () => {
  await server?.close();
});

/** The banner, once it is seen on top. */
async function seenBanner(page: TestPage): Promise<SeenBox> {
  const seen = await pollFor(() => bannerSeen(page), seenOnTop);
  expect(seen, JSON.stringify(seen)).not.toBeNull();
  expect(seen!.inViewport).toBe(true);
  expect(seen!.onTop, `covered by ${seen!.covers.join(', ')}`).toBe(true);
  return seen!;
}

/** `selector` is drawn inside the viewport, not under the banner (the page's hit test reaches it). */
async function expectLinkSeen(page: TestPage, selector: string): Promise<void> {
  const seen = await pollFor(
    () => elementSeen(page, selector),
    (s) => !!s && s.inViewport && s.onTop,
    5_000,
  );
  expect(seen?.inViewport, `${selector} ${JSON.stringify(seen)}`).toBe(true);
  expect(seen?.onTop, `${selector} covered by ${seen?.covers.join(', ')}`).toBe(true);
}

for (const [locale, title] of [
  ['en-US', 'Invest Hong Kong'],
  ['zh-HK', '投資推廣署'],
  ['zh-CN', '投资推广署'],
] as const) {
  describe(`banner layout, ${locale} (${BROWSER_LABEL})`, () => {
    let driver: BrowserDriver;
    beforeAll(async () => {
      driver = await launchBrowser({ port: server.port, locale });
    });
    afterAll(async () => {
      await driver?.close();
    });

    for (const [zoom, viewport, maxShare] of ZOOMS) {
      it(`short page (webmail) at ${zoom}: compact, on top, and both marked links visible`, async () => {
        const page = await driver.newPage(viewport);
        await page.goto(driver.url('mail.example-webmail.com'));
        // Both links, and the lookalike From address in the text.
        await pollFor(
          () => page.readMarkers(),
          (m) => m?.length === 3,
        );
        const banner = await seenBanner(page);
        expect((await page.readBanner())?.text).toContain(title);
        expect(banner.rect.height / banner.viewport.height).toBeLessThanOrEqual(maxShare);
        for (const link of ['#scam-link', '#scam-link-2']) {
          await page.evaluate(`document.querySelector('${link}').scrollIntoView({ block: 'nearest' }); true`);
          await expectLinkSeen(page, link);
        }
        await page.close();
      });

      it(`long page at ${zoom}: on top at the top of the thread and after scrolling to its end, marked links visible`, async () => {
        const page = await driver.newPage(viewport);
        await page.goto(driver.url('forum.example.net', '/long.html'));
        await pollFor(
          () => page.readMarkers(),
          (m) => m?.length === 2,
        );
        const first = await seenBanner(page);
        // Pinned to the top or the bottom edge of the viewport, never somewhere in the page.
        expect(first.rect.top === 0 || Math.abs(first.rect.bottom - first.viewport.height) < 1).toBe(true);
        await expectLinkSeen(page, '#scam-top');
        await page.evaluate(`document.querySelector('#scam-bottom').scrollIntoView({ block: 'end' }); true`);
        const scrolled = await seenBanner(page);
        expect(scrolled.rect.top === 0 || Math.abs(scrolled.rect.bottom - scrolled.viewport.height) < 1).toBe(true);
        await expectLinkSeen(page, '#scam-bottom');
        await page.close();
      });
    }
  });
}
