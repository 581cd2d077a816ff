/**
 * Persistent state of the feed subscriptions in `storage.local`: per feed URL (key
 * `feedState`), the last good feed with its JSON value and signature text (so a later
 * `304 Not Modified` can be checked again), its ETag and the outcome of the last check;
 * and (key `feedBindings`) the public keys each user feed id is bound to (trust model:
 * the keys that first delivered it). Both are written with one `storage.local.set` call,
 * so a new feed, its status and its binding land together or not at all; the service
 * worker rebuilds the engine from it whenever it starts.
 */
import browser from 'webextension-polyfill';
import type { Feed } from '../shared/feed/feed-schema';
import { parseFeed } from '../shared/feed/validate-feed';

const KEY = 'feedState';
const BINDINGS_KEY = 'feedBindings';

export interface FeedRecord {
  url: string;
  /** The last good feed (verified and validated when it arrived); null until one arrives. */
  feed: Feed | null;
  /** The JSON value `feed` was read from, as verified (null for records stored before it was kept). */
  value: unknown;
  /** The detached signature file's text that verified `value`. */
  signature: string | null;
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

/** A user feed id's binding: the base64 public keys that delivered it, and where it was first seen. */
export interface FeedBinding {
  keys: string[];
  url: string;
  since: string;
}

export type FeedBindings = Record<string, FeedBinding>;

/** An empty record for a new subscription. */
export function emptyRecord(url: string): FeedRecord {
  return {
    url,
    feed: null,
    value: null,
    signature: null,
    etag: null,
    keyId: null,
    lastCheckedAt: null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorCode: null,
  };
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
        Object.assign(record, { feed: null, value: null, signature: null, etag: null });
      }
    }
    store[url] = record;
  }
  return store;
}

/** Reads the feed id bindings (see {@link FeedBinding}). */
export async function loadBindings(): Promise<FeedBindings> {
  const raw = (await browser.storage.local.get(BINDINGS_KEY))[BINDINGS_KEY];
  return typeof raw === 'object' && raw !== null ? (raw as FeedBindings) : {};
}

/** Writes the whole state (and the bindings, when given) in one call (atomic in `storage.local`). */
export async function saveFeedStore(store: FeedStore, bindings?: FeedBindings): Promise<void> {
  await browser.storage.local.set(bindings ? { [KEY]: store, [BINDINGS_KEY]: bindings } : { [KEY]: store });
}
