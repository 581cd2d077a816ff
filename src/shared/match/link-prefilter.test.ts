/**
 * The link prefilter may only ever keep ordinary links in the page: every URL the engine
 * flags in a link, in every accuracy suite we have (generated lookalikes of every official
 * domain, real phishing hosts from advisories, the public lookalike suites, the demo pages,
 * links whose text shows an official domain), must pass it. It must also keep most ordinary
 * hosts out (measured on the real-domain corpora), or it saves nothing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineSuiteScore } from '../../../test/support/public-suites';
import { legitHosts, phishingHosts, realWorldFeed } from '../../../test/support/real-world-set';
import type { Feed } from '../feed/feed-schema';
import {
  anchorsPattern,
  compileLinkPrefilter,
  HOST_ANSWERS_LIMIT,
  mayFlagLink,
  prefilterKey,
  serializedUrlParts,
  settleHosts,
  type LinkPrefilter,
} from './link-prefilter';
import { casesFeed } from './testing/test-feed';
import { createMatcher, type Matcher } from './matcher';
import { generateLookalikes } from './testing/generate-lookalikes';
import { defaultFeed } from './testing/test-feed';
import { isWarning } from './verdict';
import { readCorpus } from '../../../test/support/corpus';

const ROOT = resolve(import.meta.dirname, '../../..');

/** The prefilter as the content script runs it, for one feed. */
function prefilterFor(matcher: Matcher): (href: string, text?: string) => boolean {
  const prefilter = compileLinkPrefilter(matcher.linkPrefilter());
  return (href, text = '') => {
    const { protocol, hostname, pathname } = new URL(href);
    return mayFlagLink({ protocol, hostname, pathname, text }, prefilter);
  };
}

/** A link as `<a>` gives it. */
function link(href: string, text = ''): { protocol: string; hostname: string; pathname: string; text: string } {
  const { protocol, hostname, pathname } = new URL(href);
  return { protocol, hostname, pathname, text };
}

/** Links (href, text) the matcher flags that the prefilter would keep in the page. */
function missedBy(feed: Feed, links: ReadonlyArray<{ href: string; text?: string }>): { flagged: number; missed: string[] } {
  const matcher = createMatcher(feed);
  const passes = prefilterFor(matcher);
  let flagged = 0;
  const missed: string[] = [];
  for (const { href, text = '' } of links) {
    if (!isWarning(matcher.matchLink(href, text).severity)) continue;
    flagged++;
    if (!passes(href, text)) missed.push(`${href} ${text}`.trim());
  }
  return { flagged, missed };
}

describe('anchorsPattern', () => {
  it('finds an anchor anywhere in a host, across separators and in ASCII-confusable spellings', () => {
    const re = new RegExp(anchorsPattern(['investhk', 'wsd']));
    for (const host of ['investhk.com', 'pay-invest-hk.top', 'invest.hk.example', 'lnvesthk.com'.replace('l', 'i'), 'wsd-gov.help'])
      expect(re.test(prefilterKey(host)), host).toBe(true);
    // `rn` reads as `m`, `0` as `o`, `1` as `l`: the engine folds them before its rules.
    const folded = new RegExp(anchorsPattern(['consumer', 'hkpost', 'mall']));
    for (const host of ['consurner.org', 'hkp0st.com', 'rna11.example']) expect(folded.test(prefilterKey(host)), host).toBe(true);
    for (const host of ['example.com', 'news.bbc.co.uk', 'investor.gov']) expect(re.test(prefilterKey(host)), host).toBe(false);
  });

  it('keeps the shortest anchors only and escapes what it is given', () => {
    expect(anchorsPattern(['investhk', 'vest', 'investhkgovhk'])).toBe('vest');
    expect(anchorsPattern([])).toBe('');
    const re = new RegExp(anchorsPattern(['[2001:db8::1]', 'a+b']));
    expect(re.test('[2001:db8::1]')).toBe(true);
    expect(re.test('a+b')).toBe(true);
    expect(re.test('aab')).toBe(false);
  });
});

describe('serializedUrlParts', () => {
  it('reads protocol and hostname as the WHATWG URL parser does, for every serialized URL', () => {
    const hosts = [...readCorpus('legit-popular.txt'), ...readCorpus('legit-hk.txt'), ...phishingHosts('dev').map((h) => h.host)];
    const inputs = [
      ...hosts.map((h) => `https://${h}/path?q=1#x`),
      'http://user:p%40ss@Example.COM:8080/a@b?c=@#@',
      'https://[2001:db8::1]:8443/x',
      'http://203.0.113.7/',
      'https://0x7f.1/',
      'https://香港郵政.com/繳費',
      'https://example.com./',
      'https://ınvesthk.com/',
      'mailto:help@example.org',
      'tel:+85231071000',
      'javascript:void(0)',
      'data:text/html,hi',
      'ftp://files.example.net/a',
      'file:///etc/hosts',
      'https://a.b.c.d.example.co.uk:443/',
      'HTTPS://WWW.INVESTHK.GOV.HK',
      'https://user@investhk.gov.hk.evil.top/',
    ];
    for (const input of inputs) {
      const url = new URL(input);
      expect(serializedUrlParts(url.href), input).toEqual({ protocol: url.protocol, hostname: url.hostname });
    }
  });
});

