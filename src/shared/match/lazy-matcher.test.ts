import { describe, expect, it, vi } from 'vitest';
import { lazyMatcher } from './lazy-matcher';
import { createMatcher } from './matcher';
import { defaultFeed } from './testing/test-feed';

describe('lazyMatcher', () => {
  it('answers agency questions without building the engine, and builds it once on first need', () => {
    const feed = defaultFeed();
    const build = vi.fn(() => createMatcher(feed));
    const lazy = lazyMatcher(feed, build);
    const real = createMatcher(feed);
    expect(lazy.agencies.map((a) => a.id)).toEqual(real.agencies.map((a) => a.id));
    for (const agency of feed.agencies) {
      expect(lazy.agency(agency.id)).toBe(agency);
      expect(lazy.isCampaignActive(agency)).toBe(real.isCampaignActive(agency));
    }
    expect(build).not.toHaveBeenCalled();
    expect(lazy.matchUrl('https://investhk.gov.hk.secure-pay.top/')).toEqual(real.matchUrl('https://investhk.gov.hk.secure-pay.top/'));
    expect(lazy.matchMessage('Invest Hong Kong: pay at https://investhk-pay.top').verdict).toEqual(
      real.matchMessage('Invest Hong Kong: pay at https://investhk-pay.top').verdict,
    );
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('follows the clock for campaign dates', () => {
    const feed = defaultFeed();
    const ending = { ...feed.agencies[0]!, campaign: { ...feed.agencies[0]!.campaign, status: 'active' as const, until: '2026-06-30' } };
    const at = (iso: string) => lazyMatcher({ ...feed, agencies: [ending] }, () => createMatcher(feed), { now: () => Date.parse(iso) });
    expect(at('2026-06-30T23:00:00Z').isCampaignActive(ending)).toBe(true);
    expect(at('2026-07-01T00:00:01Z').isCampaignActive(ending)).toBe(false);
  });
});
