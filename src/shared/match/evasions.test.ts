/**
 * Evasions from public bug reports of phishing detectors, one group per kind (issue 13):
 * names in other scripts and with separators, mixed Chinese scripts, Chinese names in IDN
 * labels, redirect wrappers, government publishers, ordinary-word names, short acronyms,
 * and reports that are not requests.
 */
import { describe, expect, it } from 'vitest';
import type { FeedInput } from '../feed/feed-schema';
import { parseFeed } from '../feed/validate-feed';
import { toAsciiHost } from './host';
import { createMatcher } from './matcher';
import { casesFeed, defaultFeed, defaultFeedInput } from './testing/test-feed';

const invest = createMatcher(casesFeed());
const all = createMatcher(defaultFeed());
const PAGE = 'https://forum.example/thread/2';

/** A feed of Hong Kong bodies named by official domain only, as a feed admin may write it. */
function bodiesFeed(): ReturnType<typeof parseFeed> {
  const input: FeedInput = defaultFeedInput();
  const base = input.agencies[0]!;
  const body = (id: string, en: string, domain: string) => ({
    ...structuredClone(base),
    id,
    names: { en },
    aliases: [],
    official_domains: [domain],
    brand_tokens: undefined,
    website: `https://www.${domain}/`,
  });
  input.agencies = [
    body('wsd', 'Water Supplies Department', 'wsd.gov.hk'),
    body('ird', 'Inland Revenue Department', 'ird.gov.hk'),
    body('sfc', 'Securities and Futures Commission', 'sfc.hk'),
    body('octopus', 'Octopus', 'octopus.com.hk'),
    body('hsbc', 'HSBC', 'hsbc.com.hk'),
    body('bochk', 'Bank of China (Hong Kong)', 'bochk.com'),
    body('hketoll', 'HKeToll', 'hketoll.gov.hk'),
    body('alipayhk', 'AlipayHK', 'alipayhk.com'),
    body('hongkongpost', 'Hongkong Post', 'hongkongpost.hk'),
  ];
  return parseFeed(input);
}
const bodies = createMatcher(bodiesFeed());
const lookalikeOf = (host: string) => {
  const v = bodies.matchUrl(`https://${host}/`);
  return v.verdict === 'lookalike' ? v.agency : v.verdict;
};

describe('the name written to slip past a text filter', () => {
  it.each([
    ['Cyrillic letters', 'Іnvеst Hоng Kоng grant: log in to claim'],
    ['Greek letters', 'ΙnvestΗΚ notice'],
    ['spaces between the Chinese characters', '投 資 推 廣 署 通知'],
    ['soft hyphens', 'In\u00advest\u00adHK grant'],
    ['a <wbr> (no character in the text)', 'InvestHK grant'],
    ['letters spaced out', 'I n v e s t H K grant'],
    ['Traditional and Simplified mixed', '投资推廣署通知'],
    ['fullwidth letters', 'ＩＮＶＥＳＴＨＫ notice'],
  ])('%s still name the agency', (_how, text) => {
    const v = invest.matchText(text, 'https://notice.example/');
    expect(v.verdict).toBe('mentions');
    expect(v.agency).toBe('investhk');
  });

  it('a currency amount after a word is no name', () => {
    expect(invest.matchText('Invest HK$10,000 in a fund and see it grow', 'https://bank-ads.example/').verdict).toBe('unrelated');
  });
});

describe('names made of ordinary words', () => {
  it('count only where written as a name', () => {
    const economics = 'Hong Kong post-pandemic recovery: pay rises are slower than prices, and households pay more.';
    expect(all.matchText(economics, 'https://economics.example/').verdict).toBe('unrelated');
    expect(all.matchText('hong kong post offices reopen', 'https://blog.example/').verdict).toBe('unrelated');
    expect(all.matchText('Hong Kong Post offices reopen after the typhoon', 'https://news.example/').agency).toBe('hongkongpost');
  });

  it('an ordinary-word brand never fires alone under another suffix; with a place word it does', () => {
    expect(lookalikeOf('octopus.energy')).toBe('unrelated');
    expect(lookalikeOf('octopus.com')).toBe('unrelated');
    expect(lookalikeOf('octopushk.shop')).toBe('octopus');
    expect(lookalikeOf('hk.octopuscard.cloud')).toBe('octopus');
  });
});

