/**
 * Merges the feeds in use into the one feed the matcher is built from, under the trust
 * model (`trust-model.ts`, `docs/feed-format.md` "Trust model").
 *
 * Design note. The banner's value is one sentence: "this is the agency's genuine hotline".
 * A feed that a scam message talked someone into adding must not be able to change that
 * sentence for an agency that a higher source defines. So:
 * 1. Feeds are ranked by source: policy, then embedded, then user; within a source, in
 *    the order given. A feed's identity is its source and URL. Expired feeds (other than the
 *    embedded one, the floor) are left out.
 * 2. Feed ids: a policy feed with the embedded feed's id replaces the embedded copy (the
 *    organisation decides); a user feed with the embedded or a policy feed's id is refused
 *    (`reserved-feed-id`); a second feed with an id already in use is left out.
 * 3. Agencies, highest rank first. A lower agency that matches a kept one — same id, an
 *    official domain equal to, under or above one of the kept agency's, or a name or alias
 *    that folds to the same text — never changes it: only its scam entries are added to
 *    the kept agency (they can only add danger), and when its identity fields (names,
 *    official domains, hotline, other phones, email, website, promise) differ, that is a
 *    conflict, reported. Equal identity fields (the same agency republished) are no conflict.
 * 4. A user agency whose official domain the higher feeds judge `lookalike` or
 *    `blocklisted` (`investhk-claim.github.io`, `secure-pay.top` claims aside) is refused:
 *    nobody can make an imitation of a higher agency's site "official". (`ranked-matcher.ts`
 *    also keeps a higher lookalike verdict above a lower `official` one for subdomains.)
 * 5. Help contacts come from policy and embedded feeds only: they are shown in every
 *    banner, whatever agency it is about.
 * 6. A scam entry that equals, covers or lies under any kept official domain is dropped, so
 *    no feed can make an official site look dangerous.
 * Every kept agency and every scam entry added to another feed's agency keeps its
 * provenance (feed id, source, URL, publisher), so every warning can say where it came from.
 * The merged header takes the latest `issued_at`, the earliest `expires_at` and the
 * shortest refresh interval.
 */
import type { Agency, Feed, ScamEntry } from './feed-schema';
import { SOURCE_RANK, type FeedSource, type Provenance } from './trust-model';
import { createMatcher } from '../match/matcher';
import { toAsciiHost } from '../match/host';
import { foldText } from '../match/normalize-text';

/** A feed with where it comes from. */
export interface SourcedFeed {
  feed: Feed;
  source: FeedSource;
  /** The feed's URL; null for the embedded feed. */
  url: string | null;
}

export type ConflictReason =
  'reserved-feed-id' | 'duplicate-feed-id' | 'same-agency-id' | 'official-domain' | 'same-name' | 'lookalike-domain';

/** Something a lower-ranked feed tried that the trust model did not let it do. */
export interface FeedConflict {
  /** The lower-ranked feed. */
  feedId: string;
  source: FeedSource;
  url: string | null;
  /** Its agency concerned (null when the whole feed was left out). */
  agency: string | null;
  /** The higher-ranked feed (and agency) it collided with. */
  against: { feedId: string; source: FeedSource; agency: string | null };
  reason: ConflictReason;
  /** Identity fields whose values differ (for agency conflicts). */
  fields: string[];
  /** Plain words for the log and the options page. */
  message: string;
}

/** A scam entry added to an agency by another feed than the one that defines the agency. */
export interface EntryProvenance {
  agency: string;
  host: string;
  pathPrefix: string | null;
  provenance: Provenance;
}

export interface MergeResult {
  feed: Feed;
  /** Where each merged agency (by id) comes from. */
  agencyProvenance: Record<string, Provenance>;
  /** Scam entries that come from another feed than their agency. */
  entryProvenance: EntryProvenance[];
  conflicts: FeedConflict[];
  /** Feeds left out because they expired (the embedded feed never is). */
  expired: Array<Pick<Provenance, 'feedId' | 'source' | 'url'>>;
  /** Human-readable notes about what was left out and why. */
  dropped: string[];
}

export interface MergeOptions {
  /** The clock for expiry, ms since the epoch; without it nothing counts as expired. */
  now?: number;
}

/** The identity fields of an agency: a lower feed may not change any of them. */
export const IDENTITY_FIELDS = ['names', 'official_domains', 'hotline', 'other_phones', 'email', 'website', 'promise'] as const;

function overlaps(host: string, official: string): boolean {
  return host === official || host.endsWith(`.${official}`) || official.endsWith(`.${host}`);
}

function asciiHosts(domains: readonly string[]): string[] {
  return domains.map((d) => toAsciiHost(d) ?? d);
}

