/**
 * Merges several feeds into the one feed the matcher is built from.
 *
 * Rules (in this order):
 * 1. Feeds are given highest priority first (policy feeds, then user feeds, then the
 *    embedded default feed). Two feeds with the same `feed_id` are one feed: only the one
 *    with the highest `sequence` is kept — so a fetched `hk-default` replaces the embedded copy.
 * 2. An agency id already taken by a higher-priority feed is skipped (no field-level mixing:
 *    an agency's hotline and domains always come from one signed source).
 * 3. An official domain already claimed by another agency is dropped from the later agency;
 *    an agency left without official domains is skipped.
 * 4. A scam entry that equals, covers or lies under any kept official domain is dropped,
 *    so no feed can make another feed's official site look dangerous.
 * 5. Help contacts are merged by id, first wins.
 * The merged header takes the latest `issued_at`, the earliest `expires_at` and the
 * shortest refresh interval. Every skipped item is reported in `dropped`.
 */
import type { Agency, Feed } from './feed-schema';
import { toAsciiHost } from '../match/host';

export interface MergeResult {
  feed: Feed;
  /** Human-readable notes about what was left out and why. */
  dropped: string[];
}

function overlaps(host: string, official: string): boolean {
  return host === official || host.endsWith(`.${official}`) || official.endsWith(`.${host}`);
}

/**
 * Merges feeds, highest priority first.
 *
 * @throws Error when `feeds` is empty.
 */
export function mergeFeeds(feeds: readonly Feed[]): MergeResult {
  if (feeds.length === 0) throw new Error('mergeFeeds needs at least one feed');
  const dropped: string[] = [];
  const byId = new Map<string, Feed>();
  for (const feed of feeds) {
    const seen = byId.get(feed.feed_id);
    if (!seen) byId.set(feed.feed_id, feed);
    else if (feed.sequence > seen.sequence) byId.set(feed.feed_id, feed);
  }
  const kept = [...new Set(feeds.map((f) => byId.get(f.feed_id)!))];
  if (kept.length === 1) return { feed: kept[0]!, dropped };

  const agencies: Agency[] = [];
  const agencyIds = new Set<string>();
  const claimed = new Map<string, string>();
  for (const feed of kept) {
    for (const agency of feed.agencies) {
      if (agencyIds.has(agency.id)) {
        dropped.push(`${feed.feed_id}: agency "${agency.id}" already comes from a higher-priority feed`);
        continue;
      }
      const official = agency.official_domains.filter((d) => {
        const host = toAsciiHost(d) ?? d;
        const owner = claimed.get(host);
        if (owner === undefined) return true;
        dropped.push(`${feed.feed_id}: official domain "${d}" of "${agency.id}" already belongs to "${owner}"`);
        return false;
      });
      if (official.length === 0) {
        dropped.push(`${feed.feed_id}: agency "${agency.id}" has no official domain left`);
        continue;
      }
      for (const d of official) claimed.set(toAsciiHost(d) ?? d, agency.id);
      agencyIds.add(agency.id);
      agencies.push({ ...agency, official_domains: official });
    }
  }
  const result = agencies.map((agency) => ({
    ...agency,
    scam_entries: agency.scam_entries.filter((entry) => {
      const host = toAsciiHost(entry.host) ?? entry.host;
      for (const [official, owner] of claimed) {
        if (overlaps(host, official)) {
          dropped.push(`scam entry "${entry.host}" of "${agency.id}" overlaps the official domain "${official}" of "${owner}"`);
          return false;
        }
      }
      return true;
    }),
  }));

  const helpIds = new Set<string>();
  const help = kept.flatMap((f) => f.help).filter((h) => (helpIds.has(h.id) ? false : (helpIds.add(h.id), true)));
  const first = kept[0]!;
  return {
    feed: {
      ...first,
      feed_id: 'merged',
      sequence: Math.max(...kept.map((f) => f.sequence)),
      issued_at: kept.map((f) => f.issued_at).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)),
      expires_at: kept.map((f) => f.expires_at).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a)),
      refresh_interval_minutes: Math.min(...kept.map((f) => f.refresh_interval_minutes)),
      help,
      agencies: result,
    },
    dropped,
  };
}
