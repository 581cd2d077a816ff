/**
 * The popup and options page at 200% zoom and with long strings (no horizontal overflow,
 * nothing clipped), keyboard-only use of the popup, and the screenshots for the demo.
 * 200% zoom is emulated as browser zoom lays out: the same window shows half the CSS pixels.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABEL, launchBrowser } from '../support/browser';
import { pollFor, type BrowserDriver, type TestPage } from '../support/driver';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { DEMO_SITE } from '../support/paths';
import { emulateZoom, openOptions, openPopup, setLanguage } from '../support/ui-pages';
import { captureUiScreenshots } from '../support/ui-screenshots';

let server: FixtureServer;
let driver: BrowserDriver;

beforeAll(async () => {
  server = await startFixtureServer(DEMO_SITE);
  driver = await launchBrowser({ port: server.port });
});

afterAll(async () => {
  await driver?.close();
  await server?.close();
});

/** Elements wider than the viewport or cut off on the right, at the current zoom. */
function overflow(page: TestPage): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > width + 1) out.push('document ' + document.documentElement.scrollWidth + ' > ' + width);
    for (const el of document.querySelectorAll('main *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1) out.push(el.tagName.toLowerCase() + '.' + el.className + ' right=' + Math.round(r.right));
    }
    return out;
  })()`);
}

/** 200% zoom of a window `width` CSS pixels wide (the body's fixed popup width released, as zoom reflows it). */
async function zoom200(page: TestPage, width: number): Promise<void> {
  await emulateZoom(page, 2, width);
  await page.evaluate(`document.body.style.width = 'auto'`);
  // The layout has followed the new viewport.
  await pollFor(
    () => page.evaluate<number>(`window.innerWidth`),
    (w) => w === Math.round(width / 2),
  );
}

describe(`layout and keyboard (${BROWSER_LABEL})`, () => {
  it.each(['en', 'zh-Hant'] as const)('popup reflows at 200 percent zoom with long strings in %s', async (language) => {
    const page = await openPopup(driver);
    await setLanguage(page, language);
    try {
      await page.reload();
      await page.waitFor('main.popup');
      await page.fill(
        '#q',
        'https://a-very-long-subdomain-name-for-testing-wrapping.investhk.gov.hk.secure-pay.top/pay/now/with/a/long/path',
      );
      await page.waitFor('section.verdict.danger');
      await zoom200(page, 400);
      expect(await overflow(page)).toEqual([]);
      await page.fill('#q', 'consumer');
      await page.waitFor('article.card:not(.compact)');
      expect(await overflow(page)).toEqual([]);
    } finally {
      await setLanguage(page, 'browser');
      await page.close();
    }
  });

  it('options page reflows at 200% zoom', async () => {
    const page = await openOptions(driver);
    await zoom200(page, 800);
    expect(await overflow(page)).toEqual([]);
    await page.close();
  });

  it('popup works with the keyboard alone: type, Tab to the hotline, copy, Details', async () => {
    const page = await openPopup(driver);
    // The search box takes the focus when the popup opens.
    await expect.poll(() => page.evaluate(`document.activeElement?.id ?? null`)).toBe('q');
    await page.type('hkpost');
    await page.waitFor('article.card[data-agency="hongkongpost"]:not(.compact)');
    // Tab from the search box reaches the card's hotline link, then its copy button.
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.press('Tab');
      seen.push(
        await page.evaluate<string>(
          `document.activeElement?.tagName + ':' + (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent)`,
        ),
      );
      if (seen.at(-1)!.startsWith('BUTTON:Copy the number 2921 2222')) break;
    }
    expect(seen).toContain('A:Call Hongkong Post on 2921 2222');
    await page.press('Enter');
    // Copied, or (headless, no clipboard permission) the number shown to copy by hand.
    await expect.poll(() => page.text('article[data-agency="hongkongpost"] .copy-status')).toMatch(/2921 2222/);
    // Every control has an accessible name and is reachable.
    const unnamed = await page.evaluate<number>(
      `[...document.querySelectorAll('a, button, input')].filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim() || el.id)).length`,
    );
    expect(unnamed).toBe(0);
    await page.close();
  });

  it('saves popup and options screenshots in en and zh-Hant', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-shots-'));
    try {
      const files = await captureUiScreenshots(driver, dir);
      expect(files.map((f) => path.basename(f)).sort()).toEqual(
        [
          'options-en.png',
          'options-zh-Hant.png',
          'popup-en.png',
          'popup-link-en.png',
          'popup-link-zh-Hant.png',
          'popup-message-en.png',
          'popup-message-zh-Hant.png',
          'popup-zh-Hant.png',
        ].sort(),
      );
      for (const file of files) expect(statSync(file).size).toBeGreaterThan(5_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