function foldedNames(agency: Agency): Set<string> {
  return new Set(
    [agency.names.en, agency.names['zh-Hant'], agency.names['zh-Hans'], ...agency.aliases]
      .filter((n): n is string => !!n)
      .map((n) => foldText(n).trim())
      .filter((n) => n.length > 0),
  );
}

const digits = (phone: string) => phone.replace(/[^\d+]/g, '');

function identityValue(agency: Agency, field: (typeof IDENTITY_FIELDS)[number]): string {
  switch (field) {
    case 'names':
      return JSON.stringify([agency.names.en, agency.names['zh-Hant'] ?? '', agency.names['zh-Hans'] ?? ''].map((n) => foldText(n).trim()));
    case 'official_domains':
      return JSON.stringify([...new Set(asciiHosts(agency.official_domains))].sort());
    case 'hotline':
      return digits(agency.hotline);
    case 'other_phones':
      return JSON.stringify(agency.other_phones.map((p) => digits(p.number)).sort());
    case 'email':
      return (agency.email ?? '').toLowerCase();
    case 'website':
      return agency.website;
    case 'promise':
      return JSON.stringify(agency.promise);
  }
}

/** Identity fields whose values differ between two agencies. */
export function identityDifferences(a: Agency, b: Agency): string[] {
  return IDENTITY_FIELDS.filter((f) => identityValue(a, f) !== identityValue(b, f));
}

interface Kept {
  agency: Agency;
  provenance: Provenance;
  hosts: string[];
  names: Set<string>;
  entries: ScamEntry[];
}

function provenanceOf(s: SourcedFeed): Provenance {
  return { feedId: s.feed.feed_id, source: s.source, url: s.url, publisher: s.feed.publisher.name };
}

/** Why `agency` speaks for `kept`, or null when it does not. */
function collision(agency: Agency, hosts: readonly string[], names: ReadonlySet<string>, kept: Kept): ConflictReason | null {
  if (agency.id === kept.agency.id) return 'same-agency-id';
  if (hosts.some((h) => kept.hosts.some((k) => overlaps(h, k)))) return 'official-domain';
  for (const n of names) if (kept.names.has(n)) return 'same-name';
  return null;
}

const REASON_WORDS: Record<ConflictReason, string> = {
  'reserved-feed-id': 'uses the id of a feed built in or set by your organisation',
  'duplicate-feed-id': 'has the same feed id as another feed in use',
  'same-agency-id': 'has the same agency id as',
  'official-domain': 'claims an official domain of',
  'same-name': 'has the same name as',
  'lookalike-domain': 'claims as official a domain that imitates',
};

/**
 * Merges feeds under the trust model.
 *
 * @param feeds - the feeds in use with their sources, in any order of sources (ranked here);
 *   within one source, earlier wins.
 * @param options - the clock for expiry.
 * @throws Error when `feeds` is empty.
 */
