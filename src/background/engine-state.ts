/**
 * The active feed and the matcher built from it. Starts with the embedded default feed, so
 * verdicts are available from the first message, offline; the feed updater then activates
 * the merge of the stored subscribed feeds with it (`activateFeeds`), under the trust model
 * (`shared/feed/merge-feeds.ts`): what a lower-ranked feed was not allowed to do is logged
 * here and shown in the options page.
 */
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import type { Feed } from '../shared/feed/feed-schema';
import { mergeFeeds, type MergeResult, type SourcedFeed } from '../shared/feed/merge-feeds';
import { createRankedMatcher } from '../shared/feed/ranked-matcher';
import type { Matcher } from '../shared/match/matcher';
import { releaseHkConverter } from '../shared/match/hk-to-simplified';

export interface Engine {
  feed: Feed;
  matcher: Matcher;
  /** The feeds merged into `feed` with their sources (the embedded feed included). */
  sources: SourcedFeed[];
  /** Provenance, conflicts and expired feeds of the merge. */
  merge: MergeResult;
  /** Ids of the agencies that come from user feeds (ranked lowest). */
  lowerRanked: ReadonlySet<string>;
}

/** The embedded default feed as a merge input. */
export const EMBEDDED: SourcedFeed = { feed: DEFAULT_FEED, source: 'embedded', url: null };

function build(sources: SourcedFeed[], now: number): Engine {
  const merge = mergeFeeds(sources, { now });
  const lowerRanked = new Set(Object.entries(merge.agencyProvenance).flatMap(([id, p]) => (p.source === 'user' ? [id] : [])));
  const matcher = createRankedMatcher(merge.feed, lowerRanked);
  // Chinese names are converted only while a matcher is built (see hk-to-simplified.ts).
  releaseHkConverter();
  return { feed: merge.feed, matcher, sources, merge, lowerRanked };
}

let engine: Engine | null = null;

/** The engine for the active feed (built on first use). */
export function getEngine(): Engine {
  engine ??= build([EMBEDDED], Date.now());
  return engine;
}

/**
 * Activates the merge of `feeds` (already verified and validated, with their sources) with
 * the embedded default feed. See `mergeFeeds` for the rules; expired feeds are left out.
 *
 * @param now - the clock for expiry (ms since the epoch).
 */
export function activateFeeds(feeds: readonly SourcedFeed[], now = Date.now()): Engine {
  engine = build([...feeds, EMBEDDED], now);
  for (const conflict of engine.merge.conflicts) console.warn(`[engine-state] trust model: ${conflict.message}`);
  for (const note of engine.merge.dropped)
    if (!engine.merge.conflicts.some((c) => c.message === note)) console.info(`[engine-state] merge: ${note}`);
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
