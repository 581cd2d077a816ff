/**
 * The navigation judge: the service worker judges every navigation of a tab or a frame with
 * the engine (the same `matchUrl` as the content script and the admin CLI) and sends a page
 * whose own address is dangerous to the warning page. The declarativeNetRequest rules
 * (`dnr-rules.ts`) stop what they can express before any request; this covers the rest
 * (typos, confusable characters, an agency's name inside another domain).
 *
 * Design note
 * -----------
 * - **Firefox** keeps blocking `webRequest` in Manifest V3: `onBeforeRequest` for
 *   `main_frame` and `sub_frame` waits for the verdict and answers `{ redirectUrl }`, so the
 *   request never leaves the browser and the scam page never exists. Permissions
 *   `webRequest` + `webRequestBlocking` are added to the Firefox build only
 *   (`src/build/manifest-for.ts`).
 * - **Chromium** has no blocking `webRequest` for ordinary installs. `webNavigation.
 *   onBeforeNavigate` (top frame) starts the warning page with `tabs.update` as soon as the
 *   navigation starts; when the server answers first, the scam page may commit and run for a
 *   moment, so `onCommitted` replaces it again from inside (`location.replace`, which also
 *   covers frames), and the content script does the same from `document_start` when its
 *   `page-check` answer carries `warnAt`. A warning page pushed after the scam page committed
 *   is marked (`pushed=1`) so "Go back" skips the scam entry. A host judged dangerous is
 *   also added to a session rule (`learned-blocks.ts`), so every later navigation to it is
 *   stopped before any request, as in Firefox. `docs/performance.md` has the measured time
 *   from navigation start to the warning page.
 * - A framed dangerous page also raises the banner in the tab's top frame (one per tab).
 * - "Continue anyway" (that host, that tab, 10 minutes) and the user's allowlist are
 *   honoured here as in `page-check` (`page-danger.ts`).
 *
 * Work per navigation: one `matchUrl` (microseconds, see `npm run bench`); settings and
 * allowances are read only for a dangerous verdict.
 */
import browser, { type WebRequest } from 'webextension-polyfill';
import type { Verdict } from '../shared/match/verdict';
import { isDangerousPage, isPreBlocked } from '../shared/navigation/warning-page';
import { getEngine } from './engine-state';
import { recordTopFrameCommit } from './interstitial-handlers';
import { currentPageVerdict, offerTopFrameBanner } from './page-checks';
import { learnBlock, startLearnedBlocks } from './learned-blocks';
import { asciiHostOf, warnAtFor } from './page-danger';
import { recordTabVerdict } from './tab-verdicts';

const WEB_URL = /^https?:/i;

/**
 * Judges a page's own URL for a navigation in `tabId`.
 *
 * @returns the warning page's address and the verdict when the page must not load there;
 *   null when it may (not dangerous, allowlisted, or allowed by "continue anyway").
 */
export async function judgeNavigation(
  url: string,
  tabId: number | undefined,
  options: { pushed?: boolean; topFrame?: boolean } = {},
): Promise<{ warnAt: string; verdict: Verdict } | null> {
  if (!WEB_URL.test(url)) return null;
  // The common case ends here, without any storage read.
  if (!isDangerousPage(getEngine().matcher.matchUrl(url))) return null;
  const verdict = await currentPageVerdict(url);
  const warnAt = await warnAtFor(url, verdict, tabId, options);
  if (!warnAt) return null;
  // The badge and the popup speak of the page the warning page stands for (the page itself
  // never runs its content script); a frame's verdict only raises the tab's.
  recordTabVerdict(tabId, verdict, options.topFrame ?? true);
  return { warnAt, verdict };
}

/**
 * Judges at once with the engine as it is (the embedded feed is there from the first
 * moment); only a page that verdict lets through waits for the stored feeds to be restored
 * and is judged again. Restoring waits for managed policy, and Chromium's first
 * `storage.managed.get()` after the browser starts takes about a second (0.9–3.5 s measured
 * on the test machine): the feeds everyone has must not wait for it.
 */
