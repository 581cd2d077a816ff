import { describe, expect, it } from 'vitest';
import { DEFAULT_FEED } from '../feed/default-feed';
import type { FeedStatus } from '../messaging/protocol';
import { feedFreshness, formatDate, formatDateTime } from './feed-freshness';

const embedded: FeedStatus = {
  url: null,
  source: 'embedded',
  keyIds: [],
  feedId: DEFAULT_FEED.feed_id,
  sequence: 1,
  issuedAt: DEFAULT_FEED.issued_at,
  expiresAt: DEFAULT_FEED.expires_at,
  lastCheckedAt: null,
  lastSuccessAt: null,
  lastError: null,
  state: 'fresh',
};
const remote = (state: FeedStatus['state'], lastCheckedAt: string | null): FeedStatus => ({
  ...embedded,
  url: 'https://feeds.example.org/hk.json',
  source: 'user',
  keyIds: ['k1'],
  state,
  lastCheckedAt,
});
const NOW = Date.parse('2026-12-01T00:00:00Z');

describe('feedFreshness', () => {
  it('is fresh with the embedded feed only', () => {
    expect(feedFreshness(DEFAULT_FEED, [embedded], NOW)).toMatchObject({ state: 'fresh', embeddedOnly: true, lastCheckedAt: null });
  });
  it('is stale when a remote subscription is stale, with the latest check time', () => {
    const f = feedFreshness(
      DEFAULT_FEED,
      [embedded, remote('stale', '2026-11-20T00:00:00Z'), remote('fresh', '2026-11-21T00:00:00Z')],
      NOW,
    );
    expect(f).toMatchObject({ state: 'stale', embeddedOnly: false, lastCheckedAt: '2026-11-21T00:00:00Z' });
  });
  it('is expired once the active feed is past expires_at', () => {
    expect(feedFreshness(DEFAULT_FEED, [embedded], Date.parse('2028-01-01T00:00:00Z')).state).toBe('expired');
  });
});

describe('formatting', () => {
  it('formats dates per language and keeps bad input', () => {
    expect(formatDate('2025-02-23', 'en')).toContain('2025');
    expect(formatDate('2025-02-23', 'zh-Hant')).toContain('2025年2月23日');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });
});
