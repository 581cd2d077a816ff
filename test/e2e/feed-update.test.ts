/**
 * Signed feed updates in real Chromium with the built extension: a feed host on 127.0.0.1
 * serves feed v1; the extension subscribes and picks it up; the admin adds a made-up agency
 * with the CLI, signs v2 and publishes it; the extension switches to v2 on its refresh alarm
 * without reinstall and the open lookalike tab gets the new agency's banner. Then a tampered
 * v3, a replayed v1, an expired v4 and an HTML page are each rejected, v2 stays active, and
 * the reason shows in the options page. Prints the publish→banner time and the bytes of an
 * unchanged (304) check.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../src/shared/messaging/protocol';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { readBanner, waitForBanner } from '../support/overlay-probe';
import { DEMO_SITE, ROOT } from '../support/paths';
import { openOptions } from '../support/ui-pages';
import { cli, feedHost, lookalikePages, type FeedHost } from './feed-publisher';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  alarms: { create(name: string, info: { when: number }): void };
};

const FEED_URL = 'http://feeds.example-cert.test/feed.json';
/** A brand-embedded lookalike of the v2 agency (banner; not pre-blocked by declarativeNetRequest). */
const LOOKALIKE = 'http://lantauferry-renewal.top/renew';
/** An official-as-leading-labels lookalike: pre-blocked to the interstitial once the feed lists the agency. */
const LEADING_LABELS = 'http://lantauferry.gov.hk.secure-pay.top/renew';
const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-feed-e2e-'));
const at = (name: string) => path.join(dir, name);

let server: FixtureServer;
let browser: ExtensionBrowser;
let host: FeedHost;
let options: Page;
let publicKey: string;

/** Sends a UI message from the options page, as the page itself does. */
function ui<T>(type: string, payload: unknown): Promise<T> {
  return options.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const) as Promise<T>;
}

async function statusOfFeed(): Promise<FeedStatus> {
  const { feeds } = await ui<{ feeds: FeedStatus[] }>('feed-check-now', {});
  return feeds.find((f) => f.url === FEED_URL)!;
}

