/**
 * Keeps the declarativeNetRequest dynamic rules in step with the active feed: known scam
 * hosts and URLs, and official-domain-as-leading-labels lookalikes, are redirected to the
 * interstitial page before any request reaches them (see `shared/dnr/block-rules.ts` for
 * what is blocked, the priorities and the rule limits).
 *
 * Each update replaces every dynamic rule in one `updateDynamicRules` call: the browser
 * applies the removal and the additions together or not at all, so there is never a moment
 * without rules, and a rejected update leaves the previous feed's rules in force. Updates
 * run one after another (a second waits for the one in flight).
 */
import browser from 'webextension-polyfill';
import type { Feed } from '../shared/feed/feed-schema';
import { blockRulesFor } from '../shared/dnr/block-rules';
import { getEngine, onEngineChange } from './engine-state';

/** The interstitial page, relative to the extension root (as in the built manifest). */
export const INTERSTITIAL_PATH = 'src/interstitial/index.html';

let queue: Promise<void> = Promise.resolve();

type DnrApi = NonNullable<typeof browser.declarativeNetRequest>;

function dnr(): DnrApi | undefined {
  return (browser as { declarativeNetRequest?: DnrApi }).declarativeNetRequest;
}

async function apply(feed: Feed): Promise<void> {
  const api = dnr();
  if (!api) {
    console.warn('[dnr-rules] declarativeNetRequest unavailable: scam pages are not pre-blocked (the banner still warns)');
    return;
  }
  const maxRegexRules = (api as { MAX_NUMBER_OF_REGEX_RULES?: number }).MAX_NUMBER_OF_REGEX_RULES ?? 1000;
  const { rules, dropped, stats } = blockRulesFor(feed, { interstitialUrl: browser.runtime.getURL(INTERSTITIAL_PATH), maxRegexRules });
  for (const note of dropped) console.warn(`[dnr-rules] not pre-blocked (over the rule budget; the banner still warns): ${note}`);
  const existing = await api.getDynamicRules();
  await api.updateDynamicRules({
    removeRuleIds: existing.map((r) => r.id),
    addRules: rules as unknown as Parameters<DnrApi['updateDynamicRules']>[0]['addRules'],
  });
  console.info(
    `[dnr-rules] ${rules.length} rules for feed ${feed.feed_id} #${feed.sequence}: ${stats.scamHosts} scam hosts, ${stats.scamPaths} scam URL prefixes, ${stats.lookalikePatterns} lookalike patterns`,
  );
}

/**
 * Replaces the dynamic rules with those for `feed`, after any update in flight.
 *
 * @returns a promise that settles when this update is done; it never rejects (a failure is
 *   logged and the previous rules stay in force).
 */
export function syncBlockRules(feed: Feed): Promise<void> {
  queue = queue
    .then(() => apply(feed))
    .catch((error: unknown) => console.error('[dnr-rules] update failed; the previous rules stay in force', error));
  return queue;
}

/**
 * Start-up wiring: installs the rules for the active feed now and after every feed change.
 * Dynamic rules persist across restarts; rewriting them at start-up also picks up a new
 * extension version's rule format.
 */
export function startBlockRules(): void {
  onEngineChange((engine) => void syncBlockRules(engine.feed));
  void syncBlockRules(getEngine().feed);
}
