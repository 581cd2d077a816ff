/**
 * A scam message in a webmail page (issue 14): what the content script finds beyond links.
 * Page: `test/fixtures/demo-site/webmail.example-mail.com/message.html`, with the embedded
 * default feed (Invest Hong Kong, hotline 3107 1000). A person must see, next to each thing:
 * the lookalike From address marked, the web address typed as text and the disguised one
 * marked, the fake hotline (in the text and in a `tel:` link) marked with the genuine number,
 * and the banner naming the fake number beside the genuine hotline. The genuine `tel:` link
 * is left alone, the page's text is unchanged, and when the page later makes the typed
 * address a link, that link opens only after the confirm step (the fixture server sees no
 * request for it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import { pollFor, type BrowserDriver, type OverlayInfo, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { elementSeen } from '../support/seen';

const WEBMAIL = 'webmail.example-mail.com';
const LOOKALIKE = 'invest-hk.gov.hk.secure-update.top';

let server: FixtureServer;
let driver: BrowserDriver;
let page: TestPage;

/** Each marker host with the text just before it (the text node it follows, or the link it follows). */
interface MarkerPlace {
  before: string;
  inParagraph: string;
  /** The id of the element right before the marker ('' after a text node). */
  afterId: string;
}
const markerPlaces = (p: TestPage) =>
  p.evaluate<MarkerPlace[]>(`[...document.querySelectorAll('*')]
    .filter((e) => /^asa-[a-z0-9]+-mark$/.test(e.localName))
    .map((e) => ({ before: e.previousSibling?.textContent ?? '', inParagraph: e.closest('p')?.id ?? '', afterId: e.previousSibling?.id ?? '' }))`);

/** The marker right after the text of paragraph `id`. */
function markerIn(markers: OverlayInfo[], places: MarkerPlace[], id: string): OverlayInfo | undefined {
  const i = places.findIndex((p) => p.inParagraph === id);
  return i >= 0 ? markers[i] : undefined;
}

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE);
  driver = await launchBrowser({ port: server.port });
  page = await driver.newPage();
  await page.goto(driver.url(WEBMAIL, '/message.html'));
});
afterAll(async () => {
  await driver?.close();
  await server?.close();
});

describe(`a scam message in a webmail page (${BROWSER_LABEL})`, () => {
  it('marks the lookalike sender, the typed and disguised addresses, and the fake hotline in text and in a tel: link', async () => {
    // From address, typed address, disguised address, fake number in text, fake tel: link.
    const markers = await pollFor(
      () => page.readMarkers(),
      (m) => m.length >= 5,
      15_000,
    );
    const places = await markerPlaces(page);
    expect(places.map((p) => p.inParagraph).sort()).toEqual(['disguised', 'from-line', 'hotline-link', 'hotline-text', 'verify']);
    for (const marker of markers) expect(marker.visible).toBe(true);

    expect(places.find((p) => p.inParagraph === 'from-line')?.before).toContain('notice@investhk-gov.top');
    expect(markerIn(markers, places, 'from-line')?.text).toContain('Scam address');
    expect(places.find((p) => p.inParagraph === 'verify')?.before).toContain(LOOKALIKE);
    expect(markerIn(markers, places, 'verify')?.text).toContain('Scam address');
    expect(places.find((p) => p.inParagraph === 'disguised')?.before).toContain('hxxps://investhk-gov[.]top/pay');
    // The fake number, in the text and in the tel: link, with the genuine number beside it.
    expect(places.find((p) => p.inParagraph === 'hotline-text')?.before).toContain('3107 1080');
    expect(markerIn(markers, places, 'hotline-text')?.text).toMatch(/Not the agency's number · Genuine: 3107 1000/);
    expect(places.find((p) => p.inParagraph === 'hotline-link')?.afterId).toBe('fake-tel');
    expect(markerIn(markers, places, 'hotline-link')?.text).toMatch(/Scam link · Genuine: 3107 1000/);

    // The marker a person reads next to the fake number is drawn inside the viewport, on top.
    const seen = await page.evaluate<{ top: number; bottom: number; vh: number } | null>(`(() => {
      const host = [...document.querySelectorAll('#hotline-text *')].find((e) => /^asa-[a-z0-9]+-mark$/.test(e.localName));
      if (!host) return null;
      const r = host.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, vh: innerHeight };
    })()`);
    expect(seen && seen.top >= 0 && seen.bottom <= seen.vh).toBe(true);
  });

  it('leaves the genuine hotline alone and the page text as it was', async () => {
    const places = await markerPlaces(page);
    expect(places.some((p) => p.inParagraph === 'genuine')).toBe(false);
    expect(await page.evaluate<boolean>(`document.getElementById('body').textContent === window.originalText`)).toBe(true);
    // Where the browser has the CSS Custom Highlight API, the addresses are painted through it.
    const highlights = await page.evaluate<number | null>(`typeof CSS !== 'undefined' && CSS.highlights ? CSS.highlights.size : null`);
    if (highlights !== null) expect(highlights).toBeGreaterThan(0);
  });

  it('says the fake number next to the genuine hotline in the banner', async () => {
    const banner = await pollFor(
      () => page.readBanner(),
      (b) => !!b?.text.includes('3107 1080'),
    );
    expect(banner?.visible).toBe(true);
    expect(banner?.severity).toBe('danger');
    expect(banner?.text).toContain('3107 1080 on this page is not a number of Invest Hong Kong');
    expect(banner?.links.find((l) => l.href === 'tel:31071000')?.text).toContain('3107 1000');
  });

  it('asks before opening the typed address once the page makes it a link, and opens nothing itself', async () => {
    await page.click('#linkify');
    // The new link is judged as a link: marked right after it.
    const places = await pollFor(
      () => markerPlaces(page),
      (p) => p.some((m) => m.afterId === 'made-link'),
    );
    expect(places.some((m) => m.afterId === 'made-link')).toBe(true);
    const seen = await pollFor(
      () => elementSeen(page, '#made-link'),
      (s) => !!s?.onTop,
    );
    expect(seen?.onTop).toBe(true);
    await page.mouseClick(seen!.rect.left + Math.min(seen!.rect.width / 2, 40), seen!.rect.top + seen!.rect.height / 2);
    const confirm = await pollFor(
      () => page.readConfirm(),
      (c) => !!c?.text.includes(LOOKALIKE),
    );
    expect(confirm?.visible).toBe(true);
    expect(confirm?.text).toContain(LOOKALIKE);
    await page.press('Escape');
    expect(
      await pollFor(
        () => page.readConfirm(),
        (c) => c === null,
      ),
    ).toBeNull();
    expect(await page.url()).toContain(WEBMAIL);
    expect(server.log.filter((r) => r.host.startsWith(LOOKALIKE) || r.host.startsWith('investhk-gov.top'))).toEqual([]);
  });
});
