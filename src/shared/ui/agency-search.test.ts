import { describe, expect, it } from 'vitest';
import { DEFAULT_FEED } from '../feed/default-feed';
import { createMatcher } from '../match/matcher';
import { rankAgencies, searchAgencies, targetOf } from './agency-search';

const matcher = createMatcher(DEFAULT_FEED, { now: () => Date.parse('2026-11-29T10:00:00Z') });
const top = (q: string) => rankAgencies(q, DEFAULT_FEED.agencies)[0]?.agency.id;

describe('rankAgencies', () => {
  it.each([
    ['投資推廣署', 'investhk'],
    ['投资推广署', 'investhk'],
    ['投資推广', 'investhk'],
    ['推廣署', 'investhk'],
    ['InvestHK', 'investhk'],
    ['investhk', 'investhk'],
    ['ＩｎｖｅｓｔＨＫ', 'investhk'],
    ['invest hong kong', 'investhk'],
    ['Invest', 'investhk'],
    ['inv', 'investhk'],
    ['invst hk', 'investhk'],
    ['ivnesthk', 'investhk'],
    ['香港郵政', 'hongkongpost'],
    ['香港邮政', 'hongkongpost'],
    ['hkpost', 'hongkongpost'],
    ['hongkong post', 'hongkongpost'],
    ['hongkonpost', 'hongkongpost'],
    ['消委會', 'consumer-council'],
    ['消费者委员会', 'consumer-council'],
    ['consumer council', 'consumer-council'],
    ['consumr', 'consumer-council'],
  ])('%s → %s', (query, id) => {
    expect(top(query)).toBe(id);
  });

  it('puts the exact name above partial matches', () => {
    const hits = rankAgencies('hong kong', DEFAULT_FEED.agencies);
    expect(hits.map((h) => h.agency.id)).toEqual(['hongkongpost', 'investhk']);
  });

  it('finds nothing for unrelated words and single letters inside words', () => {
    expect(rankAgencies('weather', DEFAULT_FEED.agencies)).toEqual([]);
    expect(rankAgencies('x', DEFAULT_FEED.agencies)).toEqual([]);
    expect(rankAgencies('   ', DEFAULT_FEED.agencies)).toEqual([]);
  });
});

describe('targetOf', () => {
  it.each([
    ['enq@investhk.gov.hk', 'mailto:enq@investhk.gov.hk'],
    ['mailto:enq@investhk.gov.hk', 'mailto:enq@investhk.gov.hk'],
    ['investhk.gov.hk', 'https://investhk.gov.hk'],
    ['http://investhk.gov.hk.secure-pay.top/pay', 'http://investhk.gov.hk.secure-pay.top/pay'],
    ['【InvestHK】Pay the fee at https://investhk-pay.top/x now.', 'https://investhk-pay.top/x'],
    ['visit www.investhk.gov.hk today', 'https://www.investhk.gov.hk'],
    ['InvestHK', null],
    ['invest hong kong', null],
    ['投資推廣署', null],
  ])('%s → %s', (query, target) => {
    expect(targetOf(query)).toBe(target);
  });
});

describe('searchAgencies', () => {
  it('is empty for a blank query', () => {
    expect(searchAgencies('  ', matcher)).toEqual({ kind: 'empty' });
  });

  it('judges a pasted lookalike URL and names the agency', () => {
    const result = searchAgencies('http://investhk.gov.hk.secure-pay.top/pay', matcher);
    expect(result.kind).toBe('target');
    if (result.kind !== 'target') return;
    expect(result.verdict.verdict).toBe('lookalike');
    expect(result.verdict.severity).toBe('danger');
    expect(result.hits[0]?.agency.id).toBe('investhk');
  });

  it('judges an official email address and domain as official', () => {
    for (const q of ['enq@investhk.gov.hk', 'www.investhk.gov.hk']) {
      const result = searchAgencies(q, matcher);
      expect(result.kind === 'target' && result.verdict.verdict).toBe('official');
      expect(result.kind === 'target' && result.hits[0]?.agency.id).toBe('investhk');
    }
  });

  it('says unrelated for an unknown address', () => {
    const result = searchAgencies('example.com', matcher);
    expect(result.kind === 'target' && result.verdict.verdict).toBe('unrelated');
    expect(result.kind === 'target' && result.hits).toEqual([]);
  });

  it('ranks names', () => {
    const result = searchAgencies('投資推廣署', matcher);
    expect(result.kind === 'names' && result.hits[0]?.agency.id).toBe('investhk');
  });
});
