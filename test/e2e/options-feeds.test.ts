/**
 * The options page of the built extension in real Chromium: feed status, adding a feed
 * (preview of what it adds, then confirmation; refusals in plain words) and removing it
 * (the round trip through the background's feed handlers), check now,
 * allowlist and dismissed sites with undo using the keyboard only, and the language choice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { openOptions } from '../support/ui-pages';
import { feedHost } from './feed-publisher';
import { certFeed, publisher, type Publisher } from './trust-feeds';

let server: FixtureServer;
let browser: ExtensionBrowser;

/** Feeds are https only (the fixture server answers TLS; the harness accepts its certificate). */
const FEED_URL = 'https://feeds.example.test/feed.json';
const MISSING_URL = 'https://feeds.example.test/missing/feed.json';
let cert: Publisher;

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE, { tls: true });
  cert = await publisher();
  await cert.publish(feedHost(server, 'feeds.example.test'), certFeed());
  browser = await launchWithExtension({ port: server.port });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('options page (Chromium)', () => {
  it('shows the built-in feed with its status', async () => {
    const page = await openOptions(browser);
    const builtIn = page.locator('li.feed[data-source="embedded"]');
    expect(await builtIn.locator('h3').textContent()).toBe('Built-in list');
    expect(await builtIn.textContent()).toContain('Sequence');
    expect(await page.locator('.policy').textContent()).toContain('No managed policy is set.');
    await page.close();
  });

  it('refuses a malformed key and an unreachable feed in plain words, then shows what a real feed adds, adds it on confirmation and removes it again', async () => {
    const page = await openOptions(browser);
    const refusal = () => page.locator('.feed-preview[data-ok="false"] h3').textContent();
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
    expect(await page.locator(`li.feed[data-url="${MISSING_URL}"]`).count()).toBe(0);

    await page.fill('#feed-url', FEED_URL);
    await page.click('button.add-feed-submit');
    const preview = page.locator('.feed-preview[data-ok="true"]');
    await expect.poll(() => preview.count(), { timeout: 30_000 }).toBe(1);
    expect(await preview.textContent()).toContain('Kowloon Water Office');
    expect(await preview.textContent()).toContain('kowloonwater.gov.hk');
    expect(await page.locator(`li.feed[data-url="${FEED_URL}"]`).count()).toBe(0);
    await page.getByRole('button', { name: 'Add this feed' }).click();
    await expect.poll(() => page.locator('.feed-message').textContent(), { timeout: 30_000 }).toBe('Feed added.');
    const row = page.locator(`li.feed[data-url="${FEED_URL}"]`);
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-source')).toBe('user');
    expect(await row.textContent()).toContain('Example CERT (test fixture) (example-cert)');

    // It survives a reload (stored in the background), then goes away with Remove.
    await page.reload();
    await page.waitForSelector('main.options');
    await page.getByRole('button', { name: `Remove the feed ${FEED_URL}` }).click();
    await expect.poll(() => page.locator('.feed-message').textContent(), { timeout: 30_000 }).toBe('Feed removed.');
    expect(await page.locator(`li.feed[data-url="${FEED_URL}"]`).count()).toBe(0);
    await page.reload();
    await page.waitForSelector('main.options');
    expect(await page.locator(`li.feed[data-url="${FEED_URL}"]`).count()).toBe(0);
    await page.close();
  });

  it('checks now', async () => {
    const page = await openOptions(browser);
    await page.click('button.check-now');
    await expect.poll(() => page.locator('.feed-message').textContent(), { timeout: 30_000 }).toBe('Check finished.');
    await page.close();
  });

  it('adds to the allowlist, removes and undoes, by keyboard only', async () => {
    const page = await openOptions(browser);
    await page.focus('#allow-host');
    await page.keyboard.type('forum.example.net');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.allowlist li[data-host="forum.example.net"]').count()).toBe(1);
    // The focus is on Undo after each change: Enter undoes the addition.
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('undo');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.allowlist li[data-host="forum.example.net"]').count()).toBe(0);
    // Add again, then remove with the keyboard and undo the removal.
    await page.focus('#allow-host');
    await page.keyboard.type('forum.example.net');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.allowlist li[data-host="forum.example.net"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Remove forum.example.net from the allowlist' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.allowlist li[data-host="forum.example.net"]').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('undo');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.allowlist li[data-host="forum.example.net"]').count()).toBe(1);
    await page.reload();
    await page.waitForSelector('main.options');
    expect(await page.locator('.allowlist li[data-host="forum.example.net"]').count()).toBe(1);
    await page.close();
  });

  it('lists a dismissed site and shows warnings there again, with undo', async () => {
    const page = await openOptions(browser);
    await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        type: 'settings-update',
        payload: { patch: { dismissed: { 'investhk.gov.hk.secure-pay.top': { investhk: '2026-11-29T09:00:00Z' } } } },
      }),
    );
    await page.reload();
    await page.waitForSelector('main.options');
    const row = page.locator('.dismissed li[data-host="investhk.gov.hk.secure-pay.top"]');
    expect(await row.textContent()).toContain('Invest Hong Kong');
    await page.getByRole('button', { name: 'Show warnings again on investhk.gov.hk.secure-pay.top' }).click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('undo');
    await page.keyboard.press('Enter'); // Undo has the focus
    await expect.poll(() => row.count()).toBe(1);
    await page.close();
  });

  it('switches the language with the radio buttons', async () => {
    const page = await openOptions(browser);
    await page.getByRole('radio', { name: '繁體中文' }).check();
    await expect.poll(() => page.locator('h1').textContent()).toBe('機構冒認騙案警示設定');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-HK');
    await page.reload();
    await page.waitForSelector('main.options');
    expect(await page.locator('h1').textContent()).toBe('機構冒認騙案警示設定');
    await page.getByRole('radio', { name: 'English' }).check();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Agency Scam Alert settings');
    await page.getByRole('radio', { name: /跟隨瀏覽器|Same as the browser/ }).check();
    await page.close();
  });
});
