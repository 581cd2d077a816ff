import { describe, expect, it } from 'vitest';
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import { createMatcher } from '../shared/match/matcher';
import { pageTextFindings, shownNumber } from './text-findings';

const matcher = createMatcher(DEFAULT_FEED);
const MESSAGE = `From: Invest Hong Kong <notice@investhk-gov.top>
InvestHK: your client record expires today. Verify at invest-hk.gov.hk.secure-update.top and pay the HK$38 fee.
If the address does not open, copy hxxps://investhk-gov[.]top/pay into your browser.
Questions? Call the InvestHK hotline 3107 1080. The genuine site is www.investhk.gov.hk, enquiries 3107 1000.`;
const never = () => false;

describe('pageTextFindings', () => {
  it('finds the lookalike sender, the typed and disguised addresses and the fake number, not the genuine ones', () => {
    const { findings, loudest } = pageTextFindings(matcher, MESSAGE, 'https://webmail.example-mail.com/message', 'en', never);
    expect(findings.map((f) => [f.kind, f.text])).toEqual([
      ['email', 'notice@investhk-gov.top'],
      ['url', 'invest-hk.gov.hk.secure-update.top'],
      ['url', 'hxxps://investhk-gov[.]top/pay'],
      ['phone', '3107 1080'],
    ]);
    expect(loudest?.severity).toBe('danger');
    const phone = findings.find((f) => f.kind === 'phone')!;
    expect(phone.verdict.reasons).toContain('unlisted-phone');
    expect(phone.note).toBe('Genuine: 3107 1000');
    expect(phone.title).toBe('Not a number of Invest Hong Kong. Its genuine hotline: 3107 1000.');
    expect(findings[1]!.detail).toBe('It goes to invest-hk.gov.hk.secure-update.top, which is not a website of Invest Hong Kong.');
  });

  it('speaks the UI language', () => {
    const { findings } = pageTextFindings(matcher, MESSAGE, 'https://webmail.example-mail.com/', 'zh-Hant', never);
    expect(findings.find((f) => f.kind === 'phone')?.note).toBe('真確號碼：3107 1000');
    expect(findings[0]!.title).toBe('此地址冒認投資推廣署');
  });

  it('leaves numbers alone on text that names no agency, and drops what the caller silences', () => {
    const plain = 'Table for 4 at 7pm confirmed. Call 2345 6789 to change.';
    expect(pageTextFindings(matcher, plain, 'https://restaurant.example/', 'en', never).findings).toEqual([]);
    const silenced = pageTextFindings(matcher, MESSAGE, 'https://webmail.example-mail.com/', 'en', (v) => v.url.startsWith('mailto:'));
    expect(silenced.findings.map((f) => f.kind)).toEqual(['url', 'url', 'phone']);
  });

  it('does not flag numbers on a government page (such pages list many bodies)', () => {
    const { findings } = pageTextFindings(matcher, 'InvestHK enquiries: 3107 1080', 'https://www.investhk.gov.hk/contact', 'en', never);
    expect(findings).toEqual([]);
  });
});

describe('shownNumber', () => {
  it('reads the number from the link text, else from the href', () => {
    expect(shownNumber('tel:+85231071080', ' 3107 1080 ')).toBe('3107 1080');
    expect(shownNumber('tel:+852%2031071080', 'Call us')).toBe('+852 31071080');
  });
});
