/**
 * The `dom` field cases (C23–C25, from public bug reports; see `src/shared/match/cases.test.ts`),
 * with the cases' test feed (the default InvestHK entry plus the test-only scam host
 * investhk-verify.example) signed with the admin CLI and subscribed like any feed:
 *   C23 an SVG link (`xlink:href`, not in `document.links`),
 *   C24 a link inside a custom element's open shadow root,
 *   C25 50,000 links with the scam link last, then infinite scroll adding 500 more with
 *       another scam link: both found, and each link is sent for checking once (a mutation
 *       costs work for what it added, never a rescan). The links sent are counted by the
 *       options page, which receives every message content scripts send to the extension.
 *       Task lengths are measured by `npm run bench:browser`, not asserted here.
 * Firefox fetches the `http://` feed as `https://` on the same port (MV3
 * `upgrade-insecure-requests`): the fixture server answers TLS too.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEED } from '../../src/shared/feed/default-feed';
import type { FeedStatus, UiState } from '../../src/shared/messaging/protocol';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import { holdsFor, pollFor, type BrowserDriver, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { contentMessages, openOptions, tabIdOf, watchContentMessages } from '../support/ui-pages';
import { cli, feedHost } from './feed-publisher';
import { httpsUrl, isoDays } from './trust-feeds';

const FEED_HOST = 'feeds.cases-test.example';
const PAGE_HOST = 'forum.example';
const SCAM = 'https://investhk-verify.example/claim';
const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-cases-'));
const at = (name: string) => path.join(dir, name);

let server: FixtureServer;
let driver: BrowserDriver;
let options: TestPage;
let feedUrl: string;

/** The cases' feed: the default InvestHK entry plus the test-only scam entries. */
function casesFeed(): unknown {
  const investhk = structuredClone(DEFAULT_FEED.agencies.find((a) => a.id === 'investhk')!);
  investhk.scam_entries = [{ host: 'investhk-verify.example' }, { host: 'investhk-claim.github.io' }, { host: '203.0.113.7' }];
  return {
    format_version: 1,
    feed_id: 'cases-test',
    sequence: 1,
    // Readers refuse a feed valid for more than 90 days.
    issued_at: isoDays(-1),
    expires_at: isoDays(30),
    refresh_interval_minutes: 60,
    publisher: { name: { en: 'Cases test feed' } },
    help: DEFAULT_FEED.help,
    agencies: [investhk],
  };
}

const PAGES: Record<string, string> = {
  '/svg': `<!doctype html><title>SVG</title><p style="margin-top:420px">Diagram:</p>
    <svg width="300" height="60"><a id="svg-link"><text x="10" y="30">investhk.gov.hk</text></a></svg>
    <script>document.getElementById('svg-link').setAttributeNS('http://www.w3.org/1999/xlink', 'xlink:href', '${SCAM}');</script>`,
  '/shadow': `<!doctype html><title>Shadow</title><grant-card></grant-card>
    <script>
      const host = document.querySelector('grant-card');
      host.attachShadow({ mode: 'open' }).innerHTML = '<p><a id="in-shadow" href="${SCAM}">Invest Hong Kong grant</a></p>';
    </script>`,
  '/archive': `<!doctype html><title>Archive</title><ul id="list"></ul>
    <script>
      const list = document.getElementById('list');
      const parts = [];
      for (let i = 0; i < 49999; i++) parts.push('<li><a href="https://site' + i + '.example' + (i % 7) + '.net/p">Item ' + i + '</a></li>');
      parts.push('<li><a id="last" href="${SCAM}">Claim</a></li>');
      list.innerHTML = parts.join('');
      window.addEventListener('load', () => setTimeout(() => {
        let batch = 0;
        const timer = setInterval(() => {
          for (let i = 0; i < 50; i++) {
            const n = batch * 50 + i;
            const li = document.createElement('li');
            const a = document.createElement('a');
            a.href = n === 275 ? '${SCAM}?more' : 'https://more' + n + '.example.org/';
            a.textContent = 'More ' + n;
            li.append(a);
            list.append(li);
          }
          if (++batch === 10) { clearInterval(timer); window.__appended = true; }
        }, 100);
      }, 500));
    </script>`,
};

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE, { tls: true });
  const host = feedHost(server, FEED_HOST);
  server.route((_req, res, url) => {
    const page = url.hostname === PAGE_HOST ? PAGES[url.pathname] : undefined;
    if (!page) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
    return true;
  });
  await cli('feed', 'keygen', '--out', at('cases'));
  writeFileSync(at('feed.json'), JSON.stringify(casesFeed(), null, 2));
  await cli('feed', 'sign', at('feed.json'), '--key', at('cases.key'));
  host.publish(readFileSync(at('feed.json')), readFileSync(at('feed.json.sig')));
  driver = await launchBrowser({ port: server.port, extraHosts: [FEED_HOST, PAGE_HOST] });
  // Feeds are https only.
  feedUrl = httpsUrl(driver.url(FEED_HOST, '/feed.json'));
  options = await openOptions(driver);
  const res = await options.sendMessage<{ error?: string; feeds: FeedStatus[] }>({
    type: 'feed-subscribe',
    payload: { url: feedUrl, publicKey: readFileSync(at('cases.pub'), 'utf8').trim() },
  });
  expect(res.error).toBeUndefined();
  expect(res.feeds.find((f) => f.url === feedUrl)?.feedId).toBe('cases-test');
});

