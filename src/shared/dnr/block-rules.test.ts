import { describe, expect, it } from 'vitest';
import { createMatcher } from '../match/matcher';
import { casesFeed, defaultFeed, defaultFeedInput } from '../match/testing/test-feed';
import { parseFeed } from '../feed/validate-feed';
import { allowRule, blockRulesFor, hasEscapedUnreserved, HOSTS_PER_RULE, learnedBlockRule, ruleProblem, type DnrRule } from './block-rules';

const PAGE = 'chrome-extension://abc/src/interstitial/index.html';

/** A small model of declarativeNetRequest matching: the highest-priority matching rule. */
function evaluate(rules: DnrRule[], url: string, tabId = 1): DnrRule | undefined {
  const host = new URL(url).hostname;
  const matching = rules.filter((rule) => {
    const c = rule.condition;
    if (c.tabIds && !c.tabIds.includes(tabId)) return false;
    if (c.requestDomains && !c.requestDomains.some((d) => host === d || host.endsWith(`.${d}`))) return false;
    if (c.regexFilter && !new RegExp(c.regexFilter, c.isUrlFilterCaseSensitive ? '' : 'i').test(url)) return false;
    return true;
  });
  return matching.sort((a, b) => b.priority - a.priority)[0];
}

/** Where the browser goes instead, or null when the request proceeds. */
function redirected(rules: DnrRule[], url: string, tabId = 1): string | null {
  const rule = evaluate(rules, url, tabId);
  if (rule?.action.type !== 'redirect') return null;
  const match = new RegExp(rule.condition.regexFilter!, 'i').exec(url)!;
  // RE2 substitution: \\N is group N, \\\\ a backslash; everything else is literal. The
  // substitution replaces the match only: the rest of the URL stays after it.
  const replacement = rule.action.redirect.regexSubstitution.replace(/\\(\d|\\)/g, (_, g: string) =>
    g === '\\' ? '\\' : (match[Number(g)] ?? ''),
  );
  return url.slice(0, match.index) + replacement + url.slice(match.index + match[0].length);
}

