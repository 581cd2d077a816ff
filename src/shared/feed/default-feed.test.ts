import { describe, expect, it } from 'vitest';
import json from './default-feed.json' with { type: 'json' };
import { DEFAULT_FEED } from './default-feed';
import { FeedValidationError, parseFeed } from './validate-feed';

const clone = (): Record<string, unknown> => structuredClone(json) as Record<string, unknown>;
type AgencyJson = Record<string, unknown> & { official_domains: string[]; scam_entries?: unknown[] };
const agencies = (feed: Record<string, unknown>) => feed.agencies as AgencyJson[];

function problems(input: unknown): string[] {
  try {
    parseFeed(input);
  } catch (error) {
    if (error instanceof FeedValidationError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('embedded default feed', () => {
  it('carries the three verified agencies with their genuine contacts', () => {
    const byId = new Map(DEFAULT_FEED.agencies.map((a) => [a.id, a]));
    expect([...byId.keys()]).toEqual(['investhk', 'hongkongpost', 'consumer-council']);
    const investhk = byId.get('investhk')!;
    expect(investhk.names).toEqual({ en: 'Invest Hong Kong', 'zh-Hant': '投資推廣署', 'zh-Hans': '投资推广署' });
    expect(investhk.aliases).toContain('InvestHK');
    expect(investhk.official_domains).toEqual(['investhk.gov.hk']);
    expect(investhk.hotline).toBe('3107 1000');
    expect(investhk.email).toBe('enq@investhk.gov.hk');
    expect(investhk.campaign).toMatchObject({ kind: 'ransomware', since: '2025-02-23', status: 'active' });
    expect(investhk.campaign.summary.en).toContain('22 February 2025');
    expect(byId.get('hongkongpost')!.hotline).toBe('2921 2222');
    expect(byId.get('hongkongpost')!.email).toBeUndefined(); // unconfirmed, so left out
    expect(byId.get('consumer-council')!.campaign.status).toBe('ended');
  });

  it('has the promise in all three languages for every agency', () => {
    for (const agency of DEFAULT_FEED.agencies) {
      expect(agency.promise['zh-Hant'], agency.id).toBeTruthy();
      expect(agency.promise['zh-Hans'], agency.id).toBeTruthy();
    }
  });

  it('lists the Anti-Scam Helpline 18222', () => {
    expect(DEFAULT_FEED.help.find((h) => h.phone === '18222')?.name['zh-Hant']).toContain('防騙易');
  });

  it('carries no scam entries meant only for tests', () => {
    const hosts = DEFAULT_FEED.agencies.flatMap((a) => a.scam_entries.map((e) => e.host));
    expect(hosts).not.toContain('investhk-verify.example');
  });
});

describe('parseFeed', () => {
  it('accepts the default feed and fills defaults', () => {
    const feed = parseFeed(json);
    expect(feed.agencies[0]!.scam_entries).toEqual([]);
  });

  it('rejects unknown fields, missing English and bad hostnames, naming each place', () => {
    const feed = clone();
    feed.surprise = true;
    const a = agencies(feed)[0]!;
    a.names = { 'zh-Hant': '投資推廣署' };
    a.official_domains = ['https://investhk.gov.hk/'];
    const found = problems(feed);
    expect(found.some((p) => p.includes('surprise'))).toBe(true);
    expect(found.some((p) => p.startsWith('agencies.0.names.en'))).toBe(true);
    expect(found.some((p) => p.startsWith('agencies.0.official_domains.0'))).toBe(true);
  });

  it('rejects duplicate agency ids, shared official domains and scam entries over official domains', () => {
    const feed = clone();
    const list = agencies(feed);
    list[1]!.id = 'investhk';
    list[2]!.official_domains = ['investhk.gov.hk'];
    list[0]!.scam_entries = [{ host: 'pay.investhk.gov.hk' }];
    const found = problems(feed);
    expect(found.some((p) => p.includes('duplicate agency id "investhk"'))).toBe(true);
    expect(found.some((p) => p.includes('already an official domain'))).toBe(true);
    expect(found.some((p) => p.includes('overlaps the official domain'))).toBe(true);
  });

  it('rejects an expiry before the issue time, and a campaign that ends before it starts', () => {
    const feed = clone();
    feed.expires_at = '2020-01-01T00:00:00Z';
    (agencies(feed)[0]!.campaign as Record<string, unknown>).until = '2020-01-01';
    const found = problems(feed);
    expect(found).toContain('expires_at: must be later than issued_at');
    expect(found).toContain('agencies.0.campaign.until: must not be before campaign.since');
  });

  it('rejects non-objects with a clear message', () => {
    expect(() => parseFeed('<html>captive portal</html>')).toThrow(FeedValidationError);
    expect(() => parseFeed(null)).toThrow(/invalid feed/);
  });
});
