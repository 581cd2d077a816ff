import { describe, expect, it } from 'vitest';
import { DEFAULT_FEED } from './default-feed';
import { findEntryProvenance } from './entry-provenance';
import type { Agency, Feed } from './feed-schema';
import { mergeFeeds, type SourcedFeed } from './merge-feeds';
import { createRankedMatcher } from './ranked-matcher';
import { parseFeed } from './validate-feed';
import { feedValue, isoDays } from './testing/feed-fixtures';

const INVESTHK = DEFAULT_FEED.agencies.find((a) => a.id === 'investhk')!;

function agency(id: string, official: string, scam: string[] = [], extra: Partial<Agency> = {}): Agency {
  const base = structuredClone(INVESTHK);
  return {
    ...base,
    id,
    names: { en: `Agency ${id}` },
    aliases: [],
    official_domains: [official],
    brand_tokens: undefined,
    scam_entries: scam.map((host) => ({ host })),
    ...extra,
  };
}

function feed(id: string, sequence: number, agencies: Agency[], extra: Partial<Feed> = {}): Feed {
  return { ...parseFeed(feedValue({ feed_id: id, sequence })), agencies, ...extra };
}

const embedded: SourcedFeed = { feed: DEFAULT_FEED, source: 'embedded', url: null };
const policy = (f: Feed, url = 'https://it.example/feed.json'): SourcedFeed => ({ feed: f, source: 'policy', url });
const user = (f: Feed, url = 'https://helpful.example/feed.json'): SourcedFeed => ({ feed: f, source: 'user', url });

describe('mergeFeeds: sources and feed ids', () => {
  it('returns a single feed unchanged, with its provenance', () => {
    const merged = mergeFeeds([embedded]);
    expect(merged.feed).toBe(DEFAULT_FEED);
    expect(merged.agencyProvenance.investhk).toMatchObject({ feedId: 'hk-default', source: 'embedded', url: null });
  });

  it('ranks policy over embedded over user whatever the input order', () => {
    const p = feed('it-dept', 4, [agency('alpha', 'alpha.gov.hk')], { refresh_interval_minutes: 30 });
    const u = feed('community', 1, [agency('beta', 'beta.example.org')], { help: [] });
    const { feed: merged, dropped } = mergeFeeds([user(u), embedded, policy(p)]);
    expect(merged.agencies.map((x) => x.id)).toEqual(['alpha', ...DEFAULT_FEED.agencies.map((x) => x.id), 'beta']);
    expect(merged.refresh_interval_minutes).toBe(30);
    expect(dropped).toEqual([]);
  });

  it('a user feed reusing the policy feed’s id with a higher sequence and another hotline is refused: the policy hotline stays', () => {
    const p = feed('it-dept', 3, [agency('investhk', 'investhk.gov.hk', [], { hotline: '3107 1000' })]);
    const hostile = feed('it-dept', 999, [agency('investhk', 'investhk.gov.hk', [], { hotline: '6666 6666' })]);
    const result = mergeFeeds([policy(p), embedded, user(hostile)]);
    expect(result.feed.agencies.find((a) => a.id === 'investhk')!.hotline).toBe('3107 1000');
    expect(result.conflicts.filter((c) => c.source === 'user')).toEqual([
      expect.objectContaining({ reason: 'reserved-feed-id', source: 'user', agency: null }),
    ]);
  });

  it('a user feed reusing hk-default is refused; a policy feed with hk-default replaces the embedded copy', () => {
    const hostile = feed('hk-default', DEFAULT_FEED.sequence + 100, [agency('investhk', 'investhk.gov.hk', [], { hotline: '6666 6666' })]);
    const r1 = mergeFeeds([embedded, user(hostile)]);
    expect(r1.feed.agencies.find((a) => a.id === 'investhk')!.hotline).toBe(INVESTHK.hotline);
    expect(r1.conflicts[0]).toMatchObject({ reason: 'reserved-feed-id' });
    const admin = feed('hk-default', DEFAULT_FEED.sequence + 1, [agency('investhk', 'investhk.gov.hk', [], { hotline: '3107 9999' })]);
    const r2 = mergeFeeds([embedded, policy(admin)]);
    expect(r2.feed.agencies.map((a) => a.id)).toEqual(['investhk']);
    expect(r2.agencyProvenance.investhk).toMatchObject({ source: 'policy' });
  });

  it('an expired feed stops counting; an expired policy copy of hk-default falls back to the embedded floor', () => {
    const old = feed('hk-default', DEFAULT_FEED.sequence + 1, [agency('investhk', 'investhk.gov.hk', [], { hotline: '3107 9999' })], {
      issued_at: isoDays(-40),
      expires_at: isoDays(-1),
    });
    const result = mergeFeeds([embedded, policy(old)], { now: Date.now() });
    expect(result.feed).toBe(DEFAULT_FEED);
    expect(result.expired).toEqual([{ feedId: 'hk-default', source: 'policy', url: 'https://it.example/feed.json' }]);
  });
});

