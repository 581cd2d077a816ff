/**
 * The engine's requirements (issue 3), one group per requirement. Feeds: the cases feed
 * (default InvestHK plus test-only scam entries) and the embedded default feed.
 */
import { describe, expect, it } from 'vitest';
import { createMatcher } from './matcher';
import { MAX_UNWRAP_DEPTH, REDIRECT_WRAPPERS } from './redirect-wrappers';
import { casesFeed, defaultFeed } from './testing/test-feed';
import { typoThreshold } from './typo-index';

const m = createMatcher(casesFeed());
const all = createMatcher(defaultFeed());
const PAGE = 'https://forum.example/thread/1';

describe('URL normalisation (WHATWG URL)', () => {
  it.each([
    ['hex', 'https://0xcb.0x0.0x71.0x7/'],
    ['octal', 'https://0313.0.0161.07/'],
    ['shorthand', 'https://203.0.28935/'],
    ['one number', 'https://3405803783/'],
    ['dotted', 'http://203.0.113.7:8080/claim'],
  ])('an IPv4 scam entry matches in %s form', (_form, url) => {
    const v = m.matchUrl(url);
    expect(v.verdict).toBe('blocklisted');
    expect(v.reasons).toEqual(['scam-host']);
  });

  it('an IP entry does not cover other addresses', () => {
    expect(m.matchUrl('https://203.0.113.70/').verdict).toBe('unrelated');
  });

  it('a percent-encoded host is decoded before lookup', () => {
    expect(m.matchUrl('https://investhk%2Dverify.example/').verdict).toBe('blocklisted');
    expect(m.matchUrl('https://%69nvesthk.gov.hk/').verdict).toBe('official');
  });

  it.each(['．', '。', '｡'])('the full stop %s separates labels', (dot) => {
    expect(m.matchUrl(`https://investhk${dot}gov${dot}hk/`).verdict).toBe('official');
    expect(m.matchUrl(`https://investhk${dot}gov${dot}hk${dot}pay${dot}top/`).verdict).toBe('lookalike');
  });

  it.each(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'])('an invisible U+%s inside the host is ignored', (ch) => {
    expect(m.matchUrl(`https://invest${ch}hk.gov.hk/`).verdict).toBe('official');
    expect(m.matchUrl(`https://investhk-${ch}verify.example/`).verdict).toBe('blocklisted');
  });

  it('userinfo is not the host, in either direction', () => {
    expect(m.matchUrl('https://investhk.gov.hk@pay.example/').verdict).toBe('unrelated');
    expect(m.matchUrl('https://www.investhk.gov.hk:443@investhk-verify.example/').verdict).toBe('blocklisted');
    expect(m.matchUrl('https://user:pass@www.investhk.gov.hk/').verdict).toBe('official');
  });

  it('case, IDN forms and trailing dots give one verdict', () => {
    for (const url of ['HTTPS://WWW.INVESTHK.GOV.HK./', 'https://ＩＮＶＥＳＴＨＫ.gov.hk', 'https://investhk.gov.hk.']) {
      expect(m.matchUrl(url).verdict).toBe('official');
    }
    expect(m.matchUrl('https://xn--nvesthk-qog.com/').verdict).toBe(m.matchUrl('https://іnvesthk.com/').verdict);
  });

  it('an unparseable URL is unrelated with a reason', () => {
    expect(m.matchUrl('https://exa mple.com:99999/').reasons).toEqual(['unparseable-url']);
  });
});

