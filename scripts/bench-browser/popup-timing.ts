/**
 * Time from opening the popup to the hotline of a typed agency name being visible, in the
 * popup's own clock (`performance.now()`, navigation start = 0). The popup is opened as a
 * popup-sized tab (as the e2e tests do, `test/support/ui-pages.ts`); an init script
 * (`page.addInitScript`, before any of the popup's code) runs a MutationObserver that notes
 * when the search box exists, when the first `input` event arrives, and when the expanded
 * result card of Invest Hong Kong shows "3107 1000" inside the viewport with a non-empty
 * box. The name is typed with Playwright's real input (`fill`) as soon as the box accepts it.
 */
import type { BrowserContext } from 'playwright-core';

/** The query typed and what must appear (InvestHK's hotline, from the embedded feed). */
export const POPUP_QUERY = 'InvestHK';
export const POPUP_HOTLINE = '3107 1000';
const RESULT_TEL = 'article.card:not(.compact)[data-agency="investhk"] .tel';

export interface PopupTiming {
  /** Search box in the DOM, ms after the popup's navigation start. */
  readyMs: number | null;
  /** First input event (the typed name arrived), ms. */
  typedMs: number | null;
  /** Hotline of the typed agency visible, ms. */
  hotlineMs: number | null;
  /** The popup's own start-up marks (`src/popup/main.tsx`): modules evaluated, state answered, rendered, ms. */
  marks: Record<string, number>;
}

/** The init script (a string: code compiled by tsx may carry helpers the page does not have). */
function probe(selector: string, hotline: string): string {
  return `(() => {
    const state = { readyMs: null, typedMs: null, hotlineMs: null };
    window.__popupBench = state;
    const check = () => {
      if (state.readyMs === null && document.querySelector('#q')) state.readyMs = performance.now();
      if (state.hotlineMs !== null) return;
      const tel = document.querySelector(${JSON.stringify(selector)});
      if (!tel || !(tel.textContent || '').includes(${JSON.stringify(hotline)})) return;
      const r = tel.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight) state.hotlineMs = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    document.addEventListener('input', () => { if (state.typedMs === null) state.typedMs = performance.now(); }, true);
  })();`;
}

/** Opens the popup of `extensionId` in a new tab of `context`, types {@link POPUP_QUERY}, and times it. */
export async function timePopup(context: BrowserContext, extensionId: string, timeoutMs = 30_000): Promise<PopupTiming> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 420, height: 800 });
    await page.addInitScript(probe(RESULT_TEL, POPUP_HOTLINE));
    await page.goto(`chrome-extension://${extensionId}/src/popup/index.html`, { waitUntil: 'commit' });
    await page.locator('#q').fill(POPUP_QUERY, { timeout: timeoutMs });
    await page
      .waitForFunction('window.__popupBench.hotlineMs !== null', undefined, { timeout: timeoutMs, polling: 'raf' })
      .catch(() => undefined);
    const timing = await page.evaluate<Omit<PopupTiming, 'marks'>>('window.__popupBench');
    const marks = await page.evaluate<Record<string, number>>(
      `Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))`,
    );
    return { ...timing, marks };
  } finally {
    await page.close();
  }
}
