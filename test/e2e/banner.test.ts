/**
 * The in-page banner with the built extension and the embedded default feed: banners
 * exactly where they belong on the bundled demo pages, dangerous links marked with a
 * confirm step, dismissal, a hostile page that cannot hide or remove the banner, and the
 * banner's language following the browser.
 *
 * The lookalike page here is `invest-hk.gov.hk.top` (brand embedded in another name): it
 * loads and gets the banner. `investhk.gov.hk.secure-pay.top` (official domain as leading
 * labels) never loads at all: the interstitial stops it (interstitial.test.ts).
 *
 * "Nothing is shown" checks first wait until the extension has judged the page (its
 * `page-check` seen, the background holding the tab's verdict), then keep reading briefly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import { holdsFor, pollFor, type BrowserDriver, type OverlayInfo, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { openOptions, pageChecks, uiState, waitForJudgement, watchContentMessages } from '../support/ui-pages';

const LOOKALIKE = 'invest-hk.gov.hk.top';
const BLOCKED = 'investhk.gov.hk.secure-pay.top';
/** How long a "stays so" check keeps reading once the page was judged (ms). */
const HOLD_MS = 1000;

const waitForBanner = (page: TestPage, accept: (b: OverlayInfo) => boolean = () => true, timeoutMs = 10_000) =>
  pollFor(
    () => page.readBanner(),
    (b) => !!b && accept(b),
    timeoutMs,
  );

let server: FixtureServer;
let driver: BrowserDriver;
/** An options page that records what content scripts send (see `watchContentMessages`). */
let control: TestPage;

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE);
  driver = await launchBrowser({ port: server.port });
  control = await openOptions(driver);
  await watchContentMessages(control);
});
afterAll(async () => {
  await driver?.close();
  await server?.close();
});

async function open(host: string, path = '/'): Promise<TestPage> {
  const page = await driver.newPage();
  await page.goto(driver.url(host, path));
  return page;
}

/** Opens `host` and waits until the extension has judged it. */
async function openJudged(host: string, path = '/'): Promise<TestPage> {
  const url = driver.url(host, path);
  const before = await pageChecks(control, url);
  const page = await open(host, path);
  await waitForJudgement(control, url, before + 1);
  return page;
}

