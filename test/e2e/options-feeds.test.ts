/**
 * The options page of the built extension in real Chromium: feed status, adding and
 * removing a feed (the round trip through the background's feed handlers), check now,
 * allowlist and dismissed sites with undo using the keyboard only, and the language choice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../support/chromium';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { openOptions } from '../support/ui-pages';

let server: FixtureServer;
let browser: ExtensionBrowser;

/** A well-formed Ed25519 public key (32 bytes, base64) that signed nothing served here. */
const PUBLIC_KEY = Buffer.alloc(32, 7).toString('base64');
const FEED_URL = 'http://feeds.example.test/hk/feed.json';

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE);
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

  it('rejects a malformed key, then adds a feed and removes it again', async () => {
    const page = await openOptions(browser);
    await page.fill('#feed-url', FEED_URL);
    await page.fill('#feed-key', 'not-a-key');
    await page.click('button.add-feed-submit');
    await expect
      .poll(() => page.locator('.feed-message').textContent(), { timeout: 30_000 })
      .toMatch(/The feed was not added: .*public key/);
    expect(await page.locator(`li.feed[data-url="${FEED_URL}"]`).count()).toBe(0);

    await page.fill('#feed-key', PUBLIC_KEY);
    await page.click('button.add-feed-submit');
    // The feed is subscribed; its first download fails here (the fixture server has no such feed), and the page says so.
    await expect
      .poll(() => page.locator('.feed-message').textContent(), { timeout: 30_000 })
      .toMatch(/^Feed added, but its first download failed: .*HTTP 404/);
    const row = page.locator(`li.feed[data-url="${FEED_URL}"]`);
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-source')).toBe('user');
    expect(await row.getAttribute('class')).toContain('never-fetched');
    expect(await row.textContent()).toContain('HTTP 404');

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
