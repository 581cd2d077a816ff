import { describe, expect, it } from 'vitest';
import { allowlistEntry, classifyHost, officialDomainProblem, scamHostProblem } from './domain-rules';
import { parseFeed, FeedValidationError } from './validate-feed';
import { feedValue } from './testing/feed-fixtures';

describe('hosts against the Public Suffix List (ICANN and private sections)', () => {
  it.each([
    ['com', 'public-suffix'],
    ['top', 'public-suffix'],
    ['gov.hk', 'public-suffix'],
    ['com.hk', 'public-suffix'],
    ['github.io', 'public-suffix'],
    ['blogspot.com', 'public-suffix'],
    ['GOV.HK.', 'public-suffix'],
    ['政府.香港', 'public-suffix'],
    ['*', 'wildcard'],
    ['*.gov.hk', 'wildcard'],
    ['investhk.gov.hk', 'registrable'],
    ['www.investhk.gov.hk', 'subdomain'],
    ['investhk-claim.github.io', 'registrable'],
    ['203.0.113.7', 'ip'],
    ['0x7f.1', 'ip'],
    ['exa mple.com', 'invalid'],
  ])('%s is %s', (host, kind) => {
    expect(classifyHost(host).kind).toBe(kind);
  });

  it('official domains: registrable domains or hosts under one; never a suffix, a wildcard or an IP', () => {
    for (const bad of ['com', 'top', 'gov.hk', 'com.hk', 'github.io', '*', '*.investhk.gov.hk', '203.0.113.7']) {
      expect(officialDomainProblem(bad), bad).not.toBeNull();
    }
    expect(officialDomainProblem('github.io')).toMatch(/shared hosting/);
    for (const good of ['investhk.gov.hk', 'www.investhk.gov.hk', 'hongkongpost.hk', 'investhk-claim.github.io']) {
      expect(officialDomainProblem(good), good).toBeNull();
    }
  });

  it('scam hosts: the same, except that IP addresses are fine', () => {
    expect(scamHostProblem('203.0.113.7')).toBeNull();
    expect(scamHostProblem('secure-pay.top')).toBeNull();
    expect(scamHostProblem('top')).toMatch(/public suffix/);
    expect(scamHostProblem('github.io')).toMatch(/public suffix/);
    expect(scamHostProblem('*.top')).toMatch(/wildcard/);
  });

  it('allowlist entries: hosts or registrable domains, never a public suffix or *', () => {
    expect(allowlistEntry(' Example.COM ')).toEqual({ host: 'example.com' });
    expect(allowlistEntry('www.example.com.')).toEqual({ host: 'www.example.com' });
    for (const bad of ['com', '*', 'gov.hk', 'github.io', '']) expect(allowlistEntry(bad).problem, bad).toBeDefined();
  });
});

describe('a feed that claims public suffixes is invalid', () => {
  const withAgency = (change: Record<string, unknown>) => {
    const value = feedValue();
    const agencies = value.agencies as Array<Record<string, unknown>>;
    value.agencies = [{ ...agencies[0]!, ...change }];
    return value;
  };
  it.each(['com', 'top', 'gov.hk', 'com.hk', 'github.io', '*'])('official domain %s', (domain) => {
    expect(() => parseFeed(withAgency({ official_domains: [domain] }))).toThrow(FeedValidationError);
  });
  it.each(['top', 'com', 'github.io', '*.top'])('scam host %s', (host) => {
    expect(() => parseFeed(withAgency({ scam_entries: [{ host }] }))).toThrow(/public suffix|wildcard/);
  });
  it('accepts an IP literal as a scam host, not as an official domain', () => {
    expect(parseFeed(withAgency({ scam_entries: [{ host: '203.0.113.7' }] })).agencies[0]!.scam_entries[0]!.host).toBe('203.0.113.7');
    expect(() => parseFeed(withAgency({ official_domains: ['203.0.113.7'] }))).toThrow(/IP address/);
  });
});

describe('trusted publishers are checked like official domains', () => {
  it('refuses a public suffix as a trusted publisher (it would silence mentions on all of .com)', () => {
    const value = feedValue();
    const agencies = value.agencies as Array<Record<string, unknown>>;
    value.agencies = [{ ...agencies[0]!, trusted_publishers: ['com'] }];
    expect(() => parseFeed(value)).toThrow(/trusted_publishers.0: "com" is a public suffix/);
    value.agencies = [{ ...agencies[0]!, trusted_publishers: ['rthk.hk'] }];
    expect(parseFeed(value).agencies[0]!.trusted_publishers).toEqual(['rthk.hk']);
  });
});
