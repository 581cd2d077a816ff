/**
 * Keeps the declarativeNetRequest dynamic rules in step with the active feed: known scam
 * hosts and URLs, and official-domain-as-leading-labels lookalikes, are redirected to the
 * interstitial page before any request reaches them (see `shared/dnr/block-rules.ts` for
 * what is blocked, the priorities and the rule limits).
 *
 * Each update replaces every dynamic rule in one `updateDynamicRules` call: the browser
 * applies the removal and the additions together or not at all, so there is never a moment
 * without rules. A rule the browser refuses (its regex over the browser's limit, say) is
 * isolated first (`shared/dnr/isolate-rules.ts`), so it cannot take the others with it; what
 * is not pre-blocked is logged and shown in the options page ({@link notPreBlocked}).
 * Updates run one after another (a second waits for the one in flight).
 */
import browser from 'webextension-polyfill';
import { blockRulesFor, type DnrRule } from '../shared/dnr/block-rules';
import { installIsolated } from '../shared/dnr/isolate-rules';
import { getEngine, onEngineChange, type Engine } from './engine-state';

/** The interstitial page, relative to the extension root (as in the built manifest). */
export const INTERSTITIAL_PATH = 'src/interstitial/index.html';

let queue: Promise<void> = Promise.resolve();

type DnrApi = NonNullable<typeof browser.declarativeNetRequest>;

function dnr(): DnrApi | undefined {
  return (browser as { declarativeNetRequest?: DnrApi }).declarativeNetRequest;
}

let report: string[] = [];

/** What the active feed lists but the browser cannot block in advance (plain words; the banner still warns). */
export function notPreBlocked(): string[] {
  return [...report];
}

async function apply(engine: Engine): Promise<void> {
  const { feed } = engine;
  const api = dnr();
  if (!api) {
    console.warn('[dnr-rules] declarativeNetRequest unavailable: scam pages are not pre-blocked (the banner still warns)');
    return;
  }
  const maxRegexRules = (api as { MAX_NUMBER_OF_REGEX_RULES?: number }).MAX_NUMBER_OF_REGEX_RULES ?? 1000;
  const { rules, dropped, stats } = blockRulesFor(feed, {
    interstitialUrl: browser.runtime.getURL(INTERSTITIAL_PATH),
    maxRegexRules,
    lowerRanked: engine.lowerRanked,
  });
  const withCheck = api as {
    isRegexSupported?: (o: { regex: string; isCaseSensitive: boolean }) => Promise<{ isSupported: boolean; reason?: string }>;
  };
  const { installed, refused } = await installIsolated(rules, {
    checkRegex:
      typeof withCheck.isRegexSupported === 'function'
        ? async (regex, isCaseSensitive) => {
            const r = await withCheck.isRegexSupported!({ regex, isCaseSensitive });
            return r.isSupported ? null : (r.reason ?? 'not supported');
          }
        : undefined,
    replace: async (set: readonly DnrRule[]) => {
      const existing = await api.getDynamicRules();
      await api.updateDynamicRules({
        removeRuleIds: existing.map((r) => r.id),
        addRules: set as unknown as Parameters<DnrApi['updateDynamicRules']>[0]['addRules'],
      });
    },
  });
  const describe = (rule: DnrRule) => rule.condition.regexFilter ?? rule.condition.requestDomains?.join(', ') ?? `rule ${rule.id}`;
  report = [...dropped, ...refused.map((r) => `${describe(r.rule)} (${r.why})`)];
  for (const note of report) console.warn(`[dnr-rules] not pre-blocked (the banner still warns): ${note}`);
  console.info(
    `[dnr-rules] ${installed.length} rules for feed ${feed.feed_id} #${feed.sequence}: ${stats.scamHosts} scam hosts, ${stats.scamPaths} scam URL prefixes, ${stats.lookalikePatterns} lookalike patterns; ${refused.length} refused by the browser`,
  );
}

/**
 * Replaces the dynamic rules with those for the engine's feed, after any update in flight.
 *
 * @returns a promise that settles when this update is done; it never rejects (a failure is
 *   logged and the previous rules stay in force).
 */
export function syncBlockRules(engine: Engine): Promise<void> {
  queue = queue
    .then(() => apply(engine))
    .catch((error: unknown) => console.error('[dnr-rules] update failed; the previous rules stay in force', error));
  return queue;
}

/**
 * Start-up wiring: installs the rules for the active feed now and after every feed change.
 * Dynamic rules persist across restarts; rewriting them at start-up also picks up a new
 * extension version's rule format.
 */
export function startBlockRules(): void {
  onEngineChange((engine) => void syncBlockRules(engine));
  void syncBlockRules(getEngine());
}