export function mergeFeeds(feeds: readonly SourcedFeed[], options: MergeOptions = {}): MergeResult {
  if (feeds.length === 0) throw new Error('mergeFeeds needs at least one feed');
  const dropped: string[] = [];
  const conflicts: FeedConflict[] = [];
  const expired: MergeResult['expired'] = [];
  const ranked = feeds.map((f, i) => ({ f, i })).sort((a, b) => SOURCE_RANK[a.f.source] - SOURCE_RANK[b.f.source] || a.i - b.i);

  // 1–2. Which feeds take part.
  const now = options.now;
  const live = ranked
    .map(({ f }) => f)
    .filter((f) => {
      if (f.source === 'embedded' || now === undefined || Date.parse(f.feed.expires_at) > now) return true;
      expired.push({ feedId: f.feed.feed_id, source: f.source, url: f.url });
      dropped.push(`${f.feed.feed_id} (${f.url ?? f.source}): expired at ${f.feed.expires_at}; not used`);
      return false;
    });
  const reserved = new Map<string, SourcedFeed>();
  for (const f of live) if (f.source !== 'user' && !reserved.has(f.feed.feed_id)) reserved.set(f.feed.feed_id, f);
  const kept: SourcedFeed[] = [];
  const byId = new Map<string, SourcedFeed>();
  for (const f of live) {
    const id = f.feed.feed_id;
    const owner = byId.get(id) ?? (f.source === 'user' ? reserved.get(id) : undefined);
    if (f.source === 'embedded' && owner?.source === 'policy') {
      dropped.push(`${id}: the embedded copy is replaced by the policy feed ${owner.url}`);
      continue;
    }
    if (owner) {
      const reason: ConflictReason = f.source === 'user' && owner.source !== 'user' ? 'reserved-feed-id' : 'duplicate-feed-id';
      const message = `feed ${id} (${f.url ?? f.source}) ${REASON_WORDS[reason]} (${owner.url ?? owner.source}); not used`;
      conflicts.push({
        feedId: id,
        source: f.source,
        url: f.url,
        agency: null,
        against: { feedId: id, source: owner.source, agency: null },
        reason,
        fields: [],
        message,
      });
      dropped.push(message);
      continue;
    }
    byId.set(id, f);
    kept.push(f);
  }

  // 3. Agencies, highest rank first.
  const agencies: Kept[] = [];
  const entryProvenance: EntryProvenance[] = [];
  let highMatcher: ReturnType<typeof createMatcher> | null = null;
  for (const s of kept) {
    const provenance = provenanceOf(s);
    if (s.source === 'user' && highMatcher === null) {
      const high = agencies.map((k) => ({ ...k.agency, scam_entries: k.entries }));
      highMatcher = high.length > 0 ? createMatcher({ ...kept[0]!.feed, agencies: high }) : null;
    }
    for (const agency of s.feed.agencies) {
      const hosts = asciiHosts(agency.official_domains);
      const names = foldedNames(agency);
      let owner: Kept | undefined;
      let reason: ConflictReason | null = null;
      for (const k of agencies) {
        reason = collision(agency, hosts, names, k);
        if (reason) {
          owner = k;
          break;
        }
      }
      if (!owner && s.source === 'user' && highMatcher) {
        for (const host of hosts) {
          const v = highMatcher.matchUrl(`https://${host}/`);
          if ((v.verdict === 'lookalike' || v.verdict === 'blocklisted') && v.agency) {
            owner = agencies.find((k) => k.agency.id === v.agency);
            reason = 'lookalike-domain';
            break;
          }
        }
      }
      if (owner && reason) {
        const fields = reason === 'lookalike-domain' ? ['official_domains'] : identityDifferences(agency, owner.agency);
        if (reason !== 'lookalike-domain') {
          for (const entry of agency.scam_entries) {
            owner.entries.push(entry);
            entryProvenance.push({ agency: owner.agency.id, host: entry.host, pathPrefix: entry.path_prefix ?? null, provenance });
          }
        }
        if (fields.length > 0) {
          const message =
            `agency "${agency.id}" of feed ${s.feed.feed_id} (${s.url ?? s.source}) ${REASON_WORDS[reason]} ` +
            `"${owner.agency.id}" of ${owner.provenance.feedId} (${owner.provenance.source}) and differs in ${fields.join(', ')}; ` +
            (reason === 'lookalike-domain' ? 'refused' : `the ${owner.provenance.source} feed's details are kept`);
          conflicts.push({
            feedId: s.feed.feed_id,
            source: s.source,
            url: s.url,
            agency: agency.id,
            against: { feedId: owner.provenance.feedId, source: owner.provenance.source, agency: owner.agency.id },
            reason,
            fields,
            message,
          });
          dropped.push(message);
        }
        continue;
      }
      agencies.push({ agency, provenance, hosts, names, entries: [...agency.scam_entries] });
    }
  }

  // 5. Help contacts from policy and embedded feeds only.
  const helpIds = new Set<string>();
  const help: Feed['help'] = [];
  for (const s of kept) {
    if (s.source === 'user') {
      if (s.feed.help.length > 0) dropped.push(`${s.feed.feed_id}: help contacts of a feed you added are not shown in banners`);
      continue;
    }
    for (const h of s.feed.help) {
      if (!helpIds.has(h.id)) help.push(h);
      helpIds.add(h.id);
    }
  }

  // 6. No scam entry may touch a kept official domain.
  const officials = agencies.flatMap((k) => k.hosts.map((h) => [h, k.agency.id] as const));
  const merged: Agency[] = agencies.map((k) => ({
    ...k.agency,
    scam_entries: k.entries.filter((entry) => {
      const host = toAsciiHost(entry.host) ?? entry.host;
      const hit = officials.find(([official]) => overlaps(host, official));
      if (!hit) return true;
      dropped.push(`scam entry "${entry.host}" of "${k.agency.id}" overlaps the official domain "${hit[0]}" of "${hit[1]}"`);
      return false;
    }),
  }));
  const agencyProvenance = Object.fromEntries(agencies.map((k) => [k.agency.id, k.provenance]));
  const result = { agencyProvenance, entryProvenance, conflicts, expired, dropped };

  const first = kept[0]!.feed;
  if (
    kept.length === 1 &&
    entryProvenance.length === 0 &&
    merged.every((a, i) => a.scam_entries.length === first.agencies[i]?.scam_entries.length)
  ) {
    return { feed: first, ...result };
  }
  return {
    feed: {
      ...first,
      feed_id: kept.length === 1 ? first.feed_id : 'merged',
      sequence: Math.max(...kept.map((s) => s.feed.sequence)),
      issued_at: kept.map((s) => s.feed.issued_at).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)),
      expires_at: kept.map((s) => s.feed.expires_at).reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a)),
      refresh_interval_minutes: Math.min(...kept.map((s) => s.feed.refresh_interval_minutes)),
      help,
      agencies: merged,
    },
    ...result,
  };
}