describe('short acronyms count only as words', () => {
  it.each([
    ['wsdgov.com', 'wsd'],
    ['wsd-gov.homes', 'wsd'],
    ['hkhsbc.com', 'hsbc'],
    ['hkboc.net', 'bochk'],
    ['sfc.hk.mail-notice.org', 'sfc'],
  ])('%s imitates %s', (host, agency) => {
    expect(lookalikeOf(host)).toBe(agency);
  });

  it.each(['sfchronicle.com', 'wsdot.wa.gov', 'ird.govt.nz', 'birdwatch.org', 'oslo.no', 'hsbcnet-careers.example'])(
    '%s is not the acronym',
    (host) => {
      // hsbcnet-careers: "hsbcnet" is no segmentation of hsbc plus a word, so the 4-letter label is not a word of it.
      expect(lookalikeOf(host)).toBe('unrelated');
    },
  );
});

describe('reordered names, swaps, suffix typos and parts of compound labels', () => {
  it.each([
    ['posthongkong.info', 'hongkongpost', 'the words of the name in another order'],
    ['etollhk.xyz', 'hketoll', 'the same, for a compound label'],
    ['ailpay.cc', 'alipayhk', 'two letters swapped'],
    ['ird.goy.hk', 'ird', 'gov misspelt as goy'],
    ['wsd.igov.help', 'wsd', 'gov misspelt as igov'],
    ['wsd.gov.ink', 'wsd', 'the official name with another ending'],
    ['wssdgov.com', 'wsd', 'one edit of the label glued to gov'],
    ['pcetoll.top', 'hketoll', 'the distinctive part of hketoll on its own'],
  ])('%s imitates %s (%s)', (host, agency) => {
    expect(lookalikeOf(host)).toBe(agency);
  });

  it('other words that contain a part are not it', () => {
    expect(lookalikeOf('settolls.com')).toBe('unrelated');
    expect(lookalikeOf('thehongkongpost.com')).toBe('unrelated');
  });
});

describe('Chinese names inside IDN labels', () => {
  it('an IDN whose label is the agency name plus another word is a lookalike', () => {
    for (const label of ['投資推廣署繳費', '投资推广署缴费', '香港郵政包裹']) {
      const host = toAsciiHost(`${label}.com`)!;
      const v = all.matchUrl(`https://${host}/`);
      expect(v.verdict).toBe('lookalike');
      expect(v.reasons).toContain('chinese-name-in-idn');
    }
  });

  it('a genuine Chinese IDN without the name stays unrelated', () => {
    expect(all.matchUrl(`https://${toAsciiHost('香港大學.hk')!}/`).verdict).toBe('unrelated');
    expect(all.matchUrl(`https://${toAsciiHost('投資學堂.com')!}/`).verdict).toBe('unrelated');
  });
});

describe('redirect wrappers', () => {
  const scam = 'https://investhk-verify.example/claim';
  const e = encodeURIComponent(scam);

  it('Google AMP, Barracuda, WeChat and WeCom are unwrapped', () => {
    for (const url of [
      'https://www.google.com/amp/s/investhk-verify.example/claim',
      `https://linkprotect.cudasvc.com/url?a=${e}&c=E,1,abc&typo=1`,
      `https://weixin110.qq.com/cgi-bin/mmspamsupport-bin/newredirectconfirmcgi?main_type=2&url=${e}`,
      `https://open.work.weixin.qq.com/wwopen/uriconfirm?uri=${e}`,
    ]) {
      expect(invest.matchUrl(url).verdict, url).toBe('blocklisted');
    }
  });

  it('SafeLinks around a Google redirect whose target was encoded twice', () => {
    const google = `https://www.google.com/url?q=${encodeURIComponent(e)}&sa=D`;
    const v = invest.matchUrl(`https://nam12.safelinks.protection.outlook.com/?url=${encodeURIComponent(google)}&reserved=0`);
    expect(v.verdict).toBe('blocklisted');
    expect(v.reasons).toEqual(['unwrapped-redirect:safelinks', 'unwrapped-redirect:google', 'scam-host']);
  });

  it('an opaque wrapper (Mimecast) is unknown: never official, and no mismatch with official text', () => {
    const href = 'https://protect-eu.mimecast.com/s/AbCdEfGhIjKl?domain=investhk.gov.hk';
    const v = invest.matchLink(href, 'www.investhk.gov.hk', PAGE);
    expect(v.verdict).toBe('unrelated');
    expect(v.reasons).toContain('opaque-redirect:mimecast');
  });

  it('nesting beyond the limit warns', () => {
    let url = 'https://www.investhk.gov.hk/en/';
    for (let i = 0; i < 8; i++) url = `https://www.google.com/url?q=${encodeURIComponent(url)}`;
    const v = invest.matchUrl(url);
    expect(v.verdict).not.toBe('official');
    expect(v.severity).toBe('caution');
    expect(v.reasons).toContain('redirect-nesting-too-deep');
  });
});

