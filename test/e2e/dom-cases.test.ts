/**
 * The `dom` field cases (C23–C25, from public bug reports; see `src/shared/match/cases.test.ts`) in real Chromium, with the cases' test
 * feed (the default InvestHK entry plus the test-only scam host investhk-verify.example)
 * signed with the admin CLI and subscribed like any feed:
 *   C23 an SVG link (`xlink:href`, not in `document.links`),
 *   C24 a link inside a custom element's open shadow root,
 *   C25 50,000 links with the scam link last, then infinite scroll adding 500 more with
 *       another scam link: both found, and each link is sent for checking once (a mutation
 *       costs work for what it added, never a rescan). Task lengths are measured by
 *       `npm run bench:browser`, not asserted here.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEED } from '../../src/shared/feed/default-feed';
import type { FeedStatus, UiState } from '../../src/shared/messaging/protocol';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { readConfirm, readMarkers, waitForBanner } from '../support/overlay-probe';
import { DEMO_SITE } from '../support/paths';
import { openOptions, tabIdOf } from '../support/ui-pages';
import { cli, feedHost } from './feed-publisher';
import { isoDays } from './trust-feeds';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown>; onMessage: { addListener(l: (m: unknown) => undefined): void } };
};

// Feeds are https only (the fixture server answers TLS; the harness accepts its certificate).
const FEED_URL = 'https://feeds.cases-test.example/feed.json';
const SCAM = 'https://investhk-verify.example/claim';
const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-cases-'));
const at = (name: string) => path.join(dir, name);

let server: FixtureServer;
let browser: ExtensionBrowser;
let options: Page;

function ui<T>(type: string, payload: unknown): Promise<T> {
  return options.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const) as Promise<T>;
}

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
  const host = feedHost(server, 'feeds.cases-test.example');
  server.route((_req, res, url) => {
    const page = url.hostname === 'forum.example' ? PAGES[url.pathname] : undefined;
    if (!page) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
    return true;
  });
  await cli('feed', 'keygen', '--out', at('cases'));
  writeFileSync(at('feed.json'), JSON.stringify(casesFeed(), null, 2));
  await cli('feed', 'sign', at('feed.json'), '--key', at('cases.key'));
  host.publish(readFileSync(at('feed.json')), readFileSync(at('feed.json.sig')));
  browser = await launchWithExtension({ port: server.port });
  options = await openOptions(browser);
  const res = await ui<{ error?: string; feeds: FeedStatus[] }>('feed-subscribe', {
    url: FEED_URL,
    publicKey: readFileSync(at('cases.pub'), 'utf8').trim(),
  });
  expect(res.error).toBeUndefined();
  expect(res.feeds.find((f) => f.url === FEED_URL)?.feedId).toBe('cases-test');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function tabVerdict(urlPart: string) {
  const tabId = await tabIdOf(browser, urlPart);
  return (await ui<UiState>('ui-state', { tabId })).tabVerdict;
}

describe('DOM cases (Chromium)', () => {
  it('C23: an SVG link with xlink:href to a known scam host is found and guarded', async () => {
    const page = await browser.context.newPage();
    await page.goto('http://forum.example/svg');
    const banner = await waitForBanner(page, 10_000, (b) => b.severity === 'danger');
    expect(banner?.agency).toBe('investhk');
    await expect.poll(() => tabVerdict('http://forum.example/svg*').then((v) => v?.verdict), { timeout: 10_000 }).toBe('blocklisted');
    await page.click('#svg-link text');
    await expect.poll(async () => (await readConfirm(page))?.text ?? '', { timeout: 5_000 }).toContain('investhk-verify.example');
    await page.close();
  });

  it('C24: a link inside an open shadow root is found and marked', async () => {
    const page = await browser.context.newPage();
    await page.goto('http://forum.example/shadow');
    await expect.poll(async () => (await readMarkers(page)).length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => tabVerdict('http://forum.example/shadow*').then((v) => v?.verdict), { timeout: 10_000 }).toBe('blocklisted');
    await page.close();
  });

  it('C25: the scam link after 50,000 others and the one added by infinite scroll are both found, each link checked once', async () => {
    await browser.serviceWorker.evaluate(() => {
      const g = globalThis as unknown as { __checked: number };
      g.__checked = 0;
      chrome.runtime.onMessage.addListener((m) => {
        const message = m as { type?: string; payload?: { links?: unknown[] } };
        if (message.type === 'links-check') g.__checked += message.payload?.links?.length ?? 0;
        return undefined;
      });
    });
    const page = await browser.context.newPage();
    await page.goto('http://forum.example/archive');
    await page.waitForFunction('window.__appended === true', undefined, { timeout: 60_000 });
    await expect.poll(async () => (await readMarkers(page)).length, { timeout: 60_000, interval: 1000 }).toBe(2);
    expect(await tabVerdict('http://forum.example/archive*').then((v) => v?.verdict)).toBe('blocklisted');
    const checked = await browser.serviceWorker.evaluate(() => (globalThis as unknown as { __checked: number }).__checked);
    // 50,000 on load + 500 added; a rescan of old links on each mutation would be many times that.
    expect(checked).toBe(50_500);
    await page.close();
  });
});
