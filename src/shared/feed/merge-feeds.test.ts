import { describe, expect, it } from 'vitest';
import { DEFAULT_FEED } from './default-feed';
import type { Agency, Feed } from './feed-schema';
import { mergeFeeds } from './merge-feeds';
import { parseFeed } from './validate-feed';
import { feedValue } from './testing/feed-fixtures';

function agency(id: string, official: string, scam: string[] = []): Agency {
  const base = structuredClone(DEFAULT_FEED.agencies[0]!);
  return { ...base, id, official_domains: [official], brand_tokens: undefined, scam_entries: scam.map((host) => ({ host })) };
}

function feed(id: string, sequence: number, agencies: Agency[], extra: Partial<Feed> = {}): Feed {
  return { ...parseFeed(feedValue({ feed_id: id, sequence })), agencies, ...extra };
}

describe('mergeFeeds', () => {
  it('returns a single feed unchanged', () => {
    expect(mergeFeeds([DEFAULT_FEED]).feed).toBe(DEFAULT_FEED);
  });

  it('unions agencies and help of different feeds, header from the strictest values', () => {
    const a = feed('policy-feed', 4, [agency('alpha', 'alpha.gov.hk')], {
      refresh_interval_minutes: 30,
      expires_at: '2030-01-01T00:00:00Z',
    });
    const { feed: merged, dropped } = mergeFeeds([a, DEFAULT_FEED]);
    expect(merged.agencies.map((x) => x.id)).toEqual(['alpha', ...DEFAULT_FEED.agencies.map((x) => x.id)]);
    expect(merged.help.length).toBe(DEFAULT_FEED.help.length);
    expect(merged.refresh_interval_minutes).toBe(30);
    expect(merged.expires_at).toBe(DEFAULT_FEED.expires_at < '2030' ? DEFAULT_FEED.expires_at : '2030-01-01T00:00:00Z');
    expect(merged.sequence).toBe(4);
    expect(dropped).toEqual([]);
  });

  it('keeps only the highest sequence of one feed id (a fetched copy replaces the embedded one)', () => {
    const newer = feed(DEFAULT_FEED.feed_id, DEFAULT_FEED.sequence + 1, [agency('investhk', 'investhk.gov.hk')]);
    const { feed: merged } = mergeFeeds([newer, DEFAULT_FEED]);
    expect(merged).toBe(newer);
    const older = feed(DEFAULT_FEED.feed_id, 0 + DEFAULT_FEED.sequence, [agency('x', 'x.gov.hk')]);
    expect(mergeFeeds([DEFAULT_FEED, older]).feed).toBe(DEFAULT_FEED);
  });

  it('a higher-priority feed wins an agency id and its official domains', () => {
    const high = feed('high', 1, [agency('investhk', 'investhk.gov.hk'), agency('beta', 'beta.gov.hk')]);
    const low = feed('low', 1, [agency('investhk', 'investhk-other.gov.hk'), agency('gamma', 'beta.gov.hk')]);
    const { feed: merged, dropped } = mergeFeeds([high, low]);
    expect(merged.agencies.map((x) => x.id)).toEqual(['investhk', 'beta']);
    expect(merged.agencies[0]!.official_domains).toEqual(['investhk.gov.hk']);
    expect(dropped.join('\n')).toMatch(/already comes from a higher-priority feed/);
    expect(dropped.join('\n')).toMatch(/no official domain left/);
  });

  it('no feed can list another feed’s official domain as a scam', () => {
    const hostile = feed('hostile', 1, [agency('evil', 'evil.example.com', ['investhk.gov.hk', 'www.investhk.gov.hk', 'real-scam.top'])]);
    const { feed: merged, dropped } = mergeFeeds([hostile, DEFAULT_FEED]);
    expect(merged.agencies.find((a) => a.id === 'evil')!.scam_entries.map((e) => e.host)).toEqual(['real-scam.top']);
    expect(dropped.filter((d) => d.includes('overlaps'))).toHaveLength(2);
  });
});