function judgeSoon(
  ready: Promise<unknown>,
  isReady: () => boolean,
): (url: string, tabId: number | undefined, options?: { pushed?: boolean; topFrame?: boolean }) => ReturnType<typeof judgeNavigation> {
  return async (url, tabId, options) => {
    const early = isReady() ? null : await judgeNavigation(url, tabId, options);
    if (early) return early;
    await ready;
    return judgeNavigation(url, tabId, options);
  };
}

/** Replaces the document in one frame of a tab by `url` (no new history entry). */
async function replaceFrame(tabId: number, frameId: number, url: string): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    injectImmediately: true,
    func: (target: string) => location.replace(target),
    args: [url],
  });
}

function logFailure(what: string): (error: unknown) => void {
  return (error) => console.warn(`[navigation-judge] ${what} failed`, error);
}

type Judge = ReturnType<typeof judgeSoon>;

/** Firefox: blocking `webRequest`, the page is never requested. */
function startBlockingWebRequest(judge: Judge): void {
  browser.webRequest.onBeforeRequest.addListener(
    (details: WebRequest.OnBeforeRequestDetailsType) =>
      (async (): Promise<WebRequest.BlockingResponse> => {
        const judged = await judge(details.url, details.tabId, { topFrame: details.type === 'main_frame' });
        if (!judged) return {};
        if (details.type === 'sub_frame') void offerTopFrameBanner(details.tabId, judged.verdict).catch(logFailure('frame banner'));
        console.info(`[navigation-judge] stopped ${details.type} ${new URL(details.url).host} before the request`);
        return { redirectUrl: judged.warnAt };
      })().catch((error: unknown) => {
        logFailure('request judgement')(error);
        return {};
      }),
    { urls: ['http://*/*', 'https://*/*'], types: ['main_frame', 'sub_frame'] },
    ['blocking'],
  );
}

/** Chromium: `webNavigation`, then the frame itself. */
function startWebNavigation(judge: Judge): void {
  browser.webNavigation.onBeforeNavigate.addListener((details) => {
    if (details.frameId !== 0 || details.parentFrameId !== -1 || details.tabId < 0) return;
    void (async () => {
      const judged = await judge(details.url, details.tabId, { pushed: true });
      // What the rules pre-block is redirected by the browser itself (no history entry);
      // a second navigation would only add one. `onCommitted` catches any rule left out.
      if (!judged || isPreBlocked(judged.verdict)) return;
      void learnBlock(asciiHostOf(details.url));
      await browser.tabs.update(details.tabId, { url: judged.warnAt });
      console.info(`[navigation-judge] sent tab ${details.tabId} to the warning page for ${new URL(details.url).host}`);
    })().catch(logFailure('tab redirect'));
  });
  browser.webNavigation.onCommitted.addListener((details) => {
    if (details.tabId < 0) return;
    if (details.frameId === 0) recordTopFrameCommit(details.tabId, details.url);
    void (async () => {
      const judged = await judge(details.url, details.tabId, { topFrame: details.frameId === 0 });
      if (!judged) return;
      // The page committed: replace it from inside (a frame, or a tab the server beat).
      void learnBlock(asciiHostOf(details.url));
      await replaceFrame(details.tabId, details.frameId, judged.warnAt);
      if (details.frameId !== 0) await offerTopFrameBanner(details.tabId, judged.verdict);
    })().catch(logFailure('frame replace'));
  });
}

/**
 * Start-up wiring: registers the judge for this browser's API (blocking `webRequest` where
 * the manifest grants it, else `webNavigation`). Listeners are registered synchronously at
 * start-up, so a navigation wakes the service worker (or Firefox's event page).
 *
 * @param ready - settles when the stored feeds are active; a page the embedded feed lets
 *   through is judged again then.
 */
export function startNavigationJudge(ready: Promise<unknown>): void {
  let isReady = false;
  const settled = ready
    .catch(() => undefined)
    .then(() => {
      isReady = true;
    });
  const judge = judgeSoon(settled, () => isReady);
  const permissions = browser.runtime.getManifest().permissions ?? [];
  if (permissions.includes('webRequestBlocking') && browser.webRequest) startBlockingWebRequest(judge);
  else if (browser.webNavigation) {
    startLearnedBlocks();
    startWebNavigation(judge);
  } else console.warn('[navigation-judge] no webRequest or webNavigation: dangerous pages are judged by the content script only');
}
