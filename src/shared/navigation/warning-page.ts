/**
 * The warning page (the interstitial): which pages get it instead of loading, and its
 * address. Pure: the service worker, the content script and the interstitial all decide the
 * same way.
 *
 * A page whose own address is dangerous is the scam itself: a banner inside it would be
 * drawn by our script beside the scammer's, which can hide it (issue 11; `docs/product.md`,
 * "Where warnings appear"). So every page-level `blocklisted` or `lookalike` verdict at
 * `danger` severity sends the tab (or the frame) to the warning page, whether a
 * declarativeNetRequest rule stopped it before it loaded or the engine judged it during
 * the navigation.
 *
 * The address is `<interstitial>?<flags>#<page URL>`. The page URL goes in the fragment
 * (the declarativeNetRequest rules substitute it there, and it never reaches a server); the
 * query carries flags that only the extension sets:
 * - `reason=hidden`: the page fought the in-page banner and was escalated (the verdict is the
 *   banner's, not the URL's, and the background keeps a record of it);
 * - `pushed=1`: the service worker opened the warning page as a new history entry
 *   (`tabs.update`) after the page may already have committed, so "Go back" may need to
 *   skip that entry.
 */
import type { Verdict } from '../match/verdict';

/** The interstitial page inside the extension (as in the built manifest). */
export const WARNING_PAGE_PATH = 'src/interstitial/index.html';

/** Why the warning page is shown: the page's own address, or the page hid the banner. */
export type WarningReason = 'page' | 'hidden';

/** True when `verdict` (for a page's own URL) means the page itself is a scam page. */
export function isDangerousPage(verdict: Verdict): boolean {
  return verdict.severity === 'danger' && (verdict.verdict === 'blocklisted' || verdict.verdict === 'lookalike');
}

/**
 * True when the declarativeNetRequest rules stop `verdict`'s URL before any request is sent
 * (see `shared/dnr/block-rules.ts`): feed scam entries and official-domain-as-leading-labels
 * lookalikes. Other dangerous pages are stopped by the engine during the navigation.
 */
export function isPreBlocked(verdict: Verdict): boolean {
  return verdict.verdict === 'blocklisted' || (verdict.verdict === 'lookalike' && verdict.reasons.includes('official-as-subdomain'));
}

export interface WarningTarget {
  /** The page the warning stands for (from the fragment; '' when none). */
  url: string;
  reason: WarningReason;
  /** Opened as a new history entry by the service worker (see the module note). */
  pushed: boolean;
}

/**
 * The warning page's address for `url`.
 *
 * @param base - the interstitial's absolute URL (`runtime.getURL(WARNING_PAGE_PATH)`).
 * @param url - the page it replaces (kept whole in the fragment).
 * @param options.reason - `hidden` when the page fought the banner (default `page`).
 * @param options.pushed - set by the service worker's `tabs.update` path.
 */
export function warningPageUrl(base: string, url: string, options: { reason?: WarningReason; pushed?: boolean } = {}): string {
  const flags: string[] = [];
  if (options.reason === 'hidden') flags.push('reason=hidden');
  if (options.pushed) flags.push('pushed=1');
  return `${base}${flags.length > 0 ? `?${flags.join('&')}` : ''}#${url}`;
}

/**
 * Reads a warning page's own address (`location.href`): the page URL is everything after
 * the first `#` (a URL may carry its own fragment), the flags are in the query before it.
 */
export function parseWarningPageUrl(href: string): WarningTarget {
  const hash = href.indexOf('#');
  const head = hash < 0 ? href : href.slice(0, hash);
  const query = head.includes('?') ? head.slice(head.indexOf('?') + 1).split('&') : [];
  return {
    url: hash < 0 ? '' : href.slice(hash + 1),
    reason: query.includes('reason=hidden') ? 'hidden' : 'page',
    pushed: query.includes('pushed=1'),
  };
}
