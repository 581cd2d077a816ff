/**
 * Screenshots of the popup and the options page in English and Traditional Chinese, for
 * the demo command and the layout test. The language is switched the way the options page
 * does it (`settings-update`), and put back to "same as the browser" afterwards.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserDriver, TestPage } from './driver';
import { openOptions, openPopup, setLanguage } from './ui-pages';

/** Each language with a search and a scam SMS in that language (the English InvestHK SMS; its Traditional Chinese counterpart). */
const LANGUAGES = [
  {
    language: 'en',
    suffix: 'en',
    query: 'InvestHK',
    message:
      'InvestHK: your client record expires today. Verify at invest-hk.gov.hk.secure-update.top and pay the HK$38 fee. Questions? Call 3107 1080',
  },
  {
    language: 'zh-Hant',
    suffix: 'zh-Hant',
    query: '投資推廣署',
    message:
      '【投資推廣署】閣下的客戶紀錄今日到期，請於 hxxps://investhk-gov[.]top/verify 核實並繳付港幣38元手續費。查詢請致電 ３１０７ １０８０。',
  },
] as const;

/**
 * Saves `popup-<lang>.png` (the popup after searching for Invest Hong Kong),
 * `popup-link-<lang>.png` (a pasted lookalike link with its verdict),
 * `popup-message-<lang>.png` (a scam SMS checked with "Check a message": every part with its
 * verdict, the genuine number beside the fake one) and
 * `options-<lang>.png` (the whole options page) for en and zh-Hant.
 *
 * @param driver - a browser with the built extension (`launchBrowser`, or `chromiumDriver` in the demo).
 * @param outDir - folder for the PNG files (created if missing).
 * @returns the paths of the saved files.
 */
export async function captureUiScreenshots(driver: BrowserDriver, outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const saved: string[] = [];
  const shot = async (page: TestPage, name: string) => {
    const file = path.join(outDir, name);
    await page.screenshot(file, { fullPage: true });
    saved.push(file);
  };
  const settings = await openPopup(driver);
  try {
    for (const { language, suffix, query, message } of LANGUAGES) {
      await setLanguage(settings, language);
      const popup = await openPopup(driver);
      await popup.fill('#q', query);
      await popup.waitFor('article.card:not(.compact)');
      await shot(popup, `popup-${suffix}.png`);
      await popup.fill('#q', 'http://investhk.gov.hk.secure-pay.top/pay');
      await popup.waitFor('section.verdict.danger');
      await shot(popup, `popup-link-${suffix}.png`);
      await popup.fill('#q', '');
      await popup.fill('#msg-text', message);
      await popup.click('button.check-message');
      await popup.waitFor('.findings li[data-kind="phone"]');
      await popup.evaluate(`document.querySelector('.findings').scrollIntoView({ block: 'start' }); true`);
      await shot(popup, `popup-message-${suffix}.png`);
      await popup.close();
      const options = await openOptions(driver);
      await shot(options, `options-${suffix}.png`);
      await options.close();
    }
  } finally {
    await setLanguage(settings, 'browser');
    await settings.close();
  }
  return saved;
}
