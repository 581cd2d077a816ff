import { describe, expect, it } from 'vitest';
import { isReportAddress, MAX_MESSAGE_IN_REPORT, prepareReport, type ReportInput } from './prepare-report';

const base: ReportInput = {
  kind: 'false-alarm',
  address: 'mailto:reports@cert.example.hk',
  url: 'https://news.example.com/a',
  verdict: 'mentions',
  reasons: ['mentions-name', 'asks-payment'],
  agency: 'investhk',
  feed: { id: 'hk-default', sequence: 7, issuedAt: '2026-11-29T00:00:00Z' },
  extensionVersion: '0.1.0',
};

describe('isReportAddress', () => {
  it('takes mailto: with one address and https: URLs only', () => {
    expect(isReportAddress('mailto:reports@cert.example.hk')).toBe(true);
    expect(isReportAddress('https://cert.example.hk/report')).toBe(true);
    for (const bad of [
      'http://cert.example.hk/',
      'mailto:a@b.hk,c@d.hk',
      'mailto:a@b.hk?cc=x@y.hk',
      'javascript:alert(1)',
      'mailto:nobody',
      'https://',
    ]) {
      expect(isReportAddress(bad), bad).toBe(false);
    }
  });
});

describe('prepareReport', () => {
  it('a mailto: report carries the URL, verdict, reasons, feed and version in subject and body', () => {
    const r = prepareReport({ ...base, note: 'This is a news report & not a scam' });
    expect(r.subject).toBe('[Agency Scam Alert] False alarm (investhk): https://news.example.com/a');
    expect(r.body).toContain('feed: hk-default #7 (2026-11-29T00:00:00Z)');
    expect(r.body).toContain('reasons: mentions-name, asks-payment');
    expect(r.href.startsWith('mailto:reports@cert.example.hk?subject=')).toBe(true);
    const url = new URL(r.href);
    expect(url.searchParams.get('body')).toBe(r.body.replace(/\n/g, '\r\n'));
    expect(url.searchParams.get('subject')).toBe(r.subject);
    expect(r.href).not.toContain(' ');
    expect(r.href).not.toMatch(/&(?!body=)/);
  });

  it("an https: report puts each field in a query parameter of the publisher's form", () => {
    const r = prepareReport({ ...base, kind: 'missed-scam', address: 'https://cert.example.hk/report?lang=en', message: 'x'.repeat(5000) });
    const url = new URL(r.href);
    expect(url.origin + url.pathname).toBe('https://cert.example.hk/report');
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('kind')).toBe('missed-scam');
    expect(url.searchParams.get('url')).toBe('https://news.example.com/a');
    expect(url.searchParams.get('message')).toHaveLength(MAX_MESSAGE_IN_REPORT + 1);
  });

  it('refuses an address that is not mailto: or https:', () => {
    expect(() => prepareReport({ ...base, address: 'javascript:alert(1)' })).toThrow(/not a report address/);
  });
});

describe('the feed field report_address', () => {
  it('accepts mailto: and https:, rejects anything else', async () => {
    const { parseFeed, FeedValidationError } = await import('../feed/validate-feed');
    const { defaultFeedInput } = await import('../match/testing/test-feed');
    const feed = (report_address: string) => parseFeed({ ...defaultFeedInput(), report_address });
    expect(feed('mailto:reports@cert.example.hk').report_address).toBe('mailto:reports@cert.example.hk');
    expect(feed('https://cert.example.hk/report').report_address).toBe('https://cert.example.hk/report');
    expect(() => feed('javascript:alert(1)')).toThrow(FeedValidationError);
  });
});