describe('mayFlagLink', () => {
  const prefilter = (): LinkPrefilter => compileLinkPrefilter(createMatcher(defaultFeed()).linkPrefilter());

  it('keeps ordinary links in the page and sends what could be flagged', () => {
    const p = prefilter();
    expect(mayFlagLink(link('https://www.bbc.co.uk/news', 'News'), p)).toBe(false);
    expect(mayFlagLink(link('https://investhk-pay.top/', 'Pay'), p)).toBe(true);
    // IDN hosts are judged through their Unicode form, which the pattern cannot read.
    expect(mayFlagLink(link('https://香港郵政.com/'), p)).toBe(true);
    // mailto: and tel: links are judged by their domain or number with the text around them.
    expect(mayFlagLink({ protocol: 'mailto:', hostname: '', pathname: 'help@example.org', text: 'Write to us' }, p)).toBe(true);
    expect(mayFlagLink({ protocol: 'tel:', hostname: '', pathname: '+85231071000', text: 'Call' }, p)).toBe(true);
  });

  it('sends what a redirect wrapper reads (by host and path), however the destination is encoded', () => {
    const p = prefilter();
    expect(mayFlagLink(link('https://www.google.com/search?q=weather'), p)).toBe(false);
    expect(mayFlagLink(link('https://www.google.com/url?q=https%3A%2F%2F%69nvesthk-pay.top%2F'), p)).toBe(true);
    expect(mayFlagLink(link('https://urldefense.com/v3/__https://*nvesthk-pay.top/__;aQ!!x'), p)).toBe(true);
    expect(mayFlagLink(link('https://eur01.safelinks.protection.outlook.com/?url=x'), p)).toBe(true);
    expect(mayFlagLink(link('https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=x'), p)).toBe(true);
    expect(mayFlagLink(link('https://www.youtube.com/watch?v=x'), p)).toBe(false);
  });

  it('sends a link whose text may show an official domain, in any script or width', () => {
    const p = prefilter();
    for (const text of [
      'www.investhk.gov.hk',
      'INVESTHK.GOV.HK',
      'ｗｗｗ．ｉｎｖｅｓｔｈｋ．ｇｏｖ．ｈｋ',
      'investhk。gov。hk',
      '投資推廣署 investhk．gov．hk',
    ])
      expect(mayFlagLink(link('https://pay.example/', text), p), text).toBe(true);
    expect(mayFlagLink({ protocol: 'javascript:', hostname: '', pathname: 'void(0)', text: 'investhk.gov.hk' }, p)).toBe(true);
    expect(mayFlagLink({ protocol: 'javascript:', hostname: '', pathname: 'void(0)', text: 'Open menu' }, p)).toBe(false);
    expect(mayFlagLink(link('https://example.com/', 'Version 2.0 notes'), p)).toBe(false);
  });

  it('keeps a bounded number of per-host answers', () => {
    const p = prefilter();
    for (let i = 0; i < HOST_ANSWERS_LIMIT * 2 + 10; i++) mayFlagLink(link(`https://site${i}.example.net/`), p);
    expect(p.hosts.size).toBeLessThanOrEqual(HOST_ANSWERS_LIMIT);
    expect(p.hosts.size).toBeGreaterThan(0);
    expect(mayFlagLink(link('https://investhk-pay.top/'), p)).toBe(true);
  });

  it('keeps links to a host the engine settled in the page, unless their text shows a domain', () => {
    const p = prefilter();
    // "rthk" holds a piece of "investhk": the engine must judge it once.
    expect(mayFlagLink(link('https://www.rthk.hk/news'), p)).toBe(true);
    settleHosts(p, ['www.rthk.hk']);
    expect(mayFlagLink(link('https://www.rthk.hk/other'), p)).toBe(false);
    expect(mayFlagLink(link('https://www.rthk.hk/other', 'www.investhk.gov.hk'), p)).toBe(true);
  });
});

describe('isHostSettled', () => {
  const matcher = createMatcher(casesFeed());
  it('settles hosts whose every link is judged alike and is not dangerous', () => {
    expect(matcher.isHostSettled('www.rthk.hk')).toBe(true);
    expect(matcher.isHostSettled('www.investhk.gov.hk')).toBe(true);
    // A scam host, a lookalike, a host with path-level entries, a redirect wrapper's domain: never.
    expect(matcher.isHostSettled('investhk-verify.example')).toBe(false);
    expect(matcher.isHostSettled('investhk.gov.hk.verify.top')).toBe(false);
    expect(matcher.isHostSettled('sites.example-hosting.net')).toBe(false);
    expect(matcher.isHostSettled('www.google.com')).toBe(false);
  });
});

