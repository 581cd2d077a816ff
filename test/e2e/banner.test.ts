/**
 * The in-page banner with the built extension and the embedded default feed: banners
 * exactly where they belong on the bundled demo pages, dangerous links marked with a
 * confirm step, dismissal, and the banner's language following the browser.
 *
 * The banner is for pages that carry a scam (a webmail message, a forum post). A page whose
 * own address is a lookalike gets the warning page instead, whether a rule pre-blocks it
 * (`investhk.gov.hk.secure-pay.top`, interstitial.test.ts) or only the engine can tell
 * (`invest-hk.gov.hk.top`, here, and navigation-judge.test.ts). Pages that attack the banner:
 * banner-attacks.test.ts; what a person sees of it: banner-layout.test.ts.
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
/** A forum post with a link to a lookalike: a danger banner (the same page attacks it in banner-attacks.test.ts). */
const FORUM = 'forum.example.net';
const FORUM_POST = '/attack.html';
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
  it('warns on the scam message in webmail: compact, then every contact under "Details"', async () => {
    const page = await open('mail.example-webmail.com');
    const banner = await waitForBanner(page, (b) => b.severity === 'danger');
    expect(banner?.severity).toBe('danger');
    expect(banner!.role).toBe('alert');
    expect(banner!.agency).toBe('investhk');
    expect(banner!.text).toContain('Invest Hong Kong');
    expect(banner!.text).toContain('never sends links');
    expect(banner!.visible).toBe(true);
    // The compact bar: the hotline, a "Details" toggle; the rest hidden until asked for.
    const compact = await page.callInOverlay<{ hotline: string | null; details: boolean; expanded: string | null }>(
      'banner',
      `function () { return { hotline: this.querySelector('.bar .hotline')?.getAttribute('href') ?? null, details: this.querySelector('.details').hidden, expanded: this.querySelector('button.more').getAttribute('aria-expanded') }; }`,
    );
    expect(compact).toEqual({ hotline: 'tel:31071000', details: true, expanded: 'false' });
    await page.clickInOverlay('banner', 'button.more');
    const shown = await pollFor(
      () =>
        page.callInOverlay<string[]>(
          'banner',
          `function () { const d = this.querySelector('.details'); return d.hidden ? [] : [...d.querySelectorAll('a')].filter((a) => a.getClientRects().length > 0).map((a) => a.getAttribute('href')); }`,
        ),
      (hrefs) => (hrefs?.length ?? 0) >= 4,
    );
    expect(shown).toEqual(
      expect.arrayContaining(['tel:31071000', 'mailto:enq@investhk.gov.hk', 'tel:18222', 'https://www.investhk.gov.hk/']),
    );
    await page.close();
  });

  it('marks the dangerous links in the opened message, asks before opening one, and the interstitial still stops it', async () => {
    const page = await open('mail.example-webmail.com');
    await waitForBanner(page, (b) => b.severity === 'danger');
    // The two links, and the lookalike From address in the message's text (issue 14).
    const markers = await pollFor(
      () => page.readMarkers(),
      (m) => m?.length === 3,
    );
    expect(markers.map((m) => m.text.replace(/^⚠ /, '')).sort()).toEqual(['Scam address', 'Scam link', 'Scam link']);
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

  it('a lookalike payment page gets the warning page, not a banner inside it', async () => {
    const page = await open(LOOKALIKE, '/pay');
    expect(
      await pollFor(
        () => page.url(),
        (u) => u.includes('/src/interstitial/index.html'),
      ),
    ).toContain(`#${driver.url(LOOKALIKE, '/pay')}`);
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
    const page = await open(FORUM, FORUM_POST);
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
      (d) => !!d?.[FORUM]?.investhk,
    );
    expect(Object.keys(dismissed ?? {})).toContain(FORUM);
    const url = driver.url(FORUM, FORUM_POST);
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

    const other = await open('mail.example-webmail.com');
    expect((await waitForBanner(other, (b) => b.severity === 'danger'))?.severity).toBe('danger');
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

describe(`banner language follows the browser (${BROWSER_LABEL})`, () => {
  for (const [locale, name, hotlineLabel] of [
    ['zh-HK', '投資推廣署', '致電投資推廣署熱線 3107 1000'],
    ['zh-CN', '投资推广署', '致电投资推广署热线 3107 1000'],
  ] as const) {
    it(`${locale}: agency, promise and actions in that language`, async () => {
      const localized = await launchBrowser({ port: server.port, locale });
      try {
        const page = await localized.newPage();
        await page.goto(localized.url('mail.example-webmail.com'));
        const banner = await waitForBanner(page, (b) => b.severity === 'danger');
        expect(banner?.severity).toBe('danger');
        expect(banner?.text).toContain(name);
        expect(banner?.links.map((l) => l.text)).toContain(hotlineLabel);
      } finally {
        await localized.close();
      }
    });
  }
});
