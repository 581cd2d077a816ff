/**
 * Status of the feed subscriptions and of managed policy, for the popup and options page.
 * Placeholder until the feed updater lands: only the embedded default feed, no policy.
 */
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import type { FeedStatus, PolicyState } from '../shared/messaging/protocol';

/** One status per subscription, the embedded default feed first. */
export async function feedStatuses(): Promise<FeedStatus[]> {
  return [
    {
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
      state: Date.parse(DEFAULT_FEED.expires_at) < Date.now() ? 'expired' : 'fresh',
    },
  ];
}

/** What managed policy sets (nothing yet). */
export async function policyState(): Promise<PolicyState> {
  return { locked: [], allowUserFeeds: true, allowDismiss: true, refreshIntervalMinutes: null };
}
