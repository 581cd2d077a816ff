/**
 * Managed configuration in real Chromium: a policy file in
 * `/etc/chromium/policies/managed/` (`3rdparty.extensions.<id>`, read through
 * `storage.managed` and `public/managed-schema.json`) points the extension at a signed feed
 * on the local feed host with its trusted key, forbids user feeds and dismissing. The
 * extension fetches the policy feed on install and uses it; policy wins over the user.
 * Needs root (CI runs as root); skipped otherwise. The file is removed in afterAll.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedStatus, PolicyState } from '../../src/shared/messaging/protocol';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { clickInOverlay, readBanner, waitForBanner } from '../support/overlay-probe';
import { DEMO_SITE, EXTENSION_ID } from '../support/paths';
import { openOptions } from '../support/ui-pages';
import { cli, feedHost, lookalikePages } from './feed-publisher';
import { certFeed } from './trust-feeds';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, 'agency-scam-alert-e2e.json');
const FEED_URL = 'https://policy-feeds.example-it.test/feed.json';
const isRoot = process.getuid?.() === 0;
const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-policy-e2e-'));
const at = (name: string) => path.join(dir, name);

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  if (!isRoot) return;
  server = await startFixtureServer(DEMO_SITE, { tls: true });
  const host = feedHost(server, 'policy-feeds.example-it.test');
  lookalikePages(server);
  await cli('feed', 'keygen', '--out', at('it'));
  writeFileSync(at('feed.json'), JSON.stringify(certFeed(), null, 2));
  await cli('feed', 'sign', at('feed.json'), '--key', at('it.key'));
  host.publish(readFileSync(at('feed.json')), readFileSync(at('feed.json.sig')));
  if (existsSync(POLICY_FILE)) throw new Error(`${POLICY_FILE} exists already; not overwriting it`);
  mkdirSync(POLICY_DIR, { recursive: true });
  const policy = {
    feedUrls: [FEED_URL],
    trustedKeys: [readFileSync(at('it.pub'), 'utf8').trim()],
    refreshIntervalMinutes: 30,
    allowUserFeeds: false,
    allowDismiss: false,
  };
  writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }, null, 2));
  browser = await launchWithExtension({ port: server.port });
});

afterAll(async () => {
  if (!isRoot) return;
  rmSync(POLICY_FILE, { force: true });
  await browser?.close();
  await server?.close();
});

describe.skipIf(!isRoot)('managed policy (Chromium policy file)', () => {
  it('fetches the policy feed with the policy key and reports the policy', async () => {
    const options = await openOptions(browser);
    const state = () =>
      options.evaluate(() => chrome.runtime.sendMessage({ type: 'ui-state', payload: {} })) as Promise<{
        feeds: FeedStatus[];
        policy: PolicyState;
      }>;
    await expect.poll(async () => (await state()).feeds.find((f) => f.url === FEED_URL)?.sequence ?? null, { timeout: 20_000 }).toBe(1);
    const { feeds, policy } = await state();
    expect(feeds.find((f) => f.url === FEED_URL)).toMatchObject({
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
    });
    // Policy wins: the user can neither add a feed nor remove the policy's.
    const add = (await options.evaluate(() =>
      chrome.runtime.sendMessage({
        type: 'feed-subscribe',
        payload: { url: 'https://elsewhere.test/feed.json', publicKey: 'A'.repeat(43) + '=' },
      }),
    )) as { ok: boolean; error?: string };
    expect(add).toMatchObject({ ok: false, error: expect.stringMatching(/policy/) });
    const remove = (await options.evaluate(
      (url) => chrome.runtime.sendMessage({ type: 'feed-unsubscribe', payload: { url } }),
      FEED_URL,
    )) as { ok: boolean; error?: string };
    expect(remove).toMatchObject({ ok: false, error: expect.stringMatching(/policy/) });
    await options.close();
  });

  it('warns on a lookalike of the policy feed’s agency, with no way to dismiss (allowDismiss: false)', async () => {
    const page = await browser.context.newPage();
    await page.goto('http://kowloonwater-pay.top/renew');
    const banner = await waitForBanner(page, 10_000, (b) => b.agency === 'kowloon-water');
    expect(banner?.agency).toBe('kowloon-water');
    expect(banner?.severity).toBe('danger');
    await expect(clickInOverlay(page, 'banner', '.dismiss')).rejects.toThrow(/no \.dismiss/);
    await page.keyboard.press('Escape');
    expect((await readBanner(page))?.severity).toBe('danger');
  });
});
