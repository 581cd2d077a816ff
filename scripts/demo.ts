/**
 * `npm run demo`: serves the bundled demo pages on 127.0.0.1 at realistic hostnames,
 * opens each in headless Chromium with the built extension (embedded default feed, no
 * network), and prints per page the verdict, the links marked and whether a banner (or,
 * for a scam page itself, the warning page) appeared. Screenshots of each page and of the
 * popup (search, a pasted link, "Check a message" with a scam SMS) and options page
 * (English and Traditional Chinese) go to demo-output/, and, per
 * browser (Chromium and Firefox ESR), the warning as a person sees it: the banner on a short
 * page (webmail) and a long one (a forum thread, scrolled to its end), at 100% and 200% zoom,
 * and the warning page, each with whether the banner is inside the viewport and on top.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_MISSING, findChromium, launchWithExtension } from '../test/support/chromium';
import { chromiumDriver, launchChromium } from '../test/support/chromium-driver';
import { pollFor, type BrowserDriver, type LaunchDriver } from '../test/support/driver';
import { launchFirefox } from '../test/support/firefox-driver';
import { bannerSeen, elementSeen, seenOnTop } from '../test/support/seen';
import { startFixtureServer } from '../test/support/fixture-server';
import { readMarkers, waitForBanner, type OverlayInfo } from '../test/support/overlay-probe';
import { DEMO_SITE, ROOT } from '../test/support/paths';
import { captureUiScreenshots } from '../test/support/ui-screenshots';
import { DEFAULT_FEED } from '../src/shared/feed/default-feed';
import { createMatcher } from '../src/shared/match/matcher';

interface DemoPage {
  name: string;
  url: string;
  /**
   * What should happen: a danger banner, nothing, or the warning page (`interstitial`: the
   * navigation is stopped before any request by declarativeNetRequest rules from the feed;
   * `warning-page`: the engine judges the navigation, see navigation-judge.ts; in Chromium
   * the first request may reach the host).
   */
  expect: 'danger' | 'none' | 'interstitial' | 'warning-page';
}

const PAGES: DemoPage[] = [
  { name: 'webmail-scam-message', url: 'http://mail.example-webmail.com/', expect: 'danger' },
  // Issue 14: a lookalike From address, typed and disguised addresses, a fake hotline in text and in a tel: link.
  { name: 'webmail-message-text', url: 'http://webmail.example-mail.com/message.html', expect: 'danger' },
  { name: 'lookalike-payment-page', url: 'http://invest-hk.gov.hk.top/pay', expect: 'warning-page' },
  { name: 'official-name-as-leading-labels', url: 'http://investhk.gov.hk.secure-pay.top/pay', expect: 'interstitial' },
  { name: 'unrelated-news-page', url: 'http://news.example.com/', expect: 'none' },
  { name: 'official-host', url: 'http://www.investhk.gov.hk/', expect: 'none' },
];

const OUT = path.join(ROOT, 'demo-output');

