/**
 * What changed between two versions of a feed, for `scam-alert feed diff` and for review
 * before publishing: agencies added, removed and changed (with the changed fields),
 * official and scam domains added and removed, help contacts added and removed.
 */
import type { Agency, Feed } from './feed-schema';
import { canonicalJson } from './canonical-json';

export interface AgencyChange {
  id: string;
  /** Top-level agency fields whose value differs (`hotline`, `campaign`, …). */
  fields: string[];
  officialAdded: string[];
  officialRemoved: string[];
  scamAdded: string[];
  scamRemoved: string[];
}

export interface FeedDiff {
  header: Array<{ field: string; old: unknown; new: unknown }>;
  agenciesAdded: string[];
  agenciesRemoved: string[];
  agenciesChanged: AgencyChange[];
  helpAdded: string[];
  helpRemoved: string[];
  helpChanged: string[];
  /** Domains (official or scam) in NEW that were not in OLD, across all agencies. */
  domainsAdded: string[];
  domainsRemoved: string[];
}

const HEADER_FIELDS = ['format_version', 'feed_id', 'sequence', 'issued_at', 'expires_at', 'refresh_interval_minutes'] as const;

function scamKey(e: Agency['scam_entries'][number]): string {
  return `${e.host}${e.path_prefix ?? ''}`;
}

function minus(a: readonly string[], b: readonly string[]): string[] {
  const set = new Set(b);
  return [...new Set(a.filter((x) => !set.has(x)))];
}

function allDomains(feed: Feed): string[] {
  return feed.agencies.flatMap((a) => [...a.official_domains, ...a.scam_entries.map(scamKey)]);
}

/** Compares two feeds. Values are compared by their canonical JSON. */
export function diffFeeds(oldFeed: Feed, newFeed: Feed): FeedDiff {
  const header = HEADER_FIELDS.filter((f) => oldFeed[f] !== newFeed[f]).map((f) => ({ field: f, old: oldFeed[f], new: newFeed[f] }));
  const oldAgencies = new Map(oldFeed.agencies.map((a) => [a.id, a]));
  const newAgencies = new Map(newFeed.agencies.map((a) => [a.id, a]));
  const agenciesChanged: AgencyChange[] = [];
  for (const [id, n] of newAgencies) {
    const o = oldAgencies.get(id);
    if (!o) continue;
    const keys = [...new Set([...Object.keys(o), ...Object.keys(n)])] as Array<keyof Agency>;
    const fields = keys.filter((k) => canonicalJson(o[k] ?? null) !== canonicalJson(n[k] ?? null)).sort();
    if (fields.length === 0) continue;
    agenciesChanged.push({
      id,
      fields,
      officialAdded: minus(n.official_domains, o.official_domains),
      officialRemoved: minus(o.official_domains, n.official_domains),
      scamAdded: minus(n.scam_entries.map(scamKey), o.scam_entries.map(scamKey)),
      scamRemoved: minus(o.scam_entries.map(scamKey), n.scam_entries.map(scamKey)),
    });
  }
  const oldHelp = new Map(oldFeed.help.map((h) => [h.id, h]));
  const newHelp = new Map(newFeed.help.map((h) => [h.id, h]));
  return {
    header,
    agenciesAdded: [...newAgencies.keys()].filter((id) => !oldAgencies.has(id)),
    agenciesRemoved: [...oldAgencies.keys()].filter((id) => !newAgencies.has(id)),
    agenciesChanged,
    helpAdded: [...newHelp.keys()].filter((id) => !oldHelp.has(id)),
    helpRemoved: [...oldHelp.keys()].filter((id) => !newHelp.has(id)),
    helpChanged: [...newHelp.keys()].filter((id) => oldHelp.has(id) && canonicalJson(oldHelp.get(id)) !== canonicalJson(newHelp.get(id))),
    domainsAdded: minus(allDomains(newFeed), allDomains(oldFeed)),
    domainsRemoved: minus(allDomains(oldFeed), allDomains(newFeed)),
  };
}

/** True when the diff found nothing. */
export function isEmptyDiff(d: FeedDiff): boolean {
  return (
    d.header.length +
      d.agenciesAdded.length +
      d.agenciesRemoved.length +
      d.agenciesChanged.length +
      d.helpAdded.length +
      d.helpRemoved.length +
      d.helpChanged.length ===
    0
  );
}
