import { describe, expect, it } from 'vitest';
import { DEFAULT_FEED } from './default-feed';
import { diffFeeds, isEmptyDiff } from './feed-diff';

describe('diffFeeds', () => {
  it('finds nothing between a feed and itself', () => {
    expect(isEmptyDiff(diffFeeds(DEFAULT_FEED, structuredClone(DEFAULT_FEED)))).toBe(true);
  });

  it('reports agencies, domains, fields and header changes', () => {
    const next = structuredClone(DEFAULT_FEED);
    next.sequence += 1;
    const [first, second] = next.agencies;
    first!.hotline = '1234 5678';
    first!.official_domains.push('investhk.hk');
    first!.scam_entries.push({ host: 'freehost.example', path_prefix: '/investhk' });
    const removed = second!.id;
    next.agencies.splice(1, 1);
    next.agencies.push({ ...structuredClone(DEFAULT_FEED.agencies[0]!), id: 'new-agency', official_domains: ['new-agency.gov.hk'] });
    next.help.pop();
    const d = diffFeeds(DEFAULT_FEED, next);
    expect(d.header).toEqual([{ field: 'sequence', old: DEFAULT_FEED.sequence, new: DEFAULT_FEED.sequence + 1 }]);
    expect(d.agenciesAdded).toEqual(['new-agency']);
    expect(d.agenciesRemoved).toEqual([removed]);
    expect(d.agenciesChanged).toEqual([
      expect.objectContaining({
        id: 'investhk',
        fields: ['hotline', 'official_domains', 'scam_entries'],
        officialAdded: ['investhk.hk'],
        scamAdded: ['freehost.example/investhk'],
      }),
    ]);
    expect(d.domainsAdded).toContain('new-agency.gov.hk');
    expect(d.domainsRemoved).toEqual(expect.arrayContaining(DEFAULT_FEED.agencies[1]!.official_domains));
    expect(d.helpRemoved).toEqual([DEFAULT_FEED.help.at(-1)!.id]);
    expect(isEmptyDiff(d)).toBe(false);
  });
});
