/**
 * Decides, in the service worker, whether a page gets the warning page instead of loading:
 * its own address is dangerous (`isDangerousPage`), the user has not allowlisted the site,
 * and has not chosen "continue anyway" for that host in that tab. Shared by the navigation
 * judge (`navigation-judge.ts`) and the content script's `page-check`, so both decide alike.
 */
import browser from 'webextension-polyfill';
import { toAsciiHost } from '../shared/match/host';
import { parseTarget } from '../shared/match/parse-target';
import type { Verdict } from '../shared/match/verdict';
import { isDangerousPage, WARNING_PAGE_PATH, warningPageUrl, type WarningReason } from '../shared/navigation/warning-page';
import { isAllowedInTab } from './interstitial-handlers';

/** The ASCII host of a web URL, or '' (not http(s), or no host). */
export function asciiHostOf(url: string): string {
  const target = parseTarget(url);
  return target.kind === 'web' ? (toAsciiHost(target.host) ?? target.host) : '';
}

/** The warning page's absolute address for `url`. */
export function warningAddress(url: string, options: { reason?: WarningReason; pushed?: boolean } = {}): string {
  return warningPageUrl(browser.runtime.getURL(WARNING_PAGE_PATH), url, options);
}

/**
 * The warning page's address when the page `url` (judged `verdict`, with the user's
 * allowlist already applied) must not be shown in `tabId`; null when it may load.
 *
 * @param options.pushed - the service worker opens it as a new history entry.
 */
export async function warnAtFor(
  url: string,
  verdict: Verdict,
  tabId: number | undefined,
  options: { pushed?: boolean } = {},
): Promise<string | null> {
  if (!isDangerousPage(verdict)) return null;
  const host = asciiHostOf(url);
  if (!host || (await isAllowedInTab(tabId, host))) return null;
  return warningAddress(url, options);
}