describe('non-web schemes', () => {
  it('a mailto: to a lookalike mail domain is a lookalike', () => {
    const v = m.matchUrl('mailto:enq@lnvesthk.gov.hk?subject=refund');
    expect(v.verdict).toBe('lookalike');
    expect(v.reasons).toEqual(['mail-domain', 'typo-distance-1']);
    expect(m.matchUrl('mailto:support@investhk.gov.hk.mail-verify.top').verdict).toBe('lookalike');
  });

  it('a mailto: to the official domain is official, the loudest recipient wins', () => {
    expect(m.matchUrl('mailto:enq@investhk.gov.hk').verdict).toBe('official');
    expect(m.matchUrl('mailto:enq@investhk.gov.hk,help@investhk-verify.example').verdict).toBe('blocklisted');
  });

  it.each([
    'javascript:location="https://www.investhk.gov.hk/"',
    'data:text/html,<a>investhk.gov.hk</a>',
    'blob:https://www.investhk.gov.hk/5f0c',
    'vbscript:msgbox',
  ])('%s is never official', (url) => {
    const v = m.matchUrl(url);
    expect(v.verdict).not.toBe('official');
    expect(v.reasons[0]).toMatch(/^script-url:/);
    expect(m.matchLink(url, 'www.investhk.gov.hk', PAGE).verdict).toBe('deceptive-link');
  });

  it("tel: is judged by its number: the agency's own is official, another has nothing to judge", () => {
    expect(m.matchUrl('tel:+85231071000')).toMatchObject({ verdict: 'official', agency: 'investhk', reasons: ['official-phone'] });
    expect(m.matchUrl('tel:+85231071080').reasons).toEqual([]);
    expect(m.matchUrl('sms:+85231071000').reasons).toEqual(['non-web-scheme:sms']);
  });
});

describe('redirect wrappers', () => {
  const target = 'https://investhk-verify.example/claim?id=7';
  const e = encodeURIComponent(target);
  /** One real-format example per row of the table; a new row without an example fails. */
  const EXAMPLES: Record<string, string> = {
    safelinks: `https://nam12.safelinks.protection.outlook.com/?url=${e}&data=05%7C01&reserved=0`,
    'teams-safelinks': `https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=${e}&locale=en-us`,
    google: `https://www.google.com.hk/url?sa=t&url=${e}&usg=AOv`,
    facebook: `https://l.facebook.com/l.php?u=${e}&h=AT1`,
    instagram: `https://l.instagram.com/?u=${e}&e=AT2`,
    messenger: `https://l.messenger.com/l.php?u=${e}`,
    'proofpoint-v2': 'https://urldefense.proofpoint.com/v2/url?u=https-3A__investhk-2Dverify.example_claim-3Fid-3D7&d=DwMF&c=x&r=y',
    'proofpoint-v3': 'https://urldefense.com/v3/__https://investhk-verify.example/claim*id=7__;Pw!!AbC!dEf$',
    linkedin: `https://www.linkedin.com/redir/redirect?url=${e}&urlhash=abc`,
    slack: `https://slack-redir.net/link?url=${e}`,
    youtube: `https://www.youtube.com/redirect?event=comments&q=${e}`,
    barracuda: `https://linkprotect.cudasvc.com/url?a=${e}&c=E,1`,
    'google-amp': 'https://www.google.com/amp/s/investhk-verify.example/claim?id=7',
    wechat: `https://weixin110.qq.com/cgi-bin/mmspamsupport-bin/newredirectconfirmcgi?main_type=2&evil_type=0&source=2&url=${e}`,
    wecom: `https://open.work.weixin.qq.com/wwopen/uriconfirm?uri=${e}`,
    vk: `https://vk.com/away.php?to=${e}`,
    steam: `https://steamcommunity.com/linkfilter/?url=${e}`,
  };

  it.each(REDIRECT_WRAPPERS.filter((w) => w.encoding.kind !== 'opaque').map((w) => w.id))('%s is unwrapped and the target judged', (id) => {
    const url = EXAMPLES[id];
    expect(url, `add an example for wrapper ${id}`).toBeDefined();
    const v = m.matchUrl(url!);
    expect(v.verdict).toBe('blocklisted');
    expect(v.target).toBe(target);
    expect(v.reasons).toEqual([`unwrapped-redirect:${id}`, 'scam-host']);
  });

  it('Google also carries the target in q=, on any country domain', () => {
    expect(m.matchUrl(`https://www.google.co.uk/url?q=${e}`).verdict).toBe('blocklisted');
    expect(m.matchUrl(`https://google.de/url?q=${e}`).verdict).toBe('blocklisted');
  });

  it('nested wrappers are unwrapped in order', () => {
    const inner = `https://www.google.com/url?q=${e}`;
    const v = m.matchUrl(`https://eur03.safelinks.protection.outlook.com/?url=${encodeURIComponent(inner)}`);
    expect(v.verdict).toBe('blocklisted');
    expect(v.reasons).toEqual(['unwrapped-redirect:safelinks', 'unwrapped-redirect:google', 'scam-host']);
  });

  it(`unwrapping stops after ${MAX_UNWRAP_DEPTH} levels, and deeper nesting is itself suspicious`, () => {
    let url = 'https://harmless.example/';
    for (let i = 0; i < MAX_UNWRAP_DEPTH + 2; i++) url = `https://www.google.com/url?q=${encodeURIComponent(url)}`;
    const v = m.matchUrl(url);
    expect(v.reasons.filter((r) => r.startsWith('unwrapped-redirect:'))).toHaveLength(MAX_UNWRAP_DEPTH);
    expect(v.reasons).toContain('redirect-nesting-too-deep');
    expect(v.verdict).toBe('deceptive-link');
    expect(v.severity).toBe('caution');
    // Exactly the limit is still unwrapped to the end and judged by its target.
    let atLimit = 'https://harmless.example/';
    for (let i = 0; i < MAX_UNWRAP_DEPTH; i++) atLimit = `https://www.google.com/url?q=${encodeURIComponent(atLimit)}`;
    expect(m.matchUrl(atLimit).verdict).toBe('unrelated');
  });

  it('a wrapper around the official site is official; a wrapper path it does not use is left alone', () => {
    expect(m.matchUrl(`https://www.google.com/url?q=${encodeURIComponent('https://www.investhk.gov.hk/en/')}`).verdict).toBe('official');
    expect(m.matchUrl(`https://www.google.com/search?q=${e}`).verdict).toBe('unrelated');
    expect(m.matchUrl('https://www.google.com/url?q=javascript:alert(1)').reasons).toEqual([]);
  });

  it('a path-level entry matches the unwrapped target', () => {
    const v = m.matchUrl(`https://l.facebook.com/l.php?u=${encodeURIComponent('https://sites.example-hosting.net/investhk-grant/apply')}`);
    expect(v.verdict).toBe('blocklisted');
    expect(v.reasons).toEqual(['unwrapped-redirect:facebook', 'scam-url-prefix']);
  });
});

