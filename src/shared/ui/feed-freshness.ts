/**
 * How fresh the active feed is, for the popup's footer and the options page: pure, from
 * the merged active feed, the subscription statuses and a clock.
 */
import type { Feed } from '../feed/feed-schema';
import { htmlLang, type UiLanguage } from '../i18n/i18n';
import type { FeedStatus } from '../messaging/protocol';

export interface Freshness {
  /** `expired`: past `expires_at`; `stale`: a subscription is stale; otherwise `fresh`. */
  state: 'fresh' | 'stale' | 'expired';
  issuedAt: string;
  expiresAt: string;
  /** The latest finished update check of any subscription (ISO), or null if none ran. */
  lastCheckedAt: string | null;
  /** True when only the embedded feed is in use (it is never fetched). */
  embeddedOnly: boolean;
}

function latest(values: ReadonlyArray<string | null>): string | null {
  let best: string | null = null;
  for (const v of values) if (v && (!best || Date.parse(v) > Date.parse(best))) best = v;
  return best;
}

/**
 * The freshness of `feed`.
 *
 * @param feed - the merged active feed.
 * @param statuses - every subscription's status (embedded, user, policy).
 * @param now - the clock, in ms since the epoch.
 */
export function feedFreshness(feed: Feed, statuses: readonly FeedStatus[], now: number): Freshness {
  const remote = statuses.filter((s) => s.source !== 'embedded');
  let state: Freshness['state'] = 'fresh';
  if (Date.parse(feed.expires_at) <= now || statuses.some((s) => s.state === 'expired' && s.feedId === feed.feed_id)) {
    state = 'expired';
  } else if (remote.some((s) => s.state === 'stale')) {
    // An expired subscription no longer counts (the popup names it separately).
    state = 'stale';
  }
  return {
    state,
    issuedAt: feed.issued_at,
    expiresAt: feed.expires_at,
    lastCheckedAt: latest(statuses.map((s) => s.lastCheckedAt)),
    embeddedOnly: remote.length === 0,
  };
}

/** Dates follow Hong Kong conventions: "23 February 2025", "2025年2月23日". */
function dateLocale(lang: UiLanguage): string {
  return lang === 'en' ? 'en-HK' : htmlLang(lang);
}

/** A date and time for people, in the UI language (e.g. "29 Nov 2026, 09:41"). */
export function formatDateTime(iso: string, lang: UiLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A calendar date (YYYY-MM-DD, as in campaigns) for people, in the UI language. */
export function formatDate(isoDate: string, lang: UiLanguage): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
