/**
 * Signed feed updates: a feed host on the fixture
 * server serves feed v1; the extension subscribes and picks it up; the admin adds a made-up
 * agency with the CLI, signs v2 and publishes it; the extension switches to v2 on its
 * refresh alarm without reinstall and the open lookalike tab gets the new agency's banner.
 * Then a tampered v3, a replayed v1, an expired v4 and an HTML page are each rejected, v2
 * stays active, and the reason shows in the options page. Prints the publish→banner time
 * and the bytes of an unchanged (304) check.
 *
 * Feeds are https only: the fixture server answers TLS on its port (Chromium: accepted with
 * `--ignore-certificate-errors`; Firefox: `acceptInsecureCerts`). Feed dates are set around
 * now: readers refuse a feed valid for more than 90 days.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../src/shared/messaging/protocol';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import { pollFor, type BrowserDriver, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE, ROOT } from '../support/paths';
import { pageChecks, waitForJudgement, watchContentMessages } from '../support/ui-pages';
import { cli, feedHost, lookalikePages, type FeedHost } from './feed-publisher';
import { certFeed, httpsUrl, isoDays } from './trust-feeds';

const FEED_HOST = 'feeds.example-cert.test';
/** A brand-embedded lookalike of the v1 agency. */
const V1_LOOKALIKE = 'kowloonwater-pay.top';
/** A brand-embedded lookalike of the v2 agency (banner; not pre-blocked by declarativeNetRequest). */
const LOOKALIKE = 'lantauferry-renewal.top';
/** An official-as-leading-labels lookalike: pre-blocked to the interstitial once the feed lists the agency. */
const LEADING_LABELS = 'lantauferry.gov.hk.secure-pay.top';
/** Hostnames of this test that are not demo-site folders. */
const FEED_TEST_HOSTS = [FEED_HOST, V1_LOOKALIKE, LOOKALIKE, LEADING_LABELS];

/**
 * Waits until `page` shows the warning page for `agency`: a lookalike page of an agency the
 * active feed lists gets it instead of loading (the navigation judge, or the content script
 * when a new feed arrives while the page is open). Resolves the warning page's text.
 */
async function waitForWarning(page: TestPage, agency: string, timeoutMs = 10_000): Promise<string> {
  const shown = await pollFor(
    () => page.evaluate<string | null>(`document.querySelector('.interstitial')?.getAttribute('data-agency') ?? null`),
    (a) => a === agency,
    timeoutMs,
  );
  expect(shown).toBe(agency);
  return page.evaluate<string>(`document.body.innerText`);
}

