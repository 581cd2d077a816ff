/**
 * Persistent state of the feed subscriptions in `storage.local` (key `feedState`): per feed
 * URL, the last good feed, its ETag and the outcome of the last check. Written with one
 * `storage.local.set` call, so a new feed and its status land together or not at all; the
 * service worker rebuilds the engine from it whenever it starts.
 */
import browser from 'webextension-polyfill';
import type { Feed } from '../shared/feed/feed-schema';
import { parseFeed } from '../shared/feed/validate-feed';

const KEY = 'feedState';

export interface FeedRecord {
  url: string;
  /** The last good feed (verified and validated when it arrived); null until one arrives. */
  feed: Feed | null;
  /** ETag of the response that carried `feed`, sent back as If-None-Match. */
  etag: string | null;
  /** Id of the key whose signature verified `feed`. */
  keyId: string | null;
  lastCheckedAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
}

export type FeedStore = Record<string, FeedRecord>;

/** An empty record for a new subscription. */
export function emptyRecord(url: string): FeedRecord {
  return { url, feed: null, etag: null, keyId: null, lastCheckedAt: null, lastSuccessAt: null, lastError: null, lastErrorCode: null };
}

/** Reads the stored state; a record whose feed no longer validates keeps its status but loses the feed. */
export async function loadFeedStore(): Promise<FeedStore> {
  const raw = (await browser.storage.local.get(KEY))[KEY];
  const store: FeedStore = {};
  if (typeof raw !== 'object' || raw === null) return store;
  for (const [url, value] of Object.entries(raw as Record<string, Partial<FeedRecord>>)) {
    const record = { ...emptyRecord(url), ...value, url };
    if (record.feed) {
      try {
        record.feed = parseFeed(record.feed);
      } catch {
        console.warn(`[feed-store] stored feed for ${url} no longer validates; dropped`);
        record.feed = null;
        record.etag = null;
      }
    }
    store[url] = record;
  }
  return store;
}

/** Writes the whole state in one call (atomic in `storage.local`). */
export async function saveFeedStore(store: FeedStore): Promise<void> {
  await browser.storage.local.set({ [KEY]: store });
}
