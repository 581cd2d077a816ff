/**
 * A {@link Matcher} that answers what needs only the feed (its agencies, whether a campaign
 * is active) at once, and builds the real matcher on the first question that needs the
 * engine (a URL, a link, a message). The popup uses it: someone typing an agency's name to
 * find its hotline should not wait for the word lists, confusables and segmentation tables
 * to be built (tens of milliseconds on a cold start; `npm run bench:browser`).
 */
import type { Agency, Feed } from '../feed/feed-schema';
import { campaignActive, type Matcher, type MatcherOptions } from './matcher';

/**
 * @param feed - the validated feed the real matcher is built from.
 * @param build - builds the real matcher (called at most once, on first need).
 * @param options - the clock for campaign dates (as for `createMatcher`).
 */
export function lazyMatcher(feed: Feed, build: () => Matcher, options: MatcherOptions = {}): Matcher {
  const now = options.now ?? Date.now;
  let built: Matcher | undefined;
  const real = (): Matcher => (built ??= build());
  const byId = new Map(feed.agencies.map((a) => [a.id, a]));
  return {
    agencies: feed.agencies,
    agency: (id: string) => byId.get(id),
    isCampaignActive: (agency: Agency) => campaignActive(agency, now()),
    matchUrl: (url, base) => real().matchUrl(url, base),
    matchLink: (href, text, pageUrl, context) => real().matchLink(href, text, pageUrl, context),
    matchMessage: (text, messageOptions) => real().matchMessage(text, messageOptions),
    locateMentions: (text) => real().locateMentions(text),
    matchText: (text, pageUrl, signals) => real().matchText(text, pageUrl, signals),
    matchPage: (pageUrl, text, signals) => real().matchPage(pageUrl, text, signals),
    hasPathEntries: (host) => real().hasPathEntries(host),
    mentionNeedles: () => real().mentionNeedles(),
    mentionPrefilter: () => real().mentionPrefilter(),
    linkPrefilter: () => real().linkPrefilter(),
    isHostSettled: (host) => real().isHostSettled(host),
  } satisfies Matcher;
}