async function main(): Promise<number> {
  if (!findChromium()) {
    console.error(CHROMIUM_MISSING);
    return 1;
  }
  mkdirSync(OUT, { recursive: true });
  const matcher = createMatcher(DEFAULT_FEED);
  const server = await startFixtureServer(DEMO_SITE);
  const browser = await launchWithExtension({ port: server.port });
  let failures = 0;
  try {
    console.log(
      `Agency Scam Alert demo — extension ${browser.extensionId}, embedded feed "${DEFAULT_FEED.feed_id}" #${DEFAULT_FEED.sequence}\n`,
    );
    for (const demo of PAGES) {
      const page = await browser.context.newPage();
      const requestsBefore = server.log.filter((r) => r.host === new URL(demo.url).hostname).length;
      await page.goto(demo.url, { waitUntil: 'load' }).catch(() => undefined);
      if (demo.expect === 'interstitial' || demo.expect === 'warning-page') {
        await page.waitForURL(/\/src\/interstitial\//, { timeout: 10_000 }).catch(() => undefined);
        await page.waitForTimeout(500);
        const stopped = page.url().includes('/src/interstitial/');
        const reached = server.log.filter((r) => r.host === new URL(demo.url).hostname).length - requestsBefore;
        const shot = path.join(OUT, `${demo.name}.png`);
        await page.screenshot({ path: shot });
        const verdict = matcher.matchUrl(demo.url);
        const ok = stopped && (demo.expect === 'warning-page' || reached === 0);
        if (!ok) failures++;
        console.log(`${ok ? '✔' : '✘'} ${demo.name}  ${demo.url}`);
        console.log(`    verdict: ${verdict.verdict} (${verdict.severity}), agency ${verdict.agency} [${verdict.reasons.join(', ')}]`);
        console.log(
          `    ${demo.expect === 'interstitial' ? 'stopped by a feed rule before loading' : 'stopped by the navigation judge'}, warning page shown: ${stopped ? 'yes' : 'no'}; requests that reached the scam host: ${reached}`,
        );
        console.log(`    screenshot: ${path.relative(ROOT, shot)}\n`);
        await page.close();
        continue;
      }
      const banner: OverlayInfo | null = await waitForBanner(
        page,
        demo.expect === 'none' ? 2500 : 10_000,
        (b) => b.severity === demo.expect,
      );
      if (demo.expect === 'danger') await page.waitForTimeout(500); // let late links be marked
      const markers = await readMarkers(page);
      const text = await page.evaluate(() => document.body.innerText);
      const verdict = matcher.matchPage(demo.url, text);
      const shot = path.join(OUT, `${demo.name}.png`);
      await page.screenshot({ path: shot });
      const shown = banner?.severity ?? 'none';
      const ok = shown === demo.expect;
      if (!ok) failures++;
      console.log(`${ok ? '✔' : '✘'} ${demo.name}  ${demo.url}`);
      console.log(
        `    page verdict: ${verdict.verdict} (${verdict.severity})${verdict.agency ? `, agency ${verdict.agency}` : ''}${verdict.reasons.length ? ` [${verdict.reasons.join(', ')}]` : ''}`,
      );
      console.log(`    markers (links, and addresses and numbers in the text): ${markers.length}`);
      for (const m of markers) console.log(`      ${m.text}`);
      console.log(
        `    banner: ${banner ? `yes — ${banner.severity}, agency ${banner.agency}` : 'no'} (expected: ${demo.expect === 'none' ? 'no' : demo.expect})`,
      );
      console.log(`    screenshot: ${path.relative(ROOT, shot)}\n`);
      await page.close();
    }
    const shots = await captureUiScreenshots(chromiumDriver(browser), OUT);
    console.log(`popup, message check and options screenshots (en, zh-Hant): ${shots.map((s) => path.relative(ROOT, s)).join(', ')}\n`);
  } finally {
    await browser.close();
  }
  try {
    for (const launch of [launchChromium, launchFirefox]) failures += await warningScreenshots(launch, server.port);
  } finally {
    await server.close();
  }
  console.log(failures === 0 ? 'All demo pages behaved as expected.' : `${failures} demo page(s) did not behave as expected.`);
  return failures === 0 ? 0 : 1;
}

/**
 * The warning as a person sees it in one browser: screenshots of the banner on a short and
 * a long page at 100% and 200% zoom, and of the warning page; prints whether the banner is
 * inside the viewport and on top (the page's own hit test). Returns the number of failures.
 */
async function warningScreenshots(launch: LaunchDriver, port: number): Promise<number> {
  let driver: BrowserDriver;
  try {
    driver = await launch({ port });
  } catch (error) {
    console.log(`(skipped the ${launch === launchFirefox ? 'Firefox' : 'Chromium'} screenshots: ${String(error).split('\n')[0]})\n`);
    return 0;
  }
  let failures = 0;
  console.log(`The warning as a person sees it, ${driver.name}:`);
  try {
    const cases = [
      { name: 'short', host: 'mail.example-webmail.com', path: '/', scrollTo: '#scam-link', markers: 3 },
      { name: 'long', host: 'forum.example.net', path: '/long.html', scrollTo: '#scam-bottom', markers: 2 },
    ];
    for (const c of cases) {
      for (const [zoom, viewport] of [
        ['100', { width: 1280, height: 800 }],
        ['200', { width: 640, height: 400 }],
      ] as const) {
        const page = await driver.newPage(viewport);
        await page.goto(driver.url(c.host, c.path));
        await pollFor(
          () => page.readMarkers(),
          (m) => m?.length === c.markers,
        );
        await page.evaluate(`document.querySelector('${c.scrollTo}').scrollIntoView({ block: 'end' }); true`);
        const seen = await pollFor(() => bannerSeen(page), seenOnTop);
        const link = await pollFor(
          () => elementSeen(page, c.scrollTo),
          (s) => !!s?.onTop,
          5_000,
        );
        const file = path.join(OUT, `warning-${c.name}-page-${zoom}pct-${driver.name}.png`);
        await page.screenshot(file);
        const ok = seenOnTop(seen) && !!link?.onTop;
        if (!ok) failures++;
        console.log(
          `${ok ? '✔' : '✘'} ${c.name} page at ${zoom}%: banner ${seen ? `${Math.round(seen.rect.height)} px high at y=${Math.round(seen.rect.top)} of ${seen.viewport.height}` : 'missing'}, inside the viewport: ${seen?.inViewport ? 'yes' : 'no'}, on top: ${seen?.onTop ? 'yes' : 'no'}; marked link ${c.scrollTo} visible: ${link?.onTop ? 'yes' : 'no'} — ${path.relative(ROOT, file)}`,
        );
        await page.close();
      }
    }
    const page = await driver.newPage();
    await page.goto(driver.url('invest-hk.gov.hk.top', '/pay'));
    await page.waitFor('#title');
    const file = path.join(OUT, `warning-page-${driver.name}.png`);
    await page.screenshot(file);
    console.log(`✔ warning page for a lookalike only the engine judges — ${path.relative(ROOT, file)}\n`);
    await page.close();
  } finally {
    await driver.close();
  }
  return failures;
}

process.exitCode = await main();
