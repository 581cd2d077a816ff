/**
 * The trust model's vocabulary: where a feed comes from, how sources rank, and which feed
 * ids are reserved. The rules themselves are in `merge-feeds.ts` (who may define an
 * agency), `accept-update.ts` (who may deliver a feed id) and `docs/feed-format.md`
 * ("Trust model"). Pure: no `browser.*`, no DOM.
 *
 * Sources, highest first: managed `policy` (the organisation's IT admin), the `embedded`
 * default feed (shipped with the extension), `user` feeds (added in the options page — the
 * kind a scam message can talk a person into adding).
 */
import type { LocalizedText } from './feed-schema';

export type FeedSource = 'policy' | 'embedded' | 'user';

/** Rank of each source: lower wins. */
export const SOURCE_RANK: Readonly<Record<FeedSource, number>> = { policy: 0, embedded: 1, user: 2 };

/** Where a merged agency or scam entry came from, as the banner, warning page and popup show it. */
export interface Provenance {
  feedId: string;
  source: FeedSource;
  /** The feed's URL; null for the embedded feed. */
  url: string | null;
  /** The feed's `publisher.name`. */
  publisher: LocalizedText;
}

/**
 * True when a feed of `source` may not use `feedId`: user feeds cannot take the embedded
 * feed's id or a policy feed's id (`reservedIds`). Policy feeds may reuse the embedded id
 * (the organisation replaces the built-in list).
 */
export function isReservedFor(feedId: string, source: FeedSource, reservedIds: readonly string[]): boolean {
  return source === 'user' && reservedIds.includes(feedId);
}