describe('mergeFeeds: a lower-ranked feed never changes, shadows or contradicts a higher agency', () => {
  it('same agency id, other hotline: the higher details are kept, the conflict names the fields, scam entries are added', () => {
    const hostile = feed('community', 1, [
      agency('investhk', 'investhk-verify.example.org', ['pay-investhk.top'], { hotline: '6666 6666' }),
    ]);
    const result = mergeFeeds([embedded, user(hostile)]);
    const kept = result.feed.agencies.find((a) => a.id === 'investhk')!;
    expect(kept.hotline).toBe(INVESTHK.hotline);
    expect(kept.official_domains).toEqual(INVESTHK.official_domains);
    expect(kept.scam_entries.map((e) => e.host)).toContain('pay-investhk.top');
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        reason: 'same-agency-id',
        agency: 'investhk',
        fields: expect.arrayContaining(['hotline', 'official_domains']),
      }),
    ]);
    expect(result.agencyProvenance.investhk!.source).toBe('embedded');
    expect(findEntryProvenance(result.entryProvenance, 'investhk', 'https://www.pay-investhk.top/x')).toMatchObject({
      feedId: 'community',
      source: 'user',
    });
    expect(findEntryProvenance(result.entryProvenance, 'investhk', 'https://elsewhere.top/')).toBeNull();
  });

  it.each([
    ['an official domain under the higher one', agency('evil', 'secure.investhk.gov.hk'), 'official-domain'],
    ['an official domain above the higher one', agency('evil', 'gov.hk.example.org'), null],
    [
      'the same English name in another case and width',
      agency('evil', 'invest-hk.example.org', [], { names: { en: 'ＩＮＶＥＳＴ ＨＯＮＧ ＫＯＮＧ' } }),
      'same-name',
    ],
    [
      'the same Chinese name',
      agency('evil', 'invest-hk.example.org', [], { names: { en: 'Investment Office', 'zh-Hant': '投資推廣署' } }),
      'same-name',
    ],
    ['an alias equal to a higher name', agency('evil', 'invest-hk.example.org', [], { aliases: ['InvestHK'] }), 'same-name'],
    ['a lookalike of the higher domain as official', agency('evil', 'investhk-claim.github.io'), 'lookalike-domain'],
    ['the official-as-leading-labels lookalike as official', agency('evil', 'investhk.gov.hk.secure-pay.top'), 'lookalike-domain'],
  ])('%s', (_name, lower, reason) => {
    const result = mergeFeeds([embedded, user(feed('community', 1, [{ ...lower, hotline: '6666 6666' }]))]);
    if (reason === null) {
      // gov.hk.example.org is not above investhk.gov.hk: a different domain, so a new agency.
      expect(result.conflicts).toEqual([]);
      return;
    }
    expect(result.feed.agencies.map((a) => a.id)).not.toContain('evil');
    expect(result.conflicts[0]).toMatchObject({ reason, agency: 'evil' });
    expect(result.feed.agencies.find((a) => a.id === 'investhk')!.hotline).toBe(INVESTHK.hotline);
  });

  it('the same agency republished with the same details is no conflict', () => {
    const copy = feed('mirror', 1, [{ ...structuredClone(INVESTHK), scam_entries: [{ host: 'another-scam.top' }] }]);
    const result = mergeFeeds([embedded, user(copy)]);
    expect(result.conflicts).toEqual([]);
    expect(result.feed.agencies.find((a) => a.id === 'investhk')!.scam_entries.map((e) => e.host)).toContain('another-scam.top');
  });

  it('a new agency from a user feed is kept and marked as coming from it', () => {
    const result = mergeFeeds([embedded, user(feed('community', 1, [agency('ferry', 'ferry.example.org')]))]);
    expect(result.agencyProvenance.ferry).toMatchObject({ feedId: 'community', source: 'user', url: 'https://helpful.example/feed.json' });
  });

  it('help contacts of user feeds are not shown (they appear in every banner)', () => {
    const withHelp = feed('community', 1, [agency('ferry', 'ferry.example.org')], {
      help: [{ id: 'fake-helpline', name: { en: 'Official verification centre' }, phone: '6666 6666' }],
    });
    const result = mergeFeeds([embedded, user(withHelp)]);
    expect(result.feed.help.map((h) => h.id)).toEqual(DEFAULT_FEED.help.map((h) => h.id));
  });

  it('no feed can list another feed’s official domain as a scam', () => {
    const hostile = feed('hostile', 1, [agency('evil', 'evil.example.com', ['investhk.gov.hk', 'www.investhk.gov.hk', 'real-scam.top'])]);
    const { feed: merged, dropped } = mergeFeeds([policy(hostile), embedded]);
    expect(merged.agencies.find((a) => a.id === 'evil')!.scam_entries.map((e) => e.host)).toEqual(['real-scam.top']);
    expect(dropped.filter((d) => d.includes('overlaps'))).toHaveLength(2);
  });
});

describe('createRankedMatcher: a user agency never outranks a higher verdict', () => {
  it('a user feed claiming secure-pay.top cannot make investhk.gov.hk.secure-pay.top official', () => {
    const claim = feed('community', 1, [agency('payments', 'secure-pay.top')]);
    const result = mergeFeeds([embedded, user(claim)]);
    expect(result.conflicts).toEqual([]);
    const lower = new Set(['payments']);
    const ranked = createRankedMatcher(result.feed, lower);
    expect(ranked.matchUrl('https://investhk.gov.hk.secure-pay.top/pay')).toMatchObject({ verdict: 'lookalike', agency: 'investhk' });
    expect(ranked.matchUrl('https://secure-pay.top/')).toMatchObject({ verdict: 'official', agency: 'payments' });
    expect(ranked.matchUrl('https://www.investhk.gov.hk/')).toMatchObject({ verdict: 'official', agency: 'investhk' });
  });
});
