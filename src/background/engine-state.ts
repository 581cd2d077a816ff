/**
 * The active feed and the matcher built from it. Starts with the embedded default feed,
 * so verdicts are available from the first message, offline.
 */
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import type { Feed } from '../shared/feed/feed-schema';
import { createMatcher, type Matcher } from '../shared/match/matcher';

export interface Engine {
  feed: Feed;
  matcher: Matcher;
}

let engine: Engine | null = null;

/** The engine for the active feed (built on first use). */
export function getEngine(): Engine {
  engine ??= { feed: DEFAULT_FEED, matcher: createMatcher(DEFAULT_FEED) };
  return engine;
}

/** Replaces the active feed (already verified and validated). */
export function activateFeed(feed: Feed): Engine {
  engine = { feed, matcher: createMatcher(feed) };
  return engine;
}