afterAll(async () => {
  await driver?.close();
  await server?.close();
});

/** The background's verdict for the tab showing `path` on the cases host. */
async function tabVerdict(urlPath: string) {
  const tabId = await tabIdOf(options, PAGE_HOST, `${urlPath}*`);
  return (await options.sendMessage<UiState>({ type: 'ui-state', payload: { tabId } })).tabVerdict;
}

async function open(urlPath: string): Promise<TestPage> {
  const page = await driver.newPage();
  await page.goto(driver.url(PAGE_HOST, urlPath));
  return page;
}

describe(`DOM cases (${BROWSER_LABEL})`, () => {
  it('C23: an SVG link with xlink:href to a known scam host is found and guarded', async () => {
    const page = await open('/svg');
    const banner = await pollFor(
      () => page.readBanner(),
      (b) => b?.severity === 'danger',
    );
    expect(banner?.agency).toBe('investhk');
    await expect.poll(() => tabVerdict('/svg').then((v) => v?.verdict), { timeout: 10_000 }).toBe('blocklisted');
    await page.click('#svg-link text');
    await expect.poll(async () => (await page.readConfirm())?.text ?? '', { timeout: 5_000 }).toContain('investhk-verify.example');
    await page.close();
  });

  it('C24: a link inside an open shadow root is found and marked', async () => {
    const page = await open('/shadow');
    await expect.poll(async () => (await page.readMarkers()).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => tabVerdict('/shadow').then((v) => v?.verdict), { timeout: 10_000 }).toBe('blocklisted');
    await page.close();
  });

  it('C25: the scam link after 50,000 others and the one added by infinite scroll are both found; only those two leave the page', async () => {
    await watchContentMessages(options);
    const archiveUrl = driver.url(PAGE_HOST, '/archive');
    const linksSent = async () =>
      (await contentMessages(options))
        .filter((m) => m.type === 'links-check' && m.url.startsWith(archiveUrl))
        .reduce((n, m) => n + m.links, 0);
    const page = await open('/archive');
    expect(
      await pollFor(
        () => page.evaluate<boolean>('window.__appended === true'),
        (done) => done === true,
        60_000,
      ),
    ).toBe(true);
    await expect.poll(async () => (await page.readMarkers()).length, { timeout: 60_000, interval: 1000 }).toBe(2);
    expect(await tabVerdict('/archive').then((v) => v?.verdict)).toBe('blocklisted');
    // 50,000 on load + 500 added: the feed's link prefilter keeps the ordinary ones in the page
    // (src/shared/match/link-prefilter.ts); a rescan on each mutation would send old links again.
    expect(await pollFor(linksSent, (n) => n >= 2, 30_000)).toBe(2);
    expect(await holdsFor(linksSent, (n) => n === 2, 1000)).toBe(2);
    await page.close();
  });
});
