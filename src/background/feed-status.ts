/**
 * Status of the feed subscriptions and of managed policy, for the popup and options page
 * (imported by `ui-handlers.ts`).
 */
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import type { Feed } from '../shared/feed/feed-schema';
import { keyIdOf } from '../shared/feed/signature';
import type { FeedStatus } from '../shared/messaging/protocol';
import { policyState, type PolicyState } from '../shared/settings/managed-policy';
import { getEngine } from './engine-state';
import { loadPolicy, loadPolicyFast, type ManagedPolicy } from './feed-policy';
import { loadFeedStore } from './feed-store';
import { refreshMinutes, subscriptions } from './feed-updater';
import { loadSettings } from './settings-store';

async function keyIds(keys: readonly string[]): Promise<string[]> {
  const ids = await Promise.all(keys.map((k) => keyIdOf(k).catch(() => null)));
  return ids.filter((id): id is string => id !== null);
}

/**
 * The state a feed is in.
 *
 * @param intervalMinutes - the refresh interval in force; a feed not confirmed for more than
 *   twice that is `stale` (one missed check is normal, two mean updates are not arriving).
 */
export function feedState(feed: Feed | null, lastSuccessAt: string | null, intervalMinutes: number, now: number): FeedStatus['state'] {
  if (!feed) return 'never-fetched';
  if (Date.parse(feed.expires_at) <= now) return 'expired';
  if (lastSuccessAt !== null && now - Date.parse(lastSuccessAt) > 2 * intervalMinutes * 60_000) return 'stale';
  return 'fresh';
}

/**
 * One status per subscription, the embedded default feed first.
 *
 * @param knownPolicy - the managed policy when the caller already has it (else read live).
 */
export async function feedStatuses(knownPolicy?: ManagedPolicy): Promise<FeedStatus[]> {
  const [policy, settings, store] = await Promise.all([knownPolicy ?? loadPolicy(), loadSettings(), loadFeedStore()]);
  const now = Date.now();
  const subs = subscriptions(policy, settings);
  const interval = refreshMinutes(
    policy,
    subs.map((s) => store[s.url]?.feed).filter((f): f is Feed => !!f),
  );
  const embedded: FeedStatus = {
    url: null,
    source: 'embedded',
    keyIds: [],
    feedId: DEFAULT_FEED.feed_id,
    sequence: DEFAULT_FEED.sequence,
    issuedAt: DEFAULT_FEED.issued_at,
    expiresAt: DEFAULT_FEED.expires_at,
    lastCheckedAt: null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorCode: null,
    agencies: DEFAULT_FEED.agencies.length,
    state: Date.parse(DEFAULT_FEED.expires_at) <= now ? 'expired' : 'fresh',
    publisher: DEFAULT_FEED.publisher.name,
    conflicts: [],
  };
  const { conflicts } = getEngine().merge;
  const others = await Promise.all(
    subs.map(async (sub): Promise<FeedStatus> => {
      const r = store[sub.url];
      const feed = r?.feed ?? null;
      return {
        url: sub.url,
        source: sub.source,
        keyIds: await keyIds(sub.keys),
        feedId: feed?.feed_id ?? null,
        sequence: feed?.sequence ?? null,
        issuedAt: feed?.issued_at ?? null,
        expiresAt: feed?.expires_at ?? null,
        lastCheckedAt: r?.lastCheckedAt ?? null,
        lastSuccessAt: r?.lastSuccessAt ?? null,
        lastError: r?.lastError ?? null,
        lastErrorCode: r?.lastErrorCode ?? null,
        agencies: feed ? feed.agencies.length : null,
        state: feedState(feed, r?.lastSuccessAt ?? null, interval, now),
        publisher: feed?.publisher.name ?? null,
        conflicts: conflicts.filter((c) => c.url === sub.url && c.source === sub.source).map((c) => c.message),
      };
    }),
  );
  return [embedded, ...others];
}

/** What managed policy sets and locks; defaults (everything allowed) where it sets nothing. */
export async function loadPolicyState(): Promise<PolicyState> {
  return policyState(await loadPolicy());
}

/**
 * {@link loadPolicyState} for checks that must not wait for Chromium's slow first managed
 * storage read after start (page and link checks): see `loadPolicyFast`.
 */
export async function loadPolicyStateFast(): Promise<PolicyState> {
  return policyState(await loadPolicyFast());
}
