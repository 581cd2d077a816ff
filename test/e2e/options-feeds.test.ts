/**
 * The options page of the built extension: feed status, adding a feed (a preview of what it
 * adds, then a confirmation; refusals in plain words) and removing it (the round trip
 * through the background's feed handlers), check now, allowlist and dismissed sites with
 * undo using the keyboard only, and the language choice. Every read of state that a click
 * or a key changes polls for it. The feed is served over https by the fixture server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import type { BrowserDriver } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { openOptions } from '../support/ui-pages';
import { feedHost } from './feed-publisher';
import { certFeed, httpsUrl, publisher, type Publisher } from './trust-feeds';

const FEED_HOST = 'feeds.example.test';

let server: FixtureServer;
let driver: BrowserDriver;
let FEED_URL: string;

let MISSING_URL: string;
let cert: Publisher;
const ALLOWED = '.allowlist li[data-host="forum.example.net"]';
const activeClass = `document.activeElement?.className ?? null`;

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE, { tls: true });
  cert = await publisher();
  await cert.publish(feedHost(server, FEED_HOST), certFeed());
  driver = await launchBrowser({ port: server.port, extraHosts: [FEED_HOST] });
  // Feeds are https only (the fixture server answers TLS; both harnesses accept its certificate).
  FEED_URL = httpsUrl(driver.url(FEED_HOST, '/feed.json'));
  MISSING_URL = httpsUrl(driver.url(FEED_HOST, '/missing/feed.json'));
});

afterAll(async () => {
  await driver?.close();
  await server?.close();
});

describe(`options page (${BROWSER_LABEL})`, () => {
  it('shows the built-in feed with its status', async () => {
    const page = await openOptions(driver);
    const builtIn = 'li.feed[data-source="embedded"]';
    await expect.poll(() => page.text(`${builtIn} h3`)).toBe('Built-in list');
    expect(await page.text(builtIn)).toContain('Sequence');
    expect(await page.text('.policy')).toContain('No managed policy is set.');
    await page.close();
  });

  it('refuses a malformed key, an unsafe key and an unreachable feed in plain words, then shows what a real feed adds, adds it on confirmation and removes it again', async () => {
    const page = await openOptions(driver);
    const row = `li.feed[data-url="${FEED_URL}"]`;
    const refusal = () => page.text('.feed-preview[data-ok="false"] h3');
    await page.fill('#feed-url', FEED_URL);
    await page.fill('#feed-key', 'not-a-key');
    await page.click('button.add-feed-submit');
    await expect.poll(refusal, { timeout: 30_000 }).toMatch(/^This feed cannot be added: The public key is not valid/);
    // A key that decodes but is not a safe point (all bytes 7) is refused the same way.
    await page.fill('#feed-key', Buffer.alloc(32, 7).toString('base64'));
    await page.click('button.add-feed-submit');
    await expect.poll(refusal, { timeout: 30_000 }).toMatch(/^This feed cannot be added: The public key is not valid: .*Ed25519/);
    // A feed that cannot be downloaded is not subscribed: its reason is shown.
    await page.fill('#feed-url', MISSING_URL);
    await page.fill('#feed-key', cert.key.public_key);
    await page.click('button.add-feed-submit');
    await expect.poll(refusal, { timeout: 30_000 }).toMatch(/HTTP 404/);
    expect(await page.count(`li.feed[data-url="${MISSING_URL}"]`)).toBe(0);

    // A real feed: what it would add is shown, and nothing is subscribed before the confirmation.
    await page.fill('#feed-url', FEED_URL);
    await page.click('button.add-feed-submit');
    const preview = '.feed-preview[data-ok="true"]';
    await expect.poll(() => page.count(preview), { timeout: 30_000 }).toBe(1);
    expect(await page.text(preview)).toContain('Kowloon Water Office');
    expect(await page.text(preview)).toContain('kowloonwater.gov.hk');
    expect(await page.count(row)).toBe(0);
    await page.clickByName('button', 'Add this feed');
    await expect.poll(() => page.text('.feed-message'), { timeout: 30_000 }).toBe('Feed added.');
    await expect.poll(() => page.count(row)).toBe(1);
    expect(await page.attribute(row, 'data-source')).toBe('user');
    expect(await page.text(row)).toContain('Example CERT (test fixture) (example-cert)');

    // It survives a reload (stored in the background), then goes away with Remove.
    await page.reload();
    await page.waitFor('main.options');
    await page.clickByName('button', `Remove the feed ${FEED_URL}`);
    await expect.poll(() => page.text('.feed-message'), { timeout: 30_000 }).toBe('Feed removed.');
    await expect.poll(() => page.count(row)).toBe(0);
    await page.reload();
    await page.waitFor('main.options');
    expect(await page.count(row)).toBe(0);
    await page.close();
  });

  it('checks now', async () => {
    const page = await openOptions(driver);
    await page.click('button.check-now');
    await expect.poll(() => page.text('.feed-message'), { timeout: 30_000 }).toBe('Check finished.');
    await page.close();
  });

  it('adds to the allowlist, removes and undoes, by keyboard only', async () => {
    const page = await openOptions(driver);
    await page.focus('#allow-host');
    await page.type('forum.example.net');
    await page.press('Enter');
    await expect.poll(() => page.count(ALLOWED)).toBe(1);
    // The focus is on Undo after each change: Enter undoes the addition.
    await expect.poll(() => page.evaluate(activeClass)).toBe('undo');
    await page.press('Enter');
    await expect.poll(() => page.count(ALLOWED)).toBe(0);
    // Add again, then remove with the keyboard and undo the removal.
    await page.focus('#allow-host');
    await page.type('forum.example.net');
    await page.press('Enter');
    await expect.poll(() => page.count(ALLOWED)).toBe(1);
    await page.focusByName('button', 'Remove forum.example.net from the allowlist');
    await page.press('Enter');
    await expect.poll(() => page.count(ALLOWED)).toBe(0);
    await expect.poll(() => page.evaluate(activeClass)).toBe('undo');
    await page.press('Enter');
    await expect.poll(() => page.count(ALLOWED)).toBe(1);
    await page.reload();
    await page.waitFor('main.options');
    expect(await page.count(ALLOWED)).toBe(1);
    await page.close();
  });

  it('lists a dismissed site and shows warnings there again, with undo', async () => {
    const page = await openOptions(driver);
    await page.sendMessage({
      type: 'settings-update',
      payload: { patch: { dismissed: { 'investhk.gov.hk.secure-pay.top': { investhk: '2026-11-29T09:00:00Z' } } } },
    });
    await page.reload();
    await page.waitFor('main.options');
    const row = '.dismissed li[data-host="investhk.gov.hk.secure-pay.top"]';
    expect(await page.text(row)).toContain('Invest Hong Kong');
    await page.clickByName('button', 'Show warnings again on investhk.gov.hk.secure-pay.top');
    await expect.poll(() => page.count(row)).toBe(0);
    await expect.poll(() => page.evaluate(activeClass)).toBe('undo');
    await page.press('Enter'); // Undo has the focus
    await expect.poll(() => page.count(row)).toBe(1);
    await page.close();
  });

  it('switches the language with the radio buttons', async () => {
    const page = await openOptions(driver);
    const radio = 'input[type="radio"][name="language"]';
    const checked = `document.querySelector('${radio}:checked')?.labels?.[0]?.textContent?.trim() ?? null`;
    try {
      await page.clickByName(radio, '繁體中文');
      await expect.poll(() => page.evaluate(checked)).toBe('繁體中文');
      await expect.poll(() => page.text('h1')).toBe('機構冒認騙案警示設定');
      // The page's language follows (set after the new text is drawn).
      await expect.poll(() => page.attribute('html', 'lang')).toBe('zh-HK');
      await page.reload();
      await page.waitFor('main.options');
      expect(await page.text('h1')).toBe('機構冒認騙案警示設定');
      await page.clickByName(radio, 'English');
      await expect.poll(() => page.text('h1')).toBe('Agency Scam Alert settings');
    } finally {
      await page.clickByName(radio, /跟隨瀏覽器|Same as the browser/);
      await expect.poll(() => page.evaluate(checked)).toMatch(/跟隨瀏覽器|Same as the browser/);
      await page.close();
    }
  });
});
