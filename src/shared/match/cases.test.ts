/**
 * The field cases distilled from public bug reports (kinds
 * page, link and text), restated as tests. The feed is the default InvestHK entry plus
 * test-only scam entries (see `testing/test-feed.ts`); the cases file is not read here.
 */
import { describe, expect, it } from 'vitest';
import { createMatcher } from './matcher';
import { casesFeed } from './testing/test-feed';

const matcher = createMatcher(casesFeed());
const FORUM = 'https://forum.example/thread/1';

describe('page URLs (cases C01–C10)', () => {
  it('C01: another government site two edits from the brand is left alone', () => {
    expect(matcher.matchUrl('https://www.investor.gov/').verdict).toBe('unrelated');
  });

  it('C02: punycode that shows the brand with a Cyrillic letter is a lookalike', () => {
    const v = matcher.matchUrl('https://xn--nvesthk-qog.com/');
    expect(v.verdict).toBe('lookalike');
    expect(v.agency).toBe('investhk');
    expect(v.reasons).toContain('confusable-skeleton');
  });

  it('C02: a genuine accented IDN stays unrelated', () => {
    expect(matcher.matchUrl('https://québec.qc.ca/').verdict).toBe('unrelated');
    expect(matcher.matchUrl('https://xn--qubec-csa.qc.ca/').verdict).toBe('unrelated');
  });

  it('C03: the official host as leading labels of another domain is a lookalike', () => {
    const v = matcher.matchUrl('https://investhk.gov.hk.secure-verify.example/login');
    expect(v.verdict).toBe('lookalike');
    expect(v.reasons).toContain('official-as-subdomain');
  });

  it('C04: the official host with hyphens for dots is a lookalike', () => {
    expect(matcher.matchUrl('https://www-investhk-gov-hk.example/').verdict).toBe('lookalike');
  });

  it('C05: a scam host on a private suffix is blocklisted by its full host', () => {
    const v = matcher.matchUrl('https://investhk-claim.github.io/grant');
    expect(v.verdict).toBe('blocklisted');
    expect(v.reasons).toEqual(['scam-host']);
  });

  it('C06: a neighbour on the same shared suffix does not inherit the entry', () => {
    expect(matcher.matchUrl('https://other-project.github.io/').verdict).toBe('unrelated');
  });

  it('C07: a scam entry covers its subdomains', () => {
    const v = matcher.matchUrl('https://login.investhk-verify.example/claim');
    expect(v.verdict).toBe('blocklisted');
    expect(v.reasons).toEqual(['scam-host-subdomain']);
  });

  it('C08: a longer label ending in the scam host is not blocklisted (label boundary)', () => {
    const v = matcher.matchUrl('https://reinvesthk-verify.example/');
    expect(v.verdict).not.toBe('blocklisted');
    expect(v.verdict).toBe('lookalike');
  });

  it('C09: upper case and a trailing dot are normalised before lookup', () => {
    expect(matcher.matchUrl('https://INVESTHK-VERIFY.EXAMPLE./claim').verdict).toBe('blocklisted');
  });

  it('C10: a trailing dot on the official host stays official', () => {
    const v = matcher.matchUrl('https://www.investhk.gov.hk./');
    expect(v.verdict).toBe('official');
    expect(v.severity).toBe('safe');
  });
});

