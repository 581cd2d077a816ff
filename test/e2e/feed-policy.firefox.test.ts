/**
 * Managed configuration in real Firefox ESR: `/etc/firefox/policies/policies.json` (the
 * system-wide policy file Firefox reads on Linux) with `3rdparty.Extensions.<gecko id>`
 * (read through `storage.managed`, keys from `public/managed-schema.json`) points the
 * extension at a signed feed on the local feed host with its trusted key, forbids user
 * feeds and dismissing. The extension fetches the policy feed and uses it; policy wins over
 * the user. Needs root (CI runs as root); skipped otherwise. The file is system-wide: it is
 * written only when absent and removed in afterAll.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../src/build/manifest-for';
import type { FeedStatus, PolicyState } from '../../src/shared/messaging/protocol';
import { pollFor, type BrowserDriver, type TestPage } from '../support/driver';
import { launchFirefox } from '../support/firefox';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { cli, feedHost, lookalikePages } from './feed-publisher';
import { certFeed } from './trust-feeds';

const POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = path.join(POLICY_DIR, 'policies.json');
const FEED_HOST = 'policy-feeds.example-it.test';
const LOOKALIKE = 'kowloonwater-pay.top';
const isRoot = process.getuid?.() === 0;
const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-policy-ff-e2e-'));
const at = (name: string) => path.join(dir, name);

let server: FixtureServer;
let driver: BrowserDriver;
let feedUrl: string;
let wrote = false;

beforeAll(async () => {
  if (!isRoot) return;
  server = await startFixtureServer(DEMO_SITE, { tls: true });
  const host = feedHost(server, FEED_HOST);
  lookalikePages(server);
  await cli('feed', 'keygen', '--out', at('it'));
  writeFileSync(at('feed.json'), JSON.stringify(certFeed(), null, 2));
  await cli('feed', 'sign', at('feed.json'), '--key', at('it.key'));
  host.publish(readFileSync(at('feed.json')), readFileSync(at('feed.json.sig')));
  feedUrl = `https://${FEED_HOST}:${server.port}/feed.json`;
  if (existsSync(POLICY_FILE)) throw new Error(`${POLICY_FILE} exists already; not overwriting it`);
  mkdirSync(POLICY_DIR, { recursive: true });
  const policy = {
    feedUrls: [feedUrl],
    trustedKeys: [readFileSync(at('it.pub'), 'utf8').trim()],
    refreshIntervalMinutes: 30,
    allowUserFeeds: false,
    allowDismiss: false,
  };
  writeFileSync(POLICY_FILE, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }, null, 2));
  wrote = true;
  try {
    driver = await launchFirefox({ port: server.port, extraHosts: [FEED_HOST, LOOKALIKE] });
  } finally {
    // Firefox reads the policy file at startup: remove the system-wide file at once.
    rmSync(POLICY_FILE, { force: true });
    wrote = false;
  }
});

afterAll(async () => {
  if (!isRoot) return;
  if (wrote) rmSync(POLICY_FILE, { force: true });
  await driver?.close();
  await server?.close();
});

describe.skipIf(!isRoot)('managed policy (Firefox policies.json)', () => {
  it('fetches the policy feed with the policy key and reports the policy', async () => {
    const options: TestPage = await driver.openExtensionPage('/src/options/index.html');
    const send = <T>(message: unknown) => options.evaluate<T>(`chrome.runtime.sendMessage(${JSON.stringify(message)})`);
    const state = () => send<{ feeds: FeedStatus[]; policy: PolicyState }>({ type: 'ui-state', payload: {} });
    const sequence = await pollFor(
      async () => (await state()).feeds.find((f) => f.url === feedUrl)?.sequence ?? null,
      (s) => s === 1,
      20_000,
    );
    expect(sequence).toBe(1);
    const { feeds, policy } = await state();
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
    });
    // Policy wins: the user can neither add a feed nor remove the policy's.
    const add = await send<{ ok: boolean; error?: string }>({
      type: 'feed-subscribe',
      payload: { url: 'https://elsewhere.test/feed.json', publicKey: 'A'.repeat(43) + '=' },
    });
    expect(add).toMatchObject({ ok: false, error: expect.stringMatching(/policy/) });
    const remove = await send<{ ok: boolean; error?: string }>({ type: 'feed-unsubscribe', payload: { url: feedUrl } });
    expect(remove).toMatchObject({ ok: false, error: expect.stringMatching(/policy/) });
    await options.close();
  });

  it('warns on a lookalike of the policy feed’s agency, with no way to dismiss (allowDismiss: false)', async () => {
    const page = await driver.newPage();
    await page.goto(driver.url(LOOKALIKE, '/renew'));
    const banner = await pollFor(
      () => page.readBanner(),
      (b) => b?.agency === 'kowloon-water',
    );
    expect(banner?.agency).toBe('kowloon-water');
    expect(banner?.severity).toBe('danger');
    await expect(page.clickInOverlay('banner', '.dismiss')).rejects.toThrow(/no \.dismiss/);
    await page.press('Escape');
    expect((await page.readBanner())?.severity).toBe('danger');
  });
});