describe('government publishers', () => {
  it('a gov.hk news page about the agency gets no banner', () => {
    const text =
      'Invest Hong Kong said it never asks for payment by link. Members of the public should not pay or give credit card details.';
    const v = invest.matchText(text, 'https://www.info.gov.hk/gia/general/202502/23/P2025022300123.htm');
    expect(v.severity).toBe('none');
    expect(v.reasons).toContain('trusted-publisher');
    expect(invest.matchPage('https://www.news.gov.hk/eng/2025/02/investhk.html', text).severity).toBe('none');
  });

  it('a feed may trust further publishers for an agency', () => {
    const trusting = createMatcher(casesFeed({ trusted_publishers: ['rthk.hk'] }));
    const text = 'InvestHK: log in now and pay the fee';
    expect(trusting.matchText(text, 'https://news.rthk.hk/story/1').severity).toBe('none');
    expect(trusting.matchText(text, 'https://other-news.example/').severity).toBe('caution');
    // Trust covers mentions only: a lookalike host stays dangerous.
    expect(trusting.matchPage('https://investhk-verify.example/', text).severity).toBe('danger');
  });
});

describe('reporting is not asking', () => {
  it.each([
    ['a quoted warning', 'InvestHK reminded the public: "Do not click links or pay any fee."'],
    ['a negation', 'Invest Hong Kong never asks for payment or personal data by SMS.'],
    ['a third-person report', 'Scammers posing as InvestHK asked victims to log in and pay a fee, police said.'],
    ['Chinese negation', '投資推廣署重申，不會透過短訊要求市民付款或提供個人資料。'],
    ['Simplified report', '警方指，骗徒冒充投资推广署，要求市民登入网站缴费。'],
    [
      'an event report with a ticket price',
      'Invest Hong Kong hosts a summit on Friday. Tickets cost HK$500 and can be paid by credit card at the door.',
    ],
  ])('%s is a calm mention', (_kind, text) => {
    const v = invest.matchText(text, 'https://news.example/');
    expect(v.verdict).toBe('mentions');
    expect(v.severity).toBe('info');
  });

  it.each([
    ['an imperative', 'InvestHK grant: Pay the processing fee today to receive your funds.'],
    ['your account and a deadline', 'Invest Hong Kong: your account will be suspended within 24 hours. Verify your identity.'],
    ['a Chinese request', '投資推廣署：您的資助申請即將過期，請即登入更新資料。'],
    // The dots of an address are not the ends of sentences: "top and pay the fee" must not
    // lose its imperative (a scam SMS from issue 14, with a short link no feed lists).
    ['an address before the ask', 'InvestHK: your client record expires today. Verify at bit.ly/3xYz9 and pay the HK$38 fee.'],
    [
      'a dotted host before the ask',
      'InvestHK: Verify at invest-hk.gov.hk.secure-update.top and pay the HK$38 fee. Questions? Call 3107 1080',
    ],
  ])('%s asks the reader', (_kind, text) => {
    expect(invest.matchText(text, 'https://claim.example/').severity).toBe('caution');
  });

  it('a payment button asks even when the text around it only reports', () => {
    const text = 'Invest Hong Kong said it never asks for payment by link.';
    const v = invest.matchText(text, 'https://claim.example/', { actionTexts: ['Pay now', 'Home'] });
    expect(v.severity).toBe('caution');
    expect(v.reasons).toContain('action-asks-payment');
    expect(invest.matchText(text, 'https://claim.example/', { actionTexts: ['Read more'] }).severity).toBe('info');
  });
});

describe('the prefilter a content script can carry', () => {
  const pattern = new RegExp(invest.mentionPrefilter(), 'i');

  it.each([
    'Іnvеst Hоng Kоng grant',
    '投 資 推 廣 署 通知',
    '投资推廣署通知',
    'I n v e s t H K grant',
    'In\u00advest\u00adHK',
    'Notice from InvestHK',
  ])('lets %s through to the full check', (text) => {
    expect(pattern.test(text)).toBe(true);
    expect(invest.matchText(text, 'https://notice.example/').agency).toBe('investhk');
  });

  it('stops ordinary text (a loose pass is fine: the full check decides)', () => {
    expect(pattern.test('本週舉行多場投資推廣活動')).toBe(false);
    expect(pattern.test('Weather in Kowloon')).toBe(false);
  });

  it('is empty when no campaign is active', () => {
    const ended = createMatcher(
      casesFeed({ campaign: { kind: 'ransomware', since: '2025-02-23', until: '2025-12-31', status: 'ended', summary: { en: 'Over.' } } }),
    );
    expect(ended.mentionPrefilter()).toBe('');
  });
});
