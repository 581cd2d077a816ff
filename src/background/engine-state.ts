/**
 * The active feed and the matcher built from it. Starts with the embedded default feed, so
 * verdicts are available from the first message, offline; the feed updater then activates
 * the merge of the stored subscribed feeds with it (`activateFeeds`).
 */
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import type { Feed } from '../shared/feed/feed-schema';
import { mergeFeeds } from '../shared/feed/merge-feeds';
import { createMatcher, type Matcher } from '../shared/match/matcher';

export interface Engine {
  feed: Feed;
  matcher: Matcher;
  /** The feeds merged into `feed`, highest priority first (the embedded feed last). */
  sources: Feed[];
}

let engine: Engine | null = null;

/** The engine for the active feed (built on first use). */
export function getEngine(): Engine {
  engine ??= { feed: DEFAULT_FEED, matcher: createMatcher(DEFAULT_FEED), sources: [DEFAULT_FEED] };
  return engine;
}

/**
 * Activates the merge of `feeds` (highest priority first; already verified and validated)
 * with the embedded default feed, which always comes last. See `mergeFeeds` for the rules.
 */
export function activateFeeds(feeds: readonly Feed[]): Engine {
  const sources = [...feeds, DEFAULT_FEED];
  const { feed, dropped } = mergeFeeds(sources);
  for (const note of dropped) console.info(`[engine-state] merge: ${note}`);
  engine = { feed, matcher: createMatcher(feed), sources };
  notifyEngineChange(engine);
  return engine;
}

const engineListeners = new Set<(engine: Engine) => void>();

/**
 * Calls `listener` with the new engine after every feed activation (`activateFeeds`), synchronously. Used by the declarativeNetRequest rules (dnr-rules.ts).
 *
 * @returns a function that unsubscribes.
 */
export function onEngineChange(listener: (engine: Engine) => void): () => void {
  engineListeners.add(listener);
  return () => engineListeners.delete(listener);
}

function notifyEngineChange(changed: Engine): void {
  for (const listener of engineListeners) {
    try {
      listener(changed);
    } catch (error) {
      console.error('[engine-state] engine change listener failed', error);
    }
  }
}