describe(`banner on the demo pages (${BROWSER_LABEL})`, () => {
  it('warns on the scam message in webmail, with the agency, its promise, hotline and 18222', async () => {
    const page = await open('mail.example-webmail.com');
    const banner = await waitForBanner(page, (b) => b.severity === 'danger');
    expect(banner?.severity).toBe('danger');
    expect(banner!.role).toBe('alert');
    expect(banner!.agency).toBe('investhk');
    expect(banner!.text).toContain('Invest Hong Kong');
    expect(banner!.text).toContain('never sends links');
    expect(banner!.visible).toBe(true);
    const hrefs = banner!.links.map((l) => l.href);
    expect(hrefs).toEqual(
      expect.arrayContaining(['tel:31071000', 'mailto:enq@investhk.gov.hk', 'tel:18222', 'https://www.investhk.gov.hk/']),
    );
    await page.close();
  });

  it('marks the dangerous links in the opened message, asks before opening one, and the interstitial still stops it', async () => {
    const page = await open('mail.example-webmail.com');
    await waitForBanner(page, (b) => b.severity === 'danger');
    const markers = await pollFor(
      () => page.readMarkers(),
      (m) => m?.length === 2,
    );
    expect(markers).toHaveLength(2);
    expect(markers.every((m) => m.text.includes('Scam link'))).toBe(true);
    const before = server.log.filter((r) => r.host === BLOCKED).length;
    // The banner may overlay the message: reach the link with the keyboard, as many users do.
    await page.focus('#scam-link');
    await page.press('Enter');
    const confirm = await pollFor(
      () => page.readConfirm(),
      (c) => !!c?.text.includes(BLOCKED),
      5_000,
    );
    expect(confirm?.text).toContain(BLOCKED);
    // "Don't open it" has the focus: Enter keeps the user on the page.
    await page.press('Enter');
    expect(
      await pollFor(
        () => page.readConfirm(),
        (c) => c === null,
        5_000,
      ),
    ).toBeNull();
    expect(await page.url()).toContain('mail.example-webmail.com');
    // Opening anyway is possible, deliberately; the interstitial then stops the page itself.
    await page.focus('#scam-link');
    await page.press('Enter');
    await pollFor(
      () => page.readConfirm(),
      (c) => c !== null,
      5_000,
    );
    await page.clickInOverlay('confirm', '.secondary');
    expect(
      await pollFor(
        () => page.url(),
        (u) => u.includes('/src/interstitial/index.html'),
      ),
    ).toContain(`${driver.extensionOrigin}/src/interstitial/index.html`);
    expect(server.log.filter((r) => r.host === BLOCKED).length).toBe(before);
    await page.close();
  });

  it('warns on a lookalike payment page', async () => {
    const page = await open(LOOKALIKE, '/pay');
    const banner = await waitForBanner(page);
    expect(banner?.severity).toBe('danger');
    expect(banner?.agency).toBe('investhk');
    expect(banner?.text).toContain('3107 1000');
    await page.close();
  });

  it('shows nothing on an unrelated news page, and adds nothing to it', async () => {
    const page = await openJudged('news.example.com');
    expect(
      await holdsFor(
        () => page.readBanner(),
        (b) => b === null,
        HOLD_MS,
      ),
    ).toBeNull();
    expect(await page.readMarkers()).toEqual([]);
    expect(await page.evaluate<number>(`[...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('asa-')).length`)).toBe(0);
    await page.close();
  });

  it('raises no danger on the official host', async () => {
    const page = await openJudged('www.investhk.gov.hk');
    const banner = await holdsFor(
      () => page.readBanner(),
      (b) => b?.severity !== 'danger',
      HOLD_MS,
    );
    expect(banner?.severity).not.toBe('danger');
    await page.close();
  });

  it('dismisses with the button and with Escape, and stays dismissed on that site', async () => {
    const page = await open(LOOKALIKE);
    expect((await waitForBanner(page))?.severity).toBe('danger');
    await page.clickInOverlay('banner', '.dismiss');
    expect(
      await pollFor(
        () => page.readBanner(),
        (b) => b === null,
        5_000,
      ),
    ).toBeNull();
    // The background has stored the dismissal before the page is judged again.
    const dismissed = await pollFor(
      async () => (await uiState(control)).settings.dismissed,
      (d) => !!d?.[LOOKALIKE]?.investhk,
    );
    expect(Object.keys(dismissed ?? {})).toContain(LOOKALIKE);
    const url = driver.url(LOOKALIKE);
    const checks = await pageChecks(control, url);
    await page.reload();
    await waitForJudgement(control, url, checks + 1);
    expect(
      await holdsFor(
        () => page.readBanner(),
        (b) => b === null,
        HOLD_MS,
      ),
    ).toBeNull();
    await page.close();

    const other = await open('forum.example.net', '/hostile');
    expect((await waitForBanner(other))?.severity).toBe('danger');
    // Keyboard: Tab into the banner's controls, then Escape.
    await other.clickInOverlay('banner', '.title');
    await other.press('Tab');
    await other.press('Escape');
    expect(
      await pollFor(
        () => other.readBanner(),
        (b) => b === null,
        5_000,
      ),
    ).toBeNull();
    await other.close();
  });
});

describe(`a hostile page (${BROWSER_LABEL})`, () => {
  it('cannot hide, remove or restyle the banner, and its own scripts keep running', async () => {
    // A fresh profile: the previous test dismissed the banner on this site.
    const fresh = await launchBrowser({ port: server.port });
    try {
      const page = await fresh.newPage();
      await page.goto(fresh.url('forum.example.net', '/hostile'));
      expect((await waitForBanner(page, (b) => b.severity === 'danger'))?.severity).toBe('danger');
      // The page removes foreign elements every 50 ms and hides [popover], div, section:
      // let it attack 30 more times (it counts its rounds) before looking again.
      const rounds = async () => Number(await page.attribute('#status', 'data-rounds'));
      const start = await rounds();
      expect(await pollFor(rounds, (n) => n >= start + 30)).toBeGreaterThanOrEqual(start + 30);
      const after = await page.readBanner();
      expect(after?.visible).toBe(true);
      expect(after!.rect.height).toBeGreaterThan(40);
      expect(await page.text('#status')).toBe('page script still running');
      expect(after!.text).toContain('Invest Hong Kong');
    } finally {
      await fresh.close();
    }
  });
});

describe(`banner language follows the browser (${BROWSER_LABEL})`, () => {
  for (const [locale, name, hotlineLabel] of [
    ['zh-HK', '投資推廣署', '致電投資推廣署熱線 3107 1000'],
    ['zh-CN', '投资推广署', '致电投资推广署热线 3107 1000'],
  ] as const) {
    it(`${locale}: agency, promise and actions in that language`, async () => {
      const localized = await launchBrowser({ port: server.port, locale });
      try {
        const page = await localized.newPage();
        await page.goto(localized.url(LOOKALIKE, '/pay'));
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