describe('blockRulesFor', () => {
  const feed = casesFeed();
  const { rules, dropped, stats } = blockRulesFor(feed, { interstitialUrl: PAGE });
  const matcher = createMatcher(feed);

  it('blocks exactly what the matcher calls blocklisted or official-as-subdomain', () => {
    const urls = [
      'http://investhk-verify.example/',
      'https://login.investhk-verify.example/pay?x=1',
      'http://investhk-claim.github.io/',
      'http://203.0.113.7/x',
      'http://sites.example-hosting.net/investhk-grant/form',
      'http://sites.example-hosting.net/other-page',
      'http://sites.example-hosting.net/INVESTHK-GRANT/',
      'http://investhk.gov.hk.secure-pay.top/pay',
      'http://investhk.gov.hk.secure-pay.top:8080/pay',
      'https://www.investhk.gov.hk.evil.cn',
      'https://www.investhk.gov.hk/',
      'https://investhk.gov.hk/en/',
      'http://investhk.gov.hk:8080/',
      'http://lnvesthk.gov.hk/',
      'http://notinvesthk.gov.hk.example.com/',
      'http://news.example.com/investhk.gov.hk.x',
      'http://news.example.com/?u=http://investhk.gov.hk.evil.top/',
    ];
    for (const url of urls) {
      const verdict = matcher.matchUrl(url);
      const expected =
        verdict.verdict === 'blocklisted' || (verdict.verdict === 'lookalike' && verdict.reasons.includes('official-as-subdomain'));
      expect({ url, blocked: redirected(rules, url) !== null }).toEqual({ url, blocked: expected });
    }
    expect(dropped).toEqual([]);
    expect(stats).toMatchObject({ scamHosts: 3, scamPaths: 1, lookalikePatterns: 1 });
  });

  it('redirects to the interstitial with the whole blocked URL in the fragment', () => {
    expect(redirected(rules, 'http://investhk-verify.example/pay?a=1&b=$2')).toBe(`${PAGE}#http://investhk-verify.example/pay?a=1&b=$2`);
    expect(redirected(rules, 'http://investhk.gov.hk.secure-pay.top/pay')).toBe(`${PAGE}#http://investhk.gov.hk.secure-pay.top/pay`);
  });

  it('covers the tab and the frames in it, with unique ids', () => {
    for (const rule of rules) expect(rule.condition.resourceTypes).toEqual(['main_frame', 'sub_frame']);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('never blocks an official domain that starts with another official domain', () => {
    const input = defaultFeedInput();
    input.agencies[0]!.official_domains = ['example.com', 'example.com.hk'];
    const { rules: twoOfficial } = blockRulesFor(parseFeed(input), { interstitialUrl: PAGE });
    expect(redirected(twoOfficial, 'https://www.example.com.hk/')).toBeNull();
    expect(redirected(twoOfficial, 'https://example.com.evil.top/')).not.toBeNull();
  });

  it('the default feed pre-blocks the official-as-leading-labels lookalikes of all three agencies', () => {
    const { rules: defaults, stats: s } = blockRulesFor(defaultFeed(), { interstitialUrl: PAGE });
    expect(s.lookalikePatterns).toBe(5);
    expect(redirected(defaults, 'http://hongkongpost.hk.track-parcel.info/')).toBe(`${PAGE}#http://hongkongpost.hk.track-parcel.info/`);
    expect(redirected(defaults, 'https://www.hongkongpost.hk/')).toBeNull();
  });

  it('groups many hosts per rule and drops by priority beyond the regex budget', () => {
    const input = defaultFeedInput();
    input.agencies[0]!.scam_entries = [
      ...Array.from({ length: HOSTS_PER_RULE * 2 + 5 }, (_, i) => ({ host: `scam${i}.example` })),
      { host: 'shared.example', path_prefix: '/a' },
      { host: 'shared.example', path_prefix: '/b' },
    ];
    const big = parseFeed(input);
    const all = blockRulesFor(big, { interstitialUrl: PAGE });
    expect(all.stats.scamHosts).toBe(HOSTS_PER_RULE * 2 + 5);
    expect(all.rules.filter((r) => r.condition.requestDomains && r.action.type === 'redirect')).toHaveLength(3);
    // Budget of 55 regex rules minus the 50 reserved for "continue anyway": 5.
    const tight = blockRulesFor(big, { interstitialUrl: PAGE, maxRegexRules: 55 });
    expect(tight.stats).toMatchObject({ scamHosts: HOSTS_PER_RULE * 2 + 5, scamPaths: 2, lookalikePatterns: 0, regexRules: 5 });
    expect(tight.dropped.length).toBe(6);
    expect(tight.dropped[0]).toMatch(/percent-escaped paths on shared.example/);
    expect(tight.dropped[1]).toMatch(/lookalike pattern/);
  });
});

describe('path rules in the normal form (trust model, issue 12)', () => {
  const input = defaultFeedInput();
  input.agencies[0]!.scam_entries = [
    { host: 'sites.example-hosting.net', path_prefix: '/investhk' },
    { host: 'sites.example-hosting.net', path_prefix: '/申請' },
    { host: 'other.example-hosting.net', path_prefix: '/x' },
  ];
  const feed = parseFeed(input);
  const { rules, dropped } = blockRulesFor(feed, { interstitialUrl: PAGE });

  it('every regex is ASCII (Chromium refuses the whole update otherwise) and the rules are case-insensitive', () => {
    expect(dropped).toEqual([]);
    for (const rule of rules) expect(ruleProblem(rule)).toBeNull();
    const paths = rules.filter((r) => r.condition.regexFilter?.includes('example-hosting'));
    for (const rule of paths) expect(rule.condition.isUrlFilterCaseSensitive).toBe(false);
  });

  it('blocks every spelling of the prefix, keeps the rest of the URL in the fragment, and leaves other paths alone', () => {
    for (const url of [
      'http://sites.example-hosting.net/investhk/pay?x=1',
      'https://sites.example-hosting.net:8443/INVESTHK/pay',
      'http://sites.example-hosting.net/%69nvesthk/pay',
      'http://sites.example-hosting.net/inv%65sthk',
      `http://sites.example-hosting.net${new URL('http://h/申請/form').pathname}`,
      `http://sites.example-hosting.net${new URL('http://h/申請/form').pathname.toLowerCase()}`,
    ]) {
      expect(redirected(rules, url), url).toBe(`${PAGE}#${url}`);
    }
    expect(redirected(rules, 'http://sites.example-hosting.net/about%20us')).toBeNull();
    expect(redirected(rules, 'http://sites.example-hosting.net/other')).toBeNull();
    expect(redirected(rules, 'http://www.sites.example-hosting.net/investhk')).toBeNull();
    expect(hasEscapedUnreserved('/%69nvesthk')).toBe(true);
    expect(hasEscapedUnreserved('/about%20us%2F')).toBe(false);
  });

  it('ruleProblem catches a non-ASCII regex before the browser does', () => {
    const bad: DnrRule = {
      id: 1,
      priority: 1,
      action: { type: 'allow' },
      condition: { regexFilter: '^https://x/申請', resourceTypes: ['main_frame'] },
    };
    expect(ruleProblem(bad)).toMatch(/non-ASCII/);
  });

  it('agencies from user feeds: their official domains do not unblock a higher agency’s lookalike pattern', () => {
    const input2 = defaultFeedInput();
    input2.agencies.push({
      ...structuredClone(input2.agencies[0]!),
      id: 'payments',
      names: { en: 'Payments' },
      aliases: [],
      official_domains: ['secure-pay.top'],
      brand_tokens: undefined,
    });
    const merged = parseFeed(input2);
    const ranked = blockRulesFor(merged, { interstitialUrl: PAGE, lowerRanked: new Set(['payments']) });
    expect(redirected(ranked.rules, 'http://investhk.gov.hk.secure-pay.top/pay')).not.toBeNull();
    expect(redirected(ranked.rules, 'http://secure-pay.top/')).toBeNull();
    // Without the ranking, the claim would unblock it: the reason for the tiers.
    const flat = blockRulesFor(merged, { interstitialUrl: PAGE });
    expect(redirected(flat.rules, 'http://investhk.gov.hk.secure-pay.top/pay')).toBeNull();
  });
});

describe('allowRule', () => {
  it('lets one tab through to exactly one host, above the blocking rules', () => {
    const { rules } = blockRulesFor(casesFeed(), { interstitialUrl: PAGE });
    const withAllow = [...rules, allowRule(9000, 7, 'investhk.gov.hk.secure-pay.top')];
    expect(redirected(withAllow, 'http://investhk.gov.hk.secure-pay.top:8080/pay', 7)).toBeNull();
    expect(redirected(withAllow, 'http://investhk.gov.hk.secure-pay.top/pay', 8)).not.toBeNull();
    expect(redirected(withAllow, 'http://www.investhk.gov.hk.secure-pay.top/pay', 7)).not.toBeNull();
    expect(redirected(withAllow, 'http://investhk-verify.example/', 7)).not.toBeNull();
  });
});

describe('learnedBlockRule', () => {
  it('redirects a host the engine judged to the warning page, below official domains and "continue anyway"', () => {
    const { rules } = blockRulesFor(defaultFeed(), { interstitialUrl: PAGE });
    const learned = learnedBlockRule(900_000, ['invest-hk.gov-hk.support', 'investhk.gov.hk'], { interstitialUrl: PAGE });
    const all = [...rules, learned];
    expect(redirected(all, 'https://invest-hk.gov-hk.support/pay?ref=1')).toBe(`${PAGE}#https://invest-hk.gov-hk.support/pay?ref=1`);
    // Even a host learned by mistake cannot block an official domain.
    expect(redirected(all, 'https://www.investhk.gov.hk/')).toBeNull();
    expect(redirected([...all, allowRule(1_000_001, 3, 'invest-hk.gov-hk.support')], 'https://invest-hk.gov-hk.support/', 3)).toBeNull();
  });
});
