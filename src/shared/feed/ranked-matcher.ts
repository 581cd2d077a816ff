/**
 * A matcher that keeps the trust model's ranking in its verdicts: an agency from a user
 * feed can never make a page look safe, or claim a mention, when the higher-ranked feeds
 * (policy and embedded) say something about it.
 *
 * Design note. `mergeFeeds` refuses a user agency whose official domains the higher feeds
 * judge as imitations, but an official domain covers its subdomains: a user feed claiming
 * `secure-pay.top` would make `investhk.gov.hk.secure-pay.top` "official" in a single
 * matcher, because official domains are looked up before lookalike rules. So two matchers
 * are built: one from the higher-ranked agencies only (`high`) and one from everything
 * (`all`, which also has the scam entries that user feeds add). When `all` names a
 * lower-ranked agency, `high` is asked too, and its verdict wins when it is at least as
 * severe: a user agency only speaks where the higher sources have nothing to say.
 * Pure: no `browser.*`, no DOM.
 */
import type { Feed } from './feed-schema';
import { createMatcher, type Matcher, type MatcherOptions, type PageSignals } from '../match/matcher';
import { compareSeverity, type Verdict } from '../match/verdict';

/**
 * Builds the matcher for a merged feed.
 *
 * @param feed - the merged feed (`mergeFeeds(...).feed`).
 * @param lowerRanked - ids of the agencies that come from user feeds
 *   (`agencyProvenance[id].source === 'user'`).
 * @param options - as for `createMatcher`.
 */
export function createRankedMatcher(feed: Feed, lowerRanked: ReadonlySet<string>, options: MatcherOptions = {}): Matcher {
  const all = createMatcher(feed, options);
  if (lowerRanked.size === 0 || !feed.agencies.some((a) => lowerRanked.has(a.id))) return all;
  const high = createMatcher({ ...feed, agencies: feed.agencies.filter((a) => !lowerRanked.has(a.id)) }, options);
  const ranked = (v: Verdict, ask: () => Verdict): Verdict => {
    if (!v.agency || !lowerRanked.has(v.agency)) return v;
    const h = ask();
    return h.agency !== null && compareSeverity(h.severity, v.severity) >= 0 ? h : v;
  };
  return {
    ...all,
    matchUrl: (url, base) => ranked(all.matchUrl(url, base), () => high.matchUrl(url, base)),
    matchLink: (href, text, pageUrl) => ranked(all.matchLink(href, text, pageUrl), () => high.matchLink(href, text, pageUrl)),
    matchText: (text: string, pageUrl: string, signals?: PageSignals) =>
      ranked(all.matchText(text, pageUrl, signals), () => high.matchText(text, pageUrl, signals)),
    matchPage: (pageUrl: string, text: string, signals?: PageSignals) =>
      ranked(all.matchPage(pageUrl, text, signals), () => high.matchPage(pageUrl, text, signals)),
  };
}