describe('links (cases C11–C22)', () => {
  it('C11: text before the last @ of the authority is userinfo, not the host', () => {
    expect(matcher.matchLink('https://investhk.gov.hk@investhk-verify.example/claim', 'investhk.gov.hk', FORUM).verdict).toBe(
      'blocklisted',
    );
  });

  it('C12: a backslash ends the authority, as in a browser', () => {
    expect(matcher.matchLink('https://investhk-verify.example\\@investhk.gov.hk/', 'investhk.gov.hk', FORUM).verdict).toBe('blocklisted');
  });

  it('C13: an @ after the first slash belongs to the path', () => {
    expect(matcher.matchLink('https://investhk.gov.hk/@investhk-verify.example', 'Invest Hong Kong', FORUM).verdict).toBe('official');
  });

  it('C14: ideographic full stops separate labels', () => {
    expect(matcher.matchLink('https://investhk。gov。hk/en/', 'investhk。gov。hk', FORUM).verdict).toBe('official');
  });

  it('C15: ideographic full stops cannot hide the official name as leading labels', () => {
    const v = matcher.matchLink('https://investhk。gov。hk。evil。example/', 'pay here', FORUM);
    expect(v.verdict).toBe('lookalike');
    expect(v.reasons).toContain('official-as-subdomain');
  });

  it('C16: a zero-width space inside the host is dropped as the browser does', () => {
    expect(matcher.matchLink('https://invest\u200bhk.gov.hk/en/', 'investhk.gov.hk', FORUM).verdict).toBe('official');
  });

  it('C17: a SafeLinks wrapper (any region) is judged by its target', () => {
    const v = matcher.matchLink(
      'https://apc01.safelinks.protection.outlook.com/?url=https%3A%2F%2Finvesthk-verify.example%2Fclaim&data=05%7C02&sdata=AAAA&reserved=0',
      'www.investhk.gov.hk',
      'https://outlook.office.com/mail/inbox',
    );
    expect(v.verdict).toBe('blocklisted');
    expect(v.target).toBe('https://investhk-verify.example/claim');
    expect(v.reasons).toContain('unwrapped-redirect:safelinks');
  });

  it('C18: a Google redirect to the official site raises nothing', () => {
    const v = matcher.matchLink(
      'https://www.google.com/url?q=https://www.investhk.gov.hk/en/&sa=D&ust=1700000000000000',
      'Invest Hong Kong',
      'https://mail.google.com/mail/u/0/',
    );
    expect(v.verdict).toBe('official');
    expect(v.reasons).toContain('unwrapped-redirect:google');
  });

  it('C19: text showing a full official URL over a link to elsewhere is deceptive', () => {
    const v = matcher.matchLink('https://pay-portal.example/claim', 'https://www.investhk.gov.hk/en/claim?id=A1B2', FORUM);
    expect(v.verdict).toBe('deceptive-link');
    expect(v.agency).toBe('investhk');
    expect(v.severity).toBe('danger');
  });

  it('C20: brackets, scheme and www around the official domain are no mismatch', () => {
    expect(matcher.matchLink('https://www.investhk.gov.hk/en/', '<investhk.gov.hk>', FORUM).verdict).toBe('official');
  });

  it('C21: a shortener behind text showing the official site is deceptive', () => {
    expect(matcher.matchLink('https://bit.ly/3xAmpLe', 'https://www.investhk.gov.hk', FORUM).verdict).toBe('deceptive-link');
  });

  it('C22: a data: link behind official-looking text is deceptive, never official', () => {
    const v = matcher.matchLink('data:text/html;base64,PHA+bG9naW48L3A+', 'https://www.investhk.gov.hk/login', FORUM);
    expect(v.verdict).toBe('deceptive-link');
    expect(v.reasons).toContain('script-url:data');
  });
});

describe('page text (cases C26–C28)', () => {
  it('C26: the Simplified name matches although the feed lists it in Traditional, and a login request raises caution', () => {
    const v = matcher.matchText('【投资推广署】紧急通知：您的资助申请即将过期，请即登入更新资料', 'https://verify-portal.example/');
    expect(v.verdict).toBe('mentions');
    expect(v.severity).toBe('caution');
    expect(v.agency).toBe('investhk');
  });

  it('C27: fullwidth letters and zero-width characters do not hide the alias', () => {
    const v = matcher.matchText('ＩｎｖｅｓｔＨＫ notice: Invest\u200bHK grant refund', 'https://grant-refund.example/');
    expect(v.verdict).toBe('mentions');
    expect(v.agency).toBe('investhk');
  });

  it('C28: generic words and a partial Chinese name are no mention', () => {
    const v = matcher.matchText(
      'Where should you invest? Hong Kong, Singapore and Tokyo compared. 本週舉行多場投資推廣活動。',
      'https://property-blog.example/',
    );
    expect(v.verdict).toBe('unrelated');
  });
});
