/**
 * A page that attacks the banner (issue 11): the page carries a dangerous link (so it gets
 * the in-page banner, not the warning page) and, once the banner appears, runs one attack
 * (`test/fixtures/demo-site/forum.example.net/attack.html?attack=…`). After the attack has
 * run to its end, the warning must still be seen: either the banner, inside the viewport and
 * on top by the page's own hit test, or, for a page that keeps fighting a danger banner, the
 * tab on the warning page that says the page hid a scam warning. The page's own script keeps
 * running throughout (its heartbeat advances): repairs are throttled, never a loop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import { holdsFor, pollFor, type BrowserDriver, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { bannerSeen, seenOnTop } from '../support/seen';

const WARNING_PAGE = '/src/interstitial/index.html';

/** What each attack ends in: the banner stays seen, or the tab goes to the warning page. */
const ATTACKS: Array<[attack: string, what: string, outcome: 'banner' | 'escalated']> = [
  ['remove-loop', 'removes the foreign element every 20 ms, 200 times', 'escalated'],
  ['replace-root', 'replaces <html> by its clone (document.replaceChild)', 'banner'],
  ['display-none', 'sets display:none !important on it 200 times', 'escalated'],
  ['move-hidden', 'moves it into a <div style="display:none">', 'banner'],
  ['modal-dialog', 'opens its own full-screen modal <dialog> later', 'banner'],
  ['popover', 'opens its own full-screen popover later', 'banner'],
  ['microtask-loop', 'removes it from its own MutationObserver (a tight microtask loop)', 'escalated'],
  ['attributes', 'adds hidden and inert, calls hidePopover(), 50 times', 'escalated'],
  ['document-open', 'rewrites itself with document.open()/write()', 'banner'],
];

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

const heartbeat = async (page: TestPage) => Number(await page.text('#beat'));

describe(`a page that attacks the banner (${BROWSER_LABEL})`, () => {
  for (const [attack, what, outcome] of ATTACKS) {
    it(`${what}: ${outcome === 'banner' ? 'the banner stays seen, on top' : 'the tab goes to the warning page'}`, async () => {
      const page = await driver.newPage();
      await page.goto(driver.url('forum.example.net', `/attack.html?attack=${attack}`));
      if (outcome === 'escalated') {
        const url = await pollFor(
          () => page.url(),
          (u) => u.includes(WARNING_PAGE),
          20_000,
        );
        expect(url).toContain(`${WARNING_PAGE}?reason=hidden#`);
        const title = await pollFor(
          () => page.text('#title'),
          (t) => !!t,
        );
        expect(title).toBe('Stopped: this page hid a scam warning about Invest Hong Kong');
        await page.close();
        return;
      }
      // The attack ran to its end…
      expect(
        await pollFor(
          () => page.attribute('#beat', 'data-attack-done'),
          (d) => d === attack,
          15_000,
        ),
      ).toBe(attack);
      // …the banner is seen on top (within a few repair delays), and stays so.
      expect(seenOnTop(await pollFor(() => bannerSeen(page), seenOnTop))).toBe(true);
      const beat = await heartbeat(page);
      expect(seenOnTop(await holdsFor(() => bannerSeen(page), seenOnTop, 1500))).toBe(true);
      expect(await heartbeat(page)).toBeGreaterThan(beat);
      const banner = await page.readBanner();
      expect(banner?.severity).toBe('danger');
      expect(banner?.text).toContain('Invest Hong Kong');
      expect(await page.url()).toContain('forum.example.net');
      await page.close();
    });
  }

  it('a modal dialog over the banner does not make it unusable: "Details" still opens', async () => {
    const page = await driver.newPage();
    await page.goto(driver.url('forum.example.net', '/attack.html?attack=modal-dialog'));
    await pollFor(
      () => page.count('dialog[open]'),
      (n) => n === 1,
    );
    expect(seenOnTop(await pollFor(() => bannerSeen(page), seenOnTop))).toBe(true);
    await page.clickInOverlay('banner', 'button.more');
    const expanded = await pollFor(
      () =>
        page.callInOverlay<string | null>(
          'banner',
          `function () { return this.querySelector('button.more').getAttribute('aria-expanded'); }`,
        ),
      (e) => e === 'true',
    );
    expect(expanded).toBe('true');
    await page.close();
  });

  it('the page keeps running while it fights in a tight microtask loop: no gap over 500 ms between its 50 ms beats', async () => {
    const page = await driver.newPage();
    await page.goto(driver.url('forum.example.net', '/attack.html?attack=microtask-loop'));
    expect(
      await pollFor(
        () => page.url(),
        (u) => u.includes(WARNING_PAGE),
        20_000,
      ),
    ).toContain(WARNING_PAGE);
    // The page reports its heartbeat when it goes away: /beacon/heartbeat/<attack>/<beats>/<longest gap ms>.
    const report = await pollFor(
      async () => server.log.find((r) => r.path.startsWith('/beacon/heartbeat/microtask-loop/'))?.path,
      (p) => !!p,
    );
    const [beats, gap] = report!.split('/').slice(-2).map(Number);
    expect(beats).toBeGreaterThan(3);
    expect(gap).toBeLessThan(500);
    await page.close();
  });

  it('the existing hostile page (stylesheet against [popover], removal every 50 ms, a fake "safe" banner) is escalated', async () => {
    const page = await driver.newPage();
    await page.goto(driver.url('forum.example.net', '/hostile'));
    expect(
      await pollFor(
        () => page.url(),
        (u) => u.includes(WARNING_PAGE),
        20_000,
      ),
    ).toContain(`${WARNING_PAGE}?reason=hidden#`);
    await page.close();
  });
});
