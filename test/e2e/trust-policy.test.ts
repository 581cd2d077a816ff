/**
 * Trust model against managed policy (issue 12), in the configured browser (Chromium and Firefox):
 * a policy feed defines an agency with its hotline; a user feed with the same `feed_id`, a
 * higher sequence and another hotline (what a scam "official feed" would send) is refused —
 * when the person tries to add it (the reason in the options page, nothing subscribed), and
 * when it is already among the subscriptions (as after an older version): the banner keeps
 * the policy's hotline and names the policy feed as its source. The policy also takes away
 * "Continue anyway", and the options page shows it locked.
 * Needs root: the policy is a real policy file (Chromium `/etc/chromium/policies/managed`,
 * Firefox `/etc/firefox/policies/policies.json`), written by the harness only when absent and
 * always removed (`managedPolicy` of `launchBrowser`); skipped otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../src/shared/messaging/protocol';
import { BROWSER_LABEL, launchBrowser, siteUrl } from '../support/browser';
import { pollFor, type BrowserDriver, type JsonValue, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { openOptions, uiState } from '../support/ui-pages';
import { feedHost, lookalikePages } from './feed-publisher';
import { certAgency, certFeed, httpsUrl, publisher } from './trust-feeds';

const POLICY_HOST = 'policy-feeds.example-it.test';
const USER_HOST = 'official-feed.example-claims.test';
const LOOKALIKE = 'kowloonwater-pay.top';
const LEADING_LABELS = 'kowloonwater.gov.hk.secure-pay.top';
const POLICY_HOTLINE = '2100 0009';
const HOSTILE_HOTLINE = '6666 6666';

const isRoot = process.getuid?.() === 0;
const label = BROWSER_LABEL;

describe.skipIf(!isRoot)(`trust model under managed policy (${label})`, () => {
  let server: FixtureServer;
  let driver: BrowserDriver;
  let options: TestPage;
  let policyUrl: string;
  let userUrl: string;
  let userKey: string;

  const send = <T>(type: string, payload: JsonValue): Promise<T> => options.sendMessage<T>({ type, payload });
  const state = () => uiState(options);

  beforeAll(async () => {
    server = await startFixtureServer(DEMO_SITE, { tls: true });
    lookalikePages(server);
    const admin = await publisher();
    const hostile = await publisher();
    userKey = hostile.key.public_key;
    await admin.publish(
      feedHost(server, POLICY_HOST),
      certFeed({ feed_id: 'example-cert', sequence: 3, agencies: [certAgency({ hotline: POLICY_HOTLINE })] }),
    );
    await hostile.publish(
      feedHost(server, USER_HOST),
      certFeed({
        feed_id: 'example-cert',
        sequence: 999,
        agencies: [certAgency({ hotline: HOSTILE_HOTLINE, email: 'verify@kowloonwater-claims.example' })],
      }),
    );
    policyUrl = httpsUrl(siteUrl(server.port, POLICY_HOST, '/feed.json'));
    driver = await launchBrowser({
      port: server.port,
      extraHosts: [POLICY_HOST, USER_HOST, LOOKALIKE, LEADING_LABELS],
      managedPolicy: { feedUrls: [policyUrl], trustedKeys: [admin.key.public_key], allowContinueAnyway: false },
    });
    userUrl = httpsUrl(driver.url(USER_HOST, '/feed.json'));
    options = await openOptions(driver);
    await pollFor(
      async () => (await state()).feeds.find((f) => f.url === policyUrl)?.sequence ?? null,
      (s) => s === 3,
      30_000,
    );
  });
  afterAll(async () => {
    await driver?.close();
    await server?.close();
  });

  it('adding a user feed with the policy feed’s id is refused with the reason on screen; nothing is subscribed', async () => {
    await options.reload();
    await options.fill('#feed-url', userUrl);
    await options.fill('#feed-key', userKey);
    await options.click('button.add-feed-submit');
    const text = await pollFor(
      () => options.evaluate<string>(`document.querySelector('.feed-preview[data-ok="false"]')?.innerText ?? ''`),
      (t) => !!t,
      30_000,
    );
    expect(text).toMatch(/^This feed cannot be added: .*"example-cert".*set by your organisation/s);
    expect((await state()).feeds.map((f: FeedStatus) => f.url)).not.toContain(userUrl);
  });

  it('a subscribed user feed with the same feed_id and another hotline: the banner keeps the policy’s hotline and source', async () => {
    // As if subscribed before the policy came (an older version): written straight into the settings.
    await options.evaluate(
      `chrome.storage.local.get('settings').then((s) => chrome.storage.local.set({ settings: { ...(s.settings || {}), feeds: [{ url: ${JSON.stringify(userUrl)}, publicKeys: [${JSON.stringify(userKey)}] }] } })).then(() => true)`,
    );
    const { feeds } = await send<{ feeds: FeedStatus[] }>('feed-check-now', {});
    expect(feeds.find((f) => f.url === userUrl)).toMatchObject({ source: 'user', lastErrorCode: 'reserved-feed-id', sequence: null });
    expect(feeds.find((f) => f.url === policyUrl)).toMatchObject({ source: 'policy', sequence: 3, lastError: null });
    const page = await driver.newPage();
    await page.goto(driver.url(LOOKALIKE, '/renew'));
    const banner = await pollFor(
      () => page.readBanner(),
      (b) => b?.agency === 'kowloon-water',
    );
    expect(banner?.visible).toBe(true);
    expect(banner?.links.map((l) => l.href)).toContain('tel:21000009');
    expect(banner?.text).not.toContain(HOSTILE_HOTLINE);
    expect(banner?.text).not.toContain('kowloonwater-claims');
    expect(banner?.text).toContain('From: Example CERT (test fixture) (example-cert)');
    await page.close();
    // The options page shows why the user feed is not used.
    await options.reload();
    const card = await pollFor(
      () => options.evaluate<string>(`document.querySelector(${JSON.stringify(`li.feed[data-url="${userUrl}"]`)})?.innerText ?? ''`),
      (t) => t.includes('set by your organisation'),
    );
    expect(card).toContain('set by your organisation');
  });

  it('the policy’s allowContinueAnyway: false removes "Continue anyway" and shows it locked', async () => {
    const policy = (await state()).policy;
    expect(policy).toMatchObject({ allowContinueAnyway: false, locked: expect.arrayContaining(['continueAnyway']) });
    await options.reload();
    const text = await pollFor(
      () => options.evaluate<string>(`document.querySelector('.policy')?.innerText ?? ''`),
      (t) => t.includes('Continue anyway'),
    );
    expect(text).toContain('Locked: “Continue anyway” on the warning page');
    const page = await driver.newPage();
    await page.goto(driver.url(LEADING_LABELS, '/pay'));
    await pollFor(
      () => page.url(),
      (u) => u.includes('/src/interstitial/'),
    );
    await pollFor(
      () => page.evaluate<string>(`document.querySelector('#title') ? 'ready' : ''`),
      (t) => t === 'ready',
    );
    expect(await page.evaluate<number>(`document.querySelectorAll('#continue').length`)).toBe(0);
    expect(await page.evaluate<number>(`document.querySelectorAll('#go-back').length`)).toBe(1);
    await page.close();
  });
});