describe('every link the engine flags passes the prefilter', () => {
  it('generated lookalikes of every official domain (default feed), plainly and behind wrappers', () => {
    const feed = defaultFeed();
    const legit = new Set([...readCorpus('legit-popular.txt'), ...readCorpus('legit-hk.txt')]);
    const links = generateLookalikes(feed, { exclude: legit }).map((g) => ({ href: g.url }));
    const { flagged, missed } = missedBy(feed, links);
    console.log(`[link-prefilter] generated lookalikes: ${links.length} links, ${flagged} flagged, ${missed.length} kept in the page`);
    expect(flagged).toBeGreaterThan(1000);
    expect(missed).toEqual([]);
  }, 60_000);

  it('links whose text shows an official domain but go elsewhere', () => {
    const feed = defaultFeed();
    const links = feed.agencies.flatMap((a) =>
      a.official_domains.flatMap((d) => [
        { href: 'https://pay.example.net/', text: `www.${d}` },
        { href: 'https://pay.example.net/', text: `https://${d}/login`.toUpperCase() },
        { href: 'https://pay.example.net/', text: `www.${d}`.replace(/[a-z.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) },
        { href: 'javascript:void(0)', text: d },
      ]),
    );
    const { flagged, missed } = missedBy(feed, links);
    expect(flagged).toBeGreaterThan(feed.agencies.length);
    expect(missed).toEqual([]);
  });

  it('real phishing hosts from public advisories (real-world set, both parts)', () => {
    const links = [...phishingHosts('dev'), ...phishingHosts('holdout')].map((h) => ({ href: `https://${h.host}/` }));
    const { flagged, missed } = missedBy(realWorldFeed(), links);
    console.log(`[link-prefilter] real-world phishing: ${links.length} hosts, ${flagged} flagged, ${missed.length} kept in the page`);
    expect(flagged).toBeGreaterThan(30);
    expect(missed).toEqual([]);
  });

  it("the public lookalike suites (Chromium's and eth-phishing-detect's cases)", () => {
    const missed: string[] = [];
    let flagged = 0;
    engineSuiteScore((feed) => {
      const matcher = createMatcher(feed);
      const passes = prefilterFor(matcher);
      return {
        matchUrl: (url: string) => {
          const verdict = matcher.matchUrl(url);
          if (isWarning(verdict.severity)) {
            flagged++;
            if (!passes(url)) missed.push(url);
          }
          return verdict;
        },
      };
    });
    console.log(`[link-prefilter] public suites: ${flagged} flagged, ${missed.length} kept in the page`);
    expect(flagged).toBeGreaterThan(100);
    expect(missed).toEqual([]);
  });

  it('every link of the demo pages', () => {
    const dir = resolve(ROOT, 'test/fixtures/demo-site');
    const links: Array<{ href: string; text: string }> = [];
    const walk = (path: string, base: string): void => {
      for (const name of readdirSync(path)) {
        const file = resolve(path, name);
        if (statSync(file).isDirectory()) walk(file, base);
        else if (name.endsWith('.html'))
          for (const m of readFileSync(file, 'utf8').matchAll(/<a\b[^>]*\bhref="([^"]+)"[^>]*>([\s\S]*?)<\/a>/gi)) {
            const href = new URL(m[1]!.replace(/&amp;/g, '&'), `https://${base}/`).href;
            links.push({ href, text: m[2]!.replace(/<[^>]+>/g, '').trim() });
          }
      }
    };
    for (const site of readdirSync(dir)) if (statSync(resolve(dir, site)).isDirectory()) walk(resolve(dir, site), site);
    const { flagged, missed } = missedBy(defaultFeed(), links);
    expect(flagged).toBeGreaterThan(3);
    expect(missed).toEqual([]);
  });
});

describe('what the prefilter keeps in the page', () => {
  it('most ordinary hosts never leave the page', () => {
    const passes = prefilterFor(createMatcher(defaultFeed()));
    const rows: string[] = [];
    for (const [name, hosts] of [
      ['legit-popular.txt', readCorpus('legit-popular.txt')],
      ['legit-hk.txt', readCorpus('legit-hk.txt')],
      ['real-world legit (both parts)', [...legitHosts('dev'), ...legitHosts('holdout')].map((h) => h.host)],
    ] as const) {
      const sent = hosts.filter((h) => passes(`https://${h}/`));
      rows.push(`${name}: ${sent.length}/${hosts.length} sent (${((100 * sent.length) / hosts.length).toFixed(1)} %)`);
      if (name === 'legit-popular.txt') expect(sent.length / hosts.length).toBeLessThan(0.15);
    }
    console.log(`[link-prefilter] ordinary hosts sent to the service worker (default feed): ${rows.join('; ')}`);
  });
});
