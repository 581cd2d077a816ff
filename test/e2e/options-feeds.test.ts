/**
 * The options page of the built extension: feed status, adding and removing a feed (the
 * round trip through the background's feed handlers), check now, allowlist and dismissed
 * sites with undo using the keyboard only, and the language choice. Every read of state
 * that a click or a key changes polls for it.
 *
 * The added feed's URL points at the fixture server (`driver.url`), which answers 404 for
 * it; Firefox fetches it over TLS on the same port (MV3 `upgrade-insecure-requests`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import type { BrowserDriver } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { openOptions } from '../support/ui-pages';

const FEED_HOST = 'feeds.example.test';

let server: FixtureServer;
let driver: BrowserDriver;
let FEED_URL: string;

/** A well-formed Ed25519 public key (32 bytes, base64) that signed nothing served here. */
const PUBLIC_KEY = Buffer.alloc(32, 7).toString('base64');
const ALLOWED = '.allowlist li[data-host="forum.example.net"]';
const activeClass = `document.activeElement?.className ?? null`;

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE, { tls: true });
  driver = await launchBrowser({ port: server.port, extraHosts: [FEED_HOST] });
  FEED_URL = driver.url(FEED_HOST, '/hk/feed.json');
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

  it('rejects a malformed key, then adds a feed and removes it again', async () => {
    const page = await openOptions(driver);
    const row = `li.feed[data-url="${FEED_URL}"]`;
    await page.fill('#feed-url', FEED_URL);
    await page.fill('#feed-key', 'not-a-key');
    await page.click('button.add-feed-submit');
    await expect.poll(() => page.text('.feed-message'), { timeout: 30_000 }).toMatch(/The feed was not added: .*public key/);
    expect(await page.count(row)).toBe(0);

    await page.fill('#feed-key', PUBLIC_KEY);
    await page.click('button.add-feed-submit');
    // The feed is subscribed; its first download fails here (the fixture server has no such feed), and the page says so.
    await expect
      .poll(() => page.text('.feed-message'), { timeout: 30_000 })
      .toMatch(/^Feed added, but its first download failed: .*HTTP 404/);
    await expect.poll(() => page.count(row)).toBe(1);
    expect(await page.attribute(row, 'data-source')).toBe('user');
    expect(await page.attribute(row, 'class')).toContain('never-fetched');
    expect(await page.text(row)).toContain('HTTP 404');

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
