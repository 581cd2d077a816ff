/**
 * Every frame counts (issue 11): content scripts run in cross-origin, `srcdoc` and
 * `about:blank` frames; a frame's findings raise one banner, in the top frame; markers stay
 * where the links are; a lookalike page framed by an innocent page is replaced by the warning
 * page in its frame; an image map's `<area>` is judged by the address it opens.
 * Page: `test/fixtures/demo-site/blog.example.org/frames.html`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER, BROWSER_LABEL, launchBrowser } from '../support/browser';
import { pollFor, type BrowserDriver, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { bannerSeen, elementSeen, seenOnTop } from '../support/seen';

const WARNING_PAGE = '/src/interstitial/index.html';
const LOOKALIKE = 'invest-hk.gov-hk.support';

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

/** Page expression: the kinds of extension hosts in `doc` (`mark`, `banner`, `confirm`). */
const hostsIn = (doc: string) =>
  `[...${doc}.querySelectorAll('*')].filter((e) => /^asa-[a-z0-9]+-[a-z]+$/.test(e.localName)).map((e) => e.localName.split('-').pop())`;

async function openFrames(): Promise<TestPage> {
  const page = await driver.newPage();
  await page.goto(driver.url('blog.example.org', '/frames.html'));
  return page;
}

describe(`frames (${BROWSER_LABEL})`, () => {
  it('marks links in cross-origin, srcdoc and about:blank frames, and raises one banner in the top frame', async () => {
    const page = await openFrames();
    const banner = await pollFor(
      () => page.readBanner(),
      (b) => b?.severity === 'danger',
    );
    expect(banner?.agency).toBe('investhk');
    expect(seenOnTop(await pollFor(() => bannerSeen(page), seenOnTop))).toBe(true);
    for (const frame of ['mailbody.example-webmail.com', 'about:srcdoc']) {
      const hosts = await pollFor(
        () => page.evaluate<string[]>(hostsIn('document'), frame),
        (h) => !!h?.includes('mark'),
      );
      // A marker by the link, never a banner of its own.
      expect(hosts).toEqual(['mark']);
    }
    const blank = await pollFor(
      () => page.evaluate<string[]>(hostsIn(`document.getElementById('blank').contentDocument`)),
      (h) => !!h?.includes('mark'),
    );
    expect(blank).toEqual(['mark']);
    expect((await page.evaluate<string[]>(hostsIn('document'))).filter((k) => k === 'banner')).toHaveLength(1);
    await page.close();
  });

  it('replaces a framed lookalike page by the warning page in its frame', async () => {
    const before = server.log.filter((r) => r.host === LOOKALIKE).length;
    const page = await openFrames();
    const frames = await pollFor(
      () => page.frameUrls(),
      (urls) => !!urls?.some((u) => u.includes(WARNING_PAGE)),
    );
    expect(frames.some((u) => u.startsWith(`${driver.extensionOrigin}${WARNING_PAGE}`) && u.includes(LOOKALIKE))).toBe(true);
    expect(
      await pollFor(
        () => page.evaluate<string>(`document.querySelector('#title')?.textContent ?? ''`, WARNING_PAGE),
        (t) => !!t,
      ),
    ).toContain('Invest Hong Kong');
    if (BROWSER === 'firefox') expect(server.log.filter((r) => r.host === LOOKALIKE).length).toBe(before);
    await page.close();
  });

  it('asks before opening an image-map <area> that goes to a lookalike', async () => {
    const page = await openFrames();
    await pollFor(
      () => page.readBanner(),
      (b) => b?.severity === 'danger',
    );
    const image = await elementSeen(page, 'img[usemap]');
    const { rect } = image!;
    // The page's hit test at that point reaches the map (Chromium answers the area, Firefox
    // the image): nothing of ours covers it.
    expect(
      await pollFor(
        () =>
          page.evaluate<string>(
            `(() => { const e = document.elementFromPoint(${rect.left + 20}, ${rect.top + 10}); return e ? e.id || e.localName : ''; })()`,
          ),
        (hit) => hit === 'area-scam' || hit === 'img',
      ),
    ).toMatch(/^(area-scam|img)$/);
    // A real click on the map's area: judged by the address the area opens.
    await page.mouseClick(rect.left + 20, rect.top + 10);
    const confirm = await pollFor(
      () => page.readConfirm(),
      (c) => !!c?.text.includes('investhk-payment.com'),
    );
    expect(confirm?.text).toContain('investhk-payment.com');
    expect(await page.url()).toContain('blog.example.org');
    await page.close();
  });

  it('asks before opening a dangerous link inside a frame, in that frame', async () => {
    const page = await openFrames();
    await pollFor(
      () => page.evaluate<string[]>(hostsIn('document'), 'mailbody.example-webmail.com'),
      (h) => !!h?.includes('mark'),
    );
    // A real click: the frame's box in the page plus the link's box in the frame.
    const frameBox = (await elementSeen(page, '#cross'))!.rect;
    const link = (await pollFor(
      () => elementSeen(page, '#framed-scam', 'mailbody.example-webmail.com'),
      (s) => !!s?.onTop,
    ))!.rect;
    await page.mouseClick(frameBox.left + link.left + Math.min(link.width / 2, 30), frameBox.top + link.top + link.height / 2);
    const hosts = await pollFor(
      () => page.evaluate<string[]>(hostsIn('document'), 'mailbody.example-webmail.com'),
      (h) => !!h?.includes('confirm'),
    );
    expect(hosts).toContain('confirm');
    // The frame did not navigate.
    expect((await page.frameUrls()).some((u) => u.includes('mailbody.example-webmail.com') && u.endsWith('/message.html'))).toBe(true);
    await page.close();
  });
});