async function publishFile(name: string): Promise<void> {
  host.publish(readFileSync(at(name)), readFileSync(at(`${name}.sig`)));
}

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE);
  host = feedHost(server, 'feeds.example-cert.test');
  lookalikePages(server);
  await cli('feed', 'keygen', '--out', at('cert'));
  publicKey = readFileSync(at('cert.pub'), 'utf8').trim();
  writeFileSync(at('v1.json'), readFileSync(path.join(ROOT, 'test/fixtures/feeds/cert-v1.json')));
  await cli('feed', 'sign', at('v1.json'), '--key', at('cert.key'));
  await publishFile('v1.json');
  browser = await launchWithExtension({ port: server.port });
  options = await openOptions(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('signed feed updates (Chromium)', () => {
  it('subscribes to feed v1 and uses it', async () => {
    const res = await ui<{ ok: boolean; error?: string; feeds: FeedStatus[] }>('feed-subscribe', { url: FEED_URL, publicKey });
    expect(res.error).toBeUndefined();
    const status = res.feeds.find((f) => f.url === FEED_URL)!;
    expect(status).toMatchObject({ source: 'user', feedId: 'example-cert', sequence: 1, lastError: null, state: 'fresh' });
    const page = await browser.context.newPage();
    await page.goto('http://kowloonwater-pay.top/renew');
    const banner = await waitForBanner(page, 10_000, (b) => b.agency === 'kowloon-water');
    expect(banner?.agency).toBe('kowloon-water');
    await page.close();
  });

  let lookalikeTab: Page;
  it('v2 from the CLI reaches the open tab on the next refresh, without reinstall or reload', async () => {
    lookalikeTab = await browser.context.newPage();
    await lookalikeTab.goto(LOOKALIKE);
    await lookalikeTab.waitForTimeout(1500);
    expect((await readBanner(lookalikeTab))?.agency ?? null).not.toBe('lantau-ferry');

    // The admin's work: add the agency, raise the sequence, validate, diff, sign.
    const v2 = JSON.parse(readFileSync(at('v1.json'), 'utf8'));
    v2.agencies.push(JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/feeds/new-agency.json'), 'utf8')));
    v2.sequence = 2;
    v2.issued_at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    writeFileSync(at('v2.json'), `${JSON.stringify(v2, null, 2)}\n`);
    expect(await cli('feed', 'validate', at('v2.json'), '--published', at('v1.json'))).toMatch(/^ok: example-cert sequence 2/);
    expect(await cli('feed', 'diff', at('v1.json'), at('v2.json'))).toMatch(/\+ agency lantau-ferry/);
    await cli('feed', 'sign', at('v2.json'), '--key', at('cert.key'));
    expect(await cli('feed', 'verify', at('v2.json'), '--pubkey', at('cert.pub'))).toMatch(/^ok/);

    const published = Date.now();
    await publishFile('v2.json');
    // Time passes: the refresh alarm fires (brought forward to now, as the clock would).
    await browser.serviceWorker.evaluate(() => chrome.alarms.create('feed-refresh', { when: Date.now() }));
    const banner = await waitForBanner(lookalikeTab, 20_000, (b) => b.agency === 'lantau-ferry');
    const elapsed = Date.now() - published;
    expect(banner?.agency).toBe('lantau-ferry');
    expect(banner?.severity).toBe('danger');
    expect(banner?.text).toContain('Lantau Ferry Licensing Office');
    expect(banner?.links.map((l) => l.href)).toContain('tel:21000002');
    console.info(`[feed-e2e] publish v2 → banner on the open lookalike tab: ${elapsed} ms (alarm fired at publish time)`);
    expect((await statusOfFeed()).sequence).toBe(2);
    // The declarativeNetRequest rules follow the new feed too: a fresh visit to the
    // official-as-subdomain lookalike is stopped at the interstitial.
    const blocked = await browser.context.newPage();
    await blocked.goto(LEADING_LABELS).catch(() => undefined);
    await expect.poll(() => blocked.url(), { timeout: 10_000 }).toMatch(/^chrome-extension:\/\/[a-p]{32}\/src\/interstitial\//);
    await blocked.close();
  });

  it('an unchanged feed costs a 304 with no body', async () => {
    const before = host.responses.length;
    const status = await statusOfFeed();
    expect(status).toMatchObject({ sequence: 2, lastError: null });
    const check = host.responses.slice(before);
    expect(check.map((r) => `${r.path} ${r.status}`)).toEqual(['/feed.json 304']);
    const full = host.responses.filter((r) => r.path === '/feed.json' && r.status === 200).at(-1)!;
    console.info(
      `[feed-e2e] unchanged check: ${check[0]!.wireBytes} bytes on the wire (304, body ${check[0]!.bodyBytes} bytes); ` +
        `a full v2 download was ${full.wireBytes} bytes + its signature`,
    );
    expect(check[0]!.bodyBytes).toBe(0);
  });

  const expectRejected = async (code: string, words: RegExp) => {
    const status = await statusOfFeed();
    expect(status.lastErrorCode).toBe(code);
    expect(status.lastError).toMatch(words);
    expect(status.sequence).toBe(2);
    // The options page shows the reason.
    await options.reload();
    await options.waitForSelector('main.options');
    const card = options.locator(`li.feed[data-url="${FEED_URL}"]`);
    await expect.poll(() => card.textContent(), { timeout: 5000 }).toContain(status.lastError!);
    // v2 stays active: a fresh lookalike page still gets the new agency's banner.
    const page = await browser.context.newPage();
    await page.goto(`${LOOKALIKE}?after=${code}`);
    expect((await waitForBanner(page, 10_000, (b) => b.agency === 'lantau-ferry'))?.agency).toBe('lantau-ferry');
    await page.close();
  };

  it('rejects a tampered v3', async () => {
    const v3 = JSON.parse(readFileSync(at('v2.json'), 'utf8'));
    v3.sequence = 3;
    writeFileSync(at('v3.json'), JSON.stringify(v3, null, 2));
    await cli('feed', 'sign', at('v3.json'), '--key', at('cert.key'));
    v3.agencies[1].hotline = '2999 9999'; // changed after signing
    host.publish(JSON.stringify(v3, null, 2), readFileSync(at('v3.json.sig')));
    await expectRejected('bad-signature', /does not match/);
  });

  it('rejects a replayed v1', async () => {
    await publishFile('v1.json');
    await expectRejected('not-newer', /sequence 1 is not above 2/);
  });

  it('rejects an expired v4', async () => {
    const v4 = JSON.parse(readFileSync(at('v2.json'), 'utf8'));
    Object.assign(v4, { sequence: 4, issued_at: '2026-01-01T00:00:00Z', expires_at: '2026-02-01T00:00:00Z' });
    writeFileSync(at('v4.json'), JSON.stringify(v4, null, 2));
    await cli('feed', 'sign', at('v4.json'), '--key', at('cert.key'), '--now', '2026-01-15T00:00:00Z');
    await publishFile('v4.json');
    await expectRejected('expired', /expired at 2026-02-01/);
  });

  it('rejects an HTML page (captive portal) served in place of the feed', async () => {
    host.publish('<!doctype html><title>Wi-Fi login</title><p>Please sign in to continue.</p>', null, 'text/html');
    await expectRejected('not-json', /HTML page/);
  });
});
