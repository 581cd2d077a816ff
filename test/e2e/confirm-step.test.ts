/**
 * The confirm step before a dangerous link cannot be skipped (issue 11): plain, middle,
 * Ctrl and Shift clicks (real mouse input), Enter, `target=_blank`, the page's own
 * `window.open` from a click handler, an href the page swaps between check and click, and a
 * `<base href>` changed after the page was scanned.
 * Page: `test/fixtures/demo-site/forum.example.net/bypass.html`. Nothing may open: the
 * fixture server logs no request for the link's path, and no tab is added.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import { pollFor, type BrowserDriver, type MouseClickOptions, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { elementSeen } from '../support/seen';
import { openOptions } from '../support/ui-pages';

const SCAM = 'investhk-payment.com';

let server: FixtureServer;
let driver: BrowserDriver;
let control: TestPage;

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE);
  driver = await launchBrowser({ port: server.port });
  control = await openOptions(driver);
});
afterAll(async () => {
  await driver?.close();
  await server?.close();
});

const tabCount = () => control.evaluate<number>(`(globalThis.browser ?? chrome).tabs.query({}).then((tabs) => tabs.length)`);
const requestsTo = (path: string) => server.log.filter((r) => r.path === path).length;

/** Opens the page (with `query`) and waits until its three dangerous links are marked. */
async function openMarked(query = ''): Promise<TestPage> {
  const page = await driver.newPage();
  await page.goto(driver.url('forum.example.net', `/bypass.html${query}`));
  const markers = await pollFor(
    () => page.readMarkers(),
    (m) => m?.length === 3,
  );
  expect(markers).toHaveLength(3);
  return page;
}

/** A real mouse click at the centre of `selector`, once it is drawn on top. */
async function clickLink(page: TestPage, selector: string, options?: MouseClickOptions): Promise<void> {
  const seen = await pollFor(
    () => elementSeen(page, selector),
    (s) => !!s?.onTop,
  );
  if (!seen?.onTop) throw new Error(`${selector} is not drawn on top: ${JSON.stringify(seen)}`);
  await page.mouseClick(seen.rect.left + Math.min(seen.rect.width / 2, 40), seen.rect.top + seen.rect.height / 2, options);
}

/** Waits for the confirm dialog naming `host`, then closes it with "Don't open it" (Escape). */
async function expectConfirmThenCancel(page: TestPage, host = SCAM): Promise<void> {
  const confirm = await pollFor(
    () => page.readConfirm(),
    (c) => !!c?.text.includes(host),
  );
  expect(confirm?.text).toContain(host);
  await page.press('Escape');
  expect(
    await pollFor(
      () => page.readConfirm(),
      (c) => c === null,
    ),
  ).toBeNull();
}

describe(`the confirm step cannot be skipped (${BROWSER_LABEL})`, () => {
  const cases: Array<[string, string, MouseClickOptions | undefined]> = [
    ['plain click', '#scam', undefined],
    ['middle click', '#scam', { button: 'middle' }],
    ['Ctrl click', '#scam', { modifiers: ['Control'] }],
    ['Shift click', '#scam', { modifiers: ['Shift'] }],
    ['click on a target=_blank link', '#scam-blank', undefined],
  ];
  for (const [name, selector, options] of cases) {
    it(`${name}: the confirm step, nothing opens`, async () => {
      const page = await openMarked();
      const tabs = await tabCount();
      await clickLink(page, selector, options);
      await expectConfirmThenCancel(page);
      expect(await tabCount()).toBe(tabs);
      expect(requestsTo('/claim') + requestsTo('/claim-blank')).toBe(0);
      expect(await page.url()).toContain('forum.example.net');
      await page.close();
    });
  }

  it('Enter on a focused link: the confirm step', async () => {
    const page = await openMarked();
    await page.focus('#scam');
    await page.press('Enter');
    await expectConfirmThenCancel(page);
    expect(requestsTo('/claim')).toBe(0);
    await page.close();
  });

  it("the page's own window.open from a click handler on the link never runs", async () => {
    const page = await openMarked();
    const tabs = await tabCount();
    await clickLink(page, '#opener');
    await expectConfirmThenCancel(page);
    expect(requestsTo('/opened-by-page') + requestsTo('/opened-by-page-capture')).toBe(0);
    expect(await tabCount()).toBe(tabs);
    await page.close();
  });

  it('an href the page swaps between check and click is judged as it is at the click', async () => {
    const page = await openMarked('?swap');
    // The benign link was judged safe; mousedown swaps its href for a lookalike.
    await clickLink(page, '#swap');
    await expectConfirmThenCancel(page);
    expect(requestsTo('/swapped') + requestsTo('/benign')).toBe(0);
    expect(await page.url()).toContain('forum.example.net');
    await page.close();
  });

  it('a <base href> changed after the scan: the relative link is judged by where it goes now', async () => {
    const page = await openMarked('?base');
    expect(
      await pollFor(
        () => page.evaluate<string>(`document.querySelector('#relative').href`),
        (href) => !!href?.includes(SCAM),
      ),
    ).toContain(SCAM);
    await clickLink(page, '#relative');
    await expectConfirmThenCancel(page);
    expect(await page.url()).toContain('forum.example.net');
    await page.close();
  });

  it('"Open anyway" opens the link as asked; the navigation judge then shows the warning page', async () => {
    const page = await openMarked();
    await clickLink(page, '#scam');
    await pollFor(
      () => page.readConfirm(),
      (c) => c !== null,
    );
    await page.clickInOverlay('confirm', '.secondary');
    expect(
      await pollFor(
        () => page.url(),
        (u) => u.includes('/src/interstitial/index.html'),
      ),
    ).toContain(`#${driver.url(SCAM, '/claim')}`);
    await page.close();
  });
});
