/**
 * Managed configuration, as an IT admin sets it: a managed policy (read through
 * `storage.managed`, keys from `public/managed-schema.json`) points the extension at a
 * signed feed on the local feed host with its trusted key, forbids user feeds and
 * dismissing. The extension fetches the policy feed and uses it; policy wins over the user.
 *
 * The policy is a real policy file, written by the driver where the browser reads it:
 * Chromium `/etc/chromium/policies/managed/agency-scam-alert-e2e.json`
 * (`3rdparty.extensions.<id>`, kept while the browser runs), Firefox
 * `/etc/firefox/policies/policies.json` (`3rdparty.Extensions.<gecko id>`, read at startup
 * and removed right after; Firefox delivers it to the temporarily installed add-on too).
 * Needs root (CI runs as root); skipped otherwise. The driver refuses to overwrite an
 * existing file and removes its own in `close()` (afterAll), also when a test failed, and
 * when the test process exits.
 *
 * Firefox fetches the `http://` policy feed as `https://` on the same port (MV3
 * `upgrade-insecure-requests`): the fixture server answers TLS too.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser, siteUrl } from '../support/browser';
import { holdsFor, pollFor, type BrowserDriver } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { openOptions, uiState } from '../support/ui-pages';
import { cli, feedHost, lookalikePages } from './feed-publisher';
import { certFeed, httpsUrl } from './trust-feeds';

const FEED_HOST = 'policy-feeds.example-it.test';
const LOOKALIKE = 'kowloonwater-pay.top';
const isRoot = process.getuid?.() === 0;
const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-policy-e2e-'));
const at = (name: string) => path.join(dir, name);

let server: FixtureServer;
let driver: BrowserDriver;
let feedUrl: string;

beforeAll(async () => {
  if (!isRoot) return;
  server = await startFixtureServer(DEMO_SITE, { tls: true });
  const host = feedHost(server, FEED_HOST);
  lookalikePages(server);
  await cli('feed', 'keygen', '--out', at('it'));
  writeFileSync(at('feed.json'), JSON.stringify(certFeed(), null, 2));
  await cli('feed', 'sign', at('feed.json'), '--key', at('it.key'));
  host.publish(readFileSync(at('feed.json')), readFileSync(at('feed.json.sig')));
  // Feeds are https only.
  feedUrl = httpsUrl(siteUrl(server.port, FEED_HOST, '/feed.json'));
  driver = await launchBrowser({
    port: server.port,
    extraHosts: [FEED_HOST, LOOKALIKE],
    managedPolicy: {
      feedUrls: [feedUrl],
      trustedKeys: [readFileSync(at('it.pub'), 'utf8').trim()],
      refreshIntervalMinutes: 30,
      allowUserFeeds: false,
      allowDismiss: false,
    },
  });
});

afterAll(async () => {
  await driver?.close();
  await server?.close();
});

describe.skipIf(!isRoot)(`managed policy (${BROWSER_LABEL} policy file)`, () => {
  it('fetches the policy feed with the policy key and reports the policy', async () => {
    const options = await openOptions(driver);
    const sequence = await pollFor(
      async () => (await uiState(options)).feeds.find((f) => f.url === feedUrl)?.sequence ?? null,
      (s) => s === 1,
      20_000,
    );
    expect(sequence).toBe(1);
    const { feeds, policy } = await uiState(options);
    expect(feeds.find((f) => f.url === feedUrl)).toMatchObject({
      source: 'policy',
      feedId: 'example-cert',
      lastError: null,
      state: 'fresh',
    });
    expect(policy).toEqual({
      set: ['feeds', 'trustedKeys', 'refreshIntervalMinutes', 'allowUserFeeds', 'allowDismiss'],
      // allowDismiss: false locks the allowlist too (it must not be a way around).
      locked: ['feeds', 'dismissed', 'allowlist'],
      allowUserFeeds: false,
      allowDismiss: false,
      allowUserAllowlist: false,
      allowContinueAnyway: true,
      refreshIntervalMinutes: 30,
      reportAddress: null,
    });
    // Policy wins: the user can neither add a feed nor remove the policy's.
    const add = await options.sendMessage<{ ok: boolean; error?: string }>({
      type: 'feed-subscribe',
      payload: { url: 'https://elsewhere.test/feed.json', publicKey: 'A'.repeat(43) + '=' },
    });
    expect(add).toMatchObject({ ok: false, error: expect.stringMatching(/policy/) });
    const remove = await options.sendMessage<{ ok: boolean; error?: string }>({ type: 'feed-unsubscribe', payload: { url: feedUrl } });
    expect(remove).toMatchObject({ ok: false, error: expect.stringMatching(/policy/) });
    await options.close();
  });

  it('stops a lookalike of the policy feed’s agency; let through, its banner cannot be dismissed (allowDismiss: false)', async () => {
    const page = await driver.newPage();
    await page.goto(driver.url(LOOKALIKE, '/renew'));
    // The page itself is a lookalike: the warning page, naming the policy feed's agency.
    expect(
      await pollFor(
        () => page.evaluate<string | null>(`document.querySelector('.interstitial')?.getAttribute('data-agency') ?? null`),
        (a) => a === 'kowloon-water',
      ),
    ).toBe('kowloon-water');
    // "Continue anyway" (deliberately, twice): the page loads with the danger banner, which
    // the policy does not let anyone dismiss.
    await page.click('#continue');
    await pollFor(
      () => page.evaluate<boolean>(`!!document.querySelector('#confirm-yes')`),
      (ready) => ready,
    );
    await page.click('#confirm-yes');
    const banner = await pollFor(
      () => page.readBanner(),
      (b) => b?.agency === 'kowloon-water',
    );
    expect(banner?.agency).toBe('kowloon-water');
    expect(banner?.severity).toBe('danger');
    await expect(page.clickInOverlay('banner', '.dismiss')).rejects.toThrow(/no \.dismiss/);
    await page.press('Escape');
    const after = await holdsFor(
      () => page.readBanner(),
      (b) => b?.severity === 'danger',
      1000,
    );
    expect(after?.severity).toBe('danger');
    await page.close();
  });
});
