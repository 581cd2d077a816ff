/**
 * Hosts the engine judged dangerous in this session, turned into one declarativeNetRequest
 * session rule (Chromium, where the navigation judge cannot block a request itself): the
 * first visit to a lookalike that no feed rule expresses is caught by the judge during the
 * navigation; every later one (a reload, another tab, a frame, the page's own redirects) is
 * stopped before any request, as the feed's rules do. See `learnedBlockRule`.
 *
 * The rule is rebuilt from the set in one `updateSessionRules` call per change, one change
 * at a time; it is cleared whenever the active feed or the settings change (a new verdict or
 * a new allowlist entry must not be overridden by an old judgement). Session rules end with
 * the browser session. At most {@link MAX_LEARNED} hosts, oldest dropped first.
 */
import browser from 'webextension-polyfill';
import { learnedBlockRule } from '../shared/dnr/block-rules';
import { WARNING_PAGE_PATH } from '../shared/navigation/warning-page';
import { onEngineChange } from './engine-state';

/** The session rule's id (allowance rules start at 1,000,000). */
export const LEARNED_RULE_ID = 900_000;
/** Hosts kept (one rule; requestDomains has no small limit, this keeps the update cheap). */
export const MAX_LEARNED = 1000;

const hosts = new Set<string>();
let queue: Promise<void> = Promise.resolve();

type DnrApi = NonNullable<typeof browser.declarativeNetRequest>;
type SessionRules = Parameters<DnrApi['updateSessionRules']>[0]['addRules'];

function sync(): Promise<void> {
  queue = queue
    .then(async () => {
      const api = browser.declarativeNetRequest;
      if (!api) return;
      const rule = learnedBlockRule(LEARNED_RULE_ID, [...hosts], { interstitialUrl: browser.runtime.getURL(WARNING_PAGE_PATH) });
      await api.updateSessionRules({
        removeRuleIds: [LEARNED_RULE_ID],
        addRules: (hosts.size > 0 ? [rule] : []) as unknown as SessionRules,
      });
    })
    .catch((error: unknown) => console.warn('[learned-blocks] session rule update failed', error));
  return queue;
}

/** Adds `host` (ASCII) to the learned rule; resolves when the rule is in force. */
export function learnBlock(host: string): Promise<void> {
  if (!host || hosts.has(host)) return queue;
  hosts.add(host);
  if (hosts.size > MAX_LEARNED) hosts.delete(hosts.values().next().value!);
  return sync();
}

/** Start-up wiring: clears the rule now (a restarted service worker lost its set) and on every feed or settings change. */
export function startLearnedBlocks(): void {
  const clear = (): void => {
    hosts.clear();
    void sync();
  };
  onEngineChange(clear);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings) clear();
  });
  clear();
}