describe('registrable domains with private suffixes (PSL)', () => {
  it.each(['investhk.github.io', 'investhk.blogspot.com', 'investhk.pages.dev', 'investhk-gov-hk.vercel.app', 'www.investhk.netlify.app'])(
    '%s is a lookalike on shared hosting, never official',
    (host) => {
      const v = m.matchUrl(`https://${host}/`);
      expect(v.verdict).toBe('lookalike');
      expect(v.reasons).toContain('shared-hosting-suffix');
    },
  );

  it('other sites on the same shared suffix are unrelated', () => {
    expect(m.matchUrl('https://someone.github.io/').verdict).toBe('unrelated');
    expect(m.matchUrl('https://my-blog.blogspot.com/').verdict).toBe('unrelated');
  });
});

describe('typo thresholds (Damerau-Levenshtein, growing with length)', () => {
  it('allows 0 edits up to 6 characters, 1 for 7–11, 2 from 12', () => {
    expect([4, 6, 7, 11, 12, 15].map(typoThreshold)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it.each([
    ['lnvesthk.com', 'investhk', 'typo-distance-1'], // substitution
    ['invsethk.com', 'investhk', 'typo-distance-1'], // transposition
    ['investk.com', 'investhk', 'typo-distance-1'], // deletion
    ['investhkk-payment.com', 'investhk', 'brand-embedded'], // token inside
    ['investhq-payment.com', 'investhk', 'typo-distance-1'], // typo as a hyphenated word
    ['hongkongpots.com', 'hongkongpost', 'typo-distance-1'],
    ['hongkpngpsot.com', 'hongkongpost', 'typo-distance-2'],
    ['consumercounicl.org', 'consumer-council', 'typo-distance-1'],
    ['hkpogov.hk', 'hongkongpost', 'suffix-glued'], // the official host without its dot (one edit of it)
    ['hongkongpotsparcel.com', 'hongkongpost', 'typo-distance-1'], // typo glued to a word (12+ characters)
  ])('%s imitates %s (%s)', (host, agency, reason) => {
    const v = all.matchUrl(`https://${host}/`);
    expect(v.verdict).toBe('lookalike');
    expect(v.agency).toBe(agency);
    expect(v.reasons).toContain(reason);
  });

  it.each([
    'investor.gov',
    'investing.com',
    'invest.gov.hk',
    'hkpl.gov.hk',
    'hkpc.org',
    'consumer.gov',
    'hongkong.com',
    'hkex.com.hk',
    'investhub.com',
    'investkorea.org',
  ])('%s is too far from any brand', (host) => {
    expect(all.matchUrl(`https://${host}/`).verdict).toBe('unrelated');
  });
});

describe('confusables (UTS #39 skeleton)', () => {
  it.each([
    ['Cyrillic і', 'https://іnvesthk.com/', 'investhk'],
    ['Greek ι', 'https://ιnvesthk.com/', 'investhk'],
    ['Cyrillic о in the official host', 'https://hоngkongpost.hk/', 'hongkongpost'],
    ['Cyrillic с', 'https://сonsumercouncil.com/', 'consumer-council'],
    ['digit zero', 'https://hkp0.gov.hk/', 'hongkongpost'],
    ['rn for m', 'https://consurner.org.hk/', 'consumer-council'],
    ['punycode form', 'https://xn--hngkongpost-rnj.hk/', 'hongkongpost'],
  ])('%s maps back to the official name', (_what, url, agency) => {
    const v = all.matchUrl(url);
    expect(v.verdict).toBe('lookalike');
    expect(v.agency).toBe(agency);
    expect(v.reasons[0]).toBe('confusable-skeleton');
  });

  it('fullwidth letters are mapped by IDNA: to the official host, or to a lookalike', () => {
    expect(m.matchUrl('https://ｗｗｗ.ｉｎｖｅｓｔｈｋ.ｇｏｖ.ｈｋ/').verdict).toBe('official');
    expect(m.matchUrl('https://ｉｎｖｅｓｔｈｋ.top/').verdict).toBe('lookalike');
  });

  it.each([
    'https://政府.香港/',
    'https://中文.tw/',
    'https://香港大學.hk/',
    'https://québec.qc.ca/',
    'https://münchen.de/',
    'https://россия.рф/',
  ])('a genuine non-Latin IDN %s is not suspicious by itself', (url) => {
    expect(all.matchUrl(url).verdict).toBe('unrelated');
  });
});

describe('embeddings, leading labels and TLD swaps', () => {
  it.each([
    ['investhk-payment.com', 'brand-embedded'],
    ['gov-hk-investhk.top', 'brand-embedded'],
    ['investhk.gov.hk-verify.com', 'official-name-embedded'],
    ['www-investhk-gov-hk.example', 'official-name-embedded'],
    ['secure.investhk.gov.hk.pay.top', 'official-name-embedded'],
    ['investhk.gov.hk.secure-verify.example', 'official-as-subdomain'],
    ['investhk.top', 'brand-in-other-domain'],
  ])('%s is a lookalike (%s)', (host, reason) => {
    const v = m.matchUrl(`https://${host}/`);
    expect(v.verdict).toBe('lookalike');
    expect(v.reasons).toContain(reason);
  });

  it.each(['investhk.gov.hk.com', 'investhk.gov.hk.cn', 'www.investhk.gov.hk.net'])('%s is a TLD swap', (host) => {
    const v = m.matchUrl(`https://${host}/`);
    expect(v.verdict).toBe('lookalike');
    expect(v.reasons).toEqual(expect.arrayContaining(['official-as-subdomain', 'tld-swap']));
  });

  it('the official host with its own suffix as words is embedded (hkpo-gov.hk)', () => {
    expect(all.matchUrl('https://hkpo-gov.hk/').reasons).toEqual(['official-name-embedded']);
  });

  it('subdomains of an official domain are official', () => {
    expect(m.matchUrl('https://a.b.investhk.gov.hk/x').verdict).toBe('official');
    expect(all.matchUrl('https://www.hongkongpost.hk/').verdict).toBe('official');
  });
});

describe('path-level scam entries on shared hosts', () => {
  it('match host plus path prefix', () => {
    const v = m.matchUrl('https://sites.example-hosting.net/investhk-grant/apply?x=1');
    expect(v.verdict).toBe('blocklisted');
    expect(v.reasons).toEqual(['scam-url-prefix']);
  });

  it('do not flag the rest of the host, nor its subdomains', () => {
    expect(m.matchUrl('https://sites.example-hosting.net/').verdict).toBe('unrelated');
    expect(m.matchUrl('https://sites.example-hosting.net/other/investhk-grant').verdict).toBe('unrelated');
    expect(m.matchUrl('https://x.sites.example-hosting.net/investhk-grant').verdict).toBe('unrelated');
    expect(m.hasPathEntries('sites.example-hosting.net')).toBe(true);
    expect(m.hasPathEntries('example-hosting.net')).toBe(false);
  });
});

describe('text mentions', () => {
  it.each([
    'Invest Hong Kong',
    'INVEST HONG KONG',
    'investhk',
    'ＩｎｖｅｓｔＨＫ',
    'Invest\u200bHK',
    '投資推廣署',
    '投资推广署',
    '（InvestHK）',
    'InvestHK: ',
  ])('%s names the agency', (name) => {
    const v = m.matchText(`Notice from ${name} today`, 'https://notice.example/');
    expect(v.verdict).toBe('mentions');
    expect(v.agency).toBe('investhk');
    expect(v.severity).toBe('info');
  });

  it.each(['reinvesthk', 'investhkers', 'invest hong kongers', 'Invest in Hong Kong', '投資推廣'])('%s is not the name', (text) => {
    expect(m.matchText(`${text} daily`, 'https://blog.example/').verdict).toBe('unrelated');
  });

  it('names of every agency in the default feed, in every script', () => {
    for (const [text, agency] of [
      ['HKPost parcel', 'hongkongpost'],
      ['香港邮政 包裹', 'hongkongpost'],
      ['Hongkong Post', 'hongkongpost'],
      ['消委会', 'consumer-council'],
    ] as const) {
      expect(all.matchText(text, 'https://x.example/').agency).toBe(agency);
    }
  });

  it.each([
    ['Pay the fee now', 'asks-payment'],
    ['Enter your credit card', 'asks-payment'],
    ['請即付款', 'asks-payment'],
    ['請於今日內繳費', 'asks-payment'],
    ['請提供信用卡資料', 'asks-payment'],
    ['Enter your password', 'asks-personal-data'],
    ['Provide your HKID', 'asks-personal-data'],
    ['請即登入更新資料', 'asks-personal-data'],
  ])('a request (%s) raises a mention to caution', (cue, reason) => {
    const v = m.matchText(`InvestHK: ${cue}`, 'https://notice.example/');
    expect(v.severity).toBe('caution');
    expect(v.reasons).toContain(reason);
  });

  it('sensitive inputs on the page raise a mention to caution', () => {
    const v = m.matchText('Invest Hong Kong grant', 'https://notice.example/', { sensitiveInputs: true });
    expect(v.severity).toBe('caution');
    expect(v.reasons).toContain('sensitive-input');
  });

  it('cue words inside other words do not count', () => {
    expect(m.matchText('InvestHK repays? No: a prepaid feedback form', 'https://notice.example/').severity).toBe('info');
  });

  it('the official site may name itself', () => {
    expect(m.matchText('Invest Hong Kong: pay your fee', 'https://www.investhk.gov.hk/en/').verdict).toBe('official');
  });

  it('matchPage is the louder of the URL and the text', () => {
    expect(m.matchPage('https://investhk-verify.example/', 'hello').verdict).toBe('blocklisted');
    expect(m.matchPage('https://grant.example/', 'InvestHK: pay the fee now').severity).toBe('caution');
  });
});

describe('deceptive links', () => {
  it('text showing the official domain over a wrapped link to elsewhere is deceptive, judged after unwrapping', () => {
    const v = m.matchLink(
      `https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent('https://pay-portal.example/claim')}&data=1`,
      'www.investhk.gov.hk',
      'https://outlook.office.com/mail/',
    );
    expect(v.verdict).toBe('deceptive-link');
    expect(v.target).toBe('https://pay-portal.example/claim');
    expect(v.reasons).toEqual(['unwrapped-redirect:safelinks', 'text-shows-official-domain']);
  });

  it('a wrapped link to the official site under official text is no mismatch', () => {
    const href = `https://nam02.safelinks.protection.outlook.com/?url=${encodeURIComponent('https://www.investhk.gov.hk/en/')}`;
    expect(m.matchLink(href, 'www.investhk.gov.hk', PAGE).verdict).toBe('official');
  });

  it.each([
    'ｗｗｗ．ｉｎｖｅｓｔｈｋ．ｇｏｖ．ｈｋ',
    'Visit investhk.gov.hk today',
    'https://investhk.gov.hk/en/claim?id=1',
    'INVESTHK。GOV。HK',
  ])('text %s shows the official domain', (text) => {
    expect(m.matchLink('https://pay-portal.example/', text, PAGE).verdict).toBe('deceptive-link');
  });

  it('an official subdomain behind official text is fine; a lookalike href stays a lookalike', () => {
    expect(m.matchLink('https://sub.investhk.gov.hk/x', 'www.investhk.gov.hk', PAGE).verdict).toBe('official');
    expect(m.matchLink('https://www.investhk.gov.hk.evil.example/', 'investhk.gov.hk', PAGE).verdict).toBe('lookalike');
  });

  it('text that shows no official domain makes no mismatch', () => {
    expect(m.matchLink('https://pay-portal.example/', 'example.com', PAGE).verdict).toBe('unrelated');
    expect(m.matchLink('https://pay-portal.example/', 'Click here', PAGE).verdict).toBe('unrelated');
  });

  it('a relative href resolves against the page', () => {
    expect(m.matchLink('/claim', 'investhk.gov.hk', 'https://pay-portal.example/x').verdict).toBe('deceptive-link');
  });
});

describe('campaign ended', () => {
  const ended = createMatcher(
    casesFeed({
      campaign: { kind: 'ransomware', since: '2025-02-23', until: '2025-12-31', status: 'ended', summary: { en: 'Over.' } },
    }),
  );

  it('mentions no longer warn', () => {
    const v = ended.matchText('InvestHK: pay the fee with your credit card', 'https://grant.example/');
    expect(v.verdict).toBe('mentions');
    expect(v.severity).toBe('none');
    expect(v.reasons).toContain('campaign-ended');
  });

  it('lookalikes, deceptive links and known scam hosts stay dangerous', () => {
    expect(ended.matchUrl('https://lnvesthk.com/').severity).toBe('danger');
    expect(ended.matchUrl('https://investhk-verify.example/').severity).toBe('danger');
    expect(ended.matchLink('https://pay.example/', 'investhk.gov.hk', PAGE).severity).toBe('danger');
  });

  it('an active campaign whose until date has passed is over, judged by the clock', () => {
    const feed = casesFeed({
      campaign: { kind: 'ransomware', since: '2025-02-23', until: '2025-06-30', status: 'active', summary: { en: 'x' } },
    });
    const before = createMatcher(feed, { now: () => Date.parse('2025-06-30T12:00:00Z') });
    const after = createMatcher(feed, { now: () => Date.parse('2025-07-01T00:00:01Z') });
    expect(before.matchText('InvestHK: pay the fee now', 'https://a.example/').severity).toBe('caution');
    expect(after.matchText('InvestHK: pay the fee now', 'https://a.example/').severity).toBe('none');
  });
});
