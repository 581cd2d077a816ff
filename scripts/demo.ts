/**
 * `npm run demo`: serves the bundled demo pages on 127.0.0.1 at realistic hostnames,
 * opens each in headless Chromium with the built extension (embedded default feed, no
 * network), and prints per page the verdict, the links marked and whether a banner (or,
 * for a known-pattern scam host, the interstitial page) appeared. Screenshots of each page
 * and of the popup and options page (English and Traditional Chinese) go to demo-output/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_MISSING, findChromium, launchWithExtension } from '../test/support/chromium';
import { chromiumDriver } from '../test/support/chromium-driver';
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
   * What should happen: a danger banner, nothing, or the interstitial (the navigation is
   * stopped before the page loads, by declarativeNetRequest rules from the feed).
   */
  expect: 'danger' | 'none' | 'interstitial';
}

const PAGES: DemoPage[] = [
  { name: 'webmail-scam-message', url: 'http://mail.example-webmail.com/', expect: 'danger' },
  { name: 'lookalike-payment-page', url: 'http://invest-hk.gov.hk.top/pay', expect: 'danger' },
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
      if (demo.expect === 'interstitial') {
        await page.waitForURL(/\/src\/interstitial\//, { timeout: 10_000 }).catch(() => undefined);
        await page.waitForTimeout(500);
        const stopped = page.url().includes('/src/interstitial/');
        const reached = server.log.filter((r) => r.host === new URL(demo.url).hostname).length - requestsBefore;
        const shot = path.join(OUT, `${demo.name}.png`);
        await page.screenshot({ path: shot });
        const verdict = matcher.matchUrl(demo.url);
        const ok = stopped && reached === 0;
        if (!ok) failures++;
        console.log(`${ok ? '✔' : '✘'} ${demo.name}  ${demo.url}`);
        console.log(`    verdict: ${verdict.verdict} (${verdict.severity}), agency ${verdict.agency} [${verdict.reasons.join(', ')}]`);
        console.log(
          `    stopped before loading, interstitial shown: ${stopped ? 'yes' : 'no'}; requests that reached the scam host: ${reached}`,
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
      console.log(`    dangerous links marked: ${markers.length}`);
      console.log(
        `    banner: ${banner ? `yes — ${banner.severity}, agency ${banner.agency}` : 'no'} (expected: ${demo.expect === 'none' ? 'no' : demo.expect})`,
      );
      console.log(`    screenshot: ${path.relative(ROOT, shot)}\n`);
      await page.close();
    }
    const shots = await captureUiScreenshots(chromiumDriver(browser), OUT);
    console.log(`popup and options screenshots (en, zh-Hant): ${shots.map((s) => path.relative(ROOT, s)).join(', ')}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(failures === 0 ? 'All demo pages behaved as expected.' : `${failures} demo page(s) did not behave as expected.`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