describe(`signed feed updates (${BROWSER_LABEL})`, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-feed-e2e-'));
  const at = (name: string) => path.join(dir, name);
  let server: FixtureServer;
  let driver: BrowserDriver;
  let host: FeedHost;
  let options: TestPage;
  let publicKey: string;
  let feedUrl: string;

  /** Sends a UI message from the options page, as the page itself does. */
  const ui = <T>(type: string, payload: unknown): Promise<T> =>
    options.evaluate<T>(`chrome.runtime.sendMessage(${JSON.stringify({ type, payload })})`);

  async function statusOfFeed(): Promise<FeedStatus> {
    const { feeds } = await ui<{ feeds: FeedStatus[] }>('feed-check-now', {});
    return feeds.find((f) => f.url === feedUrl)!;
  }

  const publishFile = (name: string) => host.publish(readFileSync(at(name)), readFileSync(at(`${name}.sig`)));

  async function open(hostname: string, urlPath: string): Promise<TestPage> {
    const page = await driver.newPage();
    await page.goto(driver.url(hostname, urlPath));
    return page;
  }

  beforeAll(async () => {
    server = await startFixtureServer(DEMO_SITE, { tls: true });
    host = feedHost(server, FEED_HOST);
    lookalikePages(server);
    await cli('feed', 'keygen', '--out', at('cert'));
    publicKey = readFileSync(at('cert.pub'), 'utf8').trim();
    writeFileSync(at('v1.json'), JSON.stringify(certFeed(), null, 2));
    await cli('feed', 'sign', at('v1.json'), '--key', at('cert.key'));
    publishFile('v1.json');
    driver = await launchBrowser({ port: server.port, extraHosts: FEED_TEST_HOSTS });
    feedUrl = httpsUrl(driver.url(FEED_HOST, '/feed.json'));
    options = await driver.openExtensionPage('/src/options/index.html');
    await watchContentMessages(options);
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('subscribes to feed v1 and uses it', async () => {
    const res = await ui<{ ok: boolean; error?: string; feeds: FeedStatus[] }>('feed-subscribe', { url: feedUrl, publicKey });
    expect(res.error).toBeUndefined();
    const status = res.feeds.find((f) => f.url === feedUrl)!;
    expect(status).toMatchObject({ source: 'user', feedId: 'example-cert', sequence: 1, lastError: null, state: 'fresh' });
    const fetched = host.responses.filter((r) => r.path === '/feed.json');
    expect(fetched.at(-1)?.secure).toBe(true);
    const page = await open(V1_LOOKALIKE, '/renew');
    await waitForWarning(page, 'kowloon-water');
    await page.close();
  });

  it('v2 from the CLI reaches the open tab on the next refresh, without reinstall or reload', async () => {
    const checks = await pageChecks(options, driver.url(LOOKALIKE, '/renew'));
    const lookalikeTab = await open(LOOKALIKE, '/renew');
    // Judged with v1: the page loads (only v2 will list its agency).
    await waitForJudgement(options, driver.url(LOOKALIKE, '/renew'), checks + 1);
    expect(await lookalikeTab.url()).toBe(driver.url(LOOKALIKE, '/renew'));
    expect((await lookalikeTab.readBanner())?.agency ?? null).not.toBe('lantau-ferry');

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
    publishFile('v2.json');
    // Time passes: the refresh alarm fires (brought forward to now, as the clock would).
    // Alarms belong to the extension, so an extension page can set the background's alarm.
    await options.evaluate(`chrome.alarms.create('feed-refresh', { when: Date.now() }), true`);
    // The open page is judged again with v2: it is now a lookalike, and gets the warning page.
    const text = await waitForWarning(lookalikeTab, 'lantau-ferry', 20_000);
    const elapsed = Date.now() - published;
    expect(text).toContain('Lantau Ferry Licensing Office');
    expect(
      await lookalikeTab.evaluate<string[]>(`[...document.querySelectorAll('#actions a')].map((a) => a.getAttribute('href'))`),
    ).toContain('tel:21000002');
    console.info(
      `[feed-e2e ${BROWSER_LABEL}] publish v2 → warning page in the open lookalike tab: ${elapsed} ms (alarm fired at publish time)`,
    );
    expect((await statusOfFeed()).sequence).toBe(2);
    await lookalikeTab.close();
    // The declarativeNetRequest rules follow the new feed too: a fresh visit to the
    // official-as-subdomain lookalike is stopped at the interstitial, with no request.
    const before = server.log.filter((r) => r.host === LEADING_LABELS).length;
    const blocked = await open(LEADING_LABELS, '/renew');
    const url = await pollFor(
      () => blocked.url(),
      (u) => u.startsWith(`${driver.extensionOrigin}/src/interstitial/`),
    );
    expect(url.startsWith(`${driver.extensionOrigin}/src/interstitial/`)).toBe(true);
    expect(server.log.filter((r) => r.host === LEADING_LABELS).length).toBe(before);
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
      `[feed-e2e ${BROWSER_LABEL}] unchanged check: ${check[0]!.wireBytes} bytes on the wire (304, body ${check[0]!.bodyBytes} bytes); ` +
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
    const cardText = await pollFor(
      () => options.evaluate<string>(`document.querySelector(${JSON.stringify(`li.feed[data-url="${feedUrl}"]`)})?.textContent ?? ''`),
      (t) => !!t && t.includes(status.lastError!),
      5000,
    );
    expect(cardText).toContain(status.lastError!);
    // v2 stays active: a fresh lookalike page still gets the warning page for the new agency.
    const page = await open(LOOKALIKE, `/renew?after=${code}`);
    await waitForWarning(page, 'lantau-ferry');
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
    publishFile('v1.json');
    await expectRejected('not-newer', /sequence 1 is not above 2/);
  });

  it('rejects an expired v4', async () => {
    const v4 = JSON.parse(readFileSync(at('v2.json'), 'utf8'));
    Object.assign(v4, { sequence: 4, issued_at: isoDays(-40), expires_at: isoDays(-10) });
    writeFileSync(at('v4.json'), JSON.stringify(v4, null, 2));
    await cli('feed', 'sign', at('v4.json'), '--key', at('cert.key'), '--now', isoDays(-20));
    publishFile('v4.json');
    await expectRejected('expired', new RegExp(`expired at ${v4.expires_at}`));
  });

  it('rejects an HTML page (captive portal) served in place of the feed', async () => {
    host.publish('<!doctype html><title>Wi-Fi login</title><p>Please sign in to continue.</p>', null, 'text/html');
    await expectRejected('not-json', /HTML page/);
  });
});
