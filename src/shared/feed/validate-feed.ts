/**
 * Feed validation: the zod schema (shape) followed by semantic checks that a schema
 * cannot express (duplicate ids, official domains that are also scam entries, public
 * suffixes, path prefixes, dates in the wrong order). Used by the extension before it
 * activates a feed and by the admin CLI.
 */
import { feedSchema, type Feed } from './feed-schema';
import { officialDomainProblem, scamHostProblem } from './domain-rules';
import { normalizePathPrefix } from './path-prefix';
import { toAsciiHost } from '../match/host';

/**
 * Largest `sequence` accepted: 2^50. Far below `Number.MAX_SAFE_INTEGER` (2^53 − 1), so a
 * leaked key cannot make a reader unable to take any further update with one feed carrying
 * the largest number: see `MAX_SEQUENCE_STEP` in `accept-update.ts` for the rest.
 */
export const MAX_SEQUENCE = 2 ** 50;

/** One problem found in a feed: where (a JSON path such as `agencies.0.hotline`) and what. */
export interface FeedProblem {
  path: string;
  message: string;
}

/** Thrown by {@link parseFeed} when a document is not a valid feed. Lists every problem found. */
export class FeedValidationError extends Error {
  readonly problems: FeedProblem[];
  constructor(problems: FeedProblem[]) {
    super(
      `invalid feed: ${problems
        .slice(0, 5)
        .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
        .join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`,
    );
    this.name = 'FeedValidationError';
    this.problems = problems;
  }
}

/**
 * Semantic checks on a feed that already has the right shape.
 *
 * @returns the problems found (empty when none): duplicate agency or help ids, an
 *   official domain listed twice or by two agencies, an official domain or scam host that is
 *   a public suffix, a wildcard or (official only) an IP address (`domain-rules.ts`), a
 *   path prefix without a normal form (`path-prefix.ts`), a scam entry that equals or covers
 *   an official domain (or lies under one), `expires_at` not after `issued_at`, a sequence
 *   above {@link MAX_SEQUENCE}, a campaign whose `until` precedes `since`, and duplicate help ids.
 */
export function semanticProblems(feed: Feed): FeedProblem[] {
  const problems: FeedProblem[] = [];
  if (Date.parse(feed.expires_at) <= Date.parse(feed.issued_at)) {
    problems.push({ path: 'expires_at', message: 'must be later than issued_at' });
  }
  if (feed.sequence > MAX_SEQUENCE) {
    problems.push({ path: 'sequence', message: `must be at most 2^50 (${MAX_SEQUENCE}), so that updates can always follow` });
  }
  const seenIds = new Map<string, number>();
  const officialOwner = new Map<string, string>();
  feed.agencies.forEach((agency, i) => {
    const at = `agencies.${i}`;
    if (seenIds.has(agency.id)) {
      problems.push({ path: `${at}.id`, message: `duplicate agency id "${agency.id}" (also agencies.${seenIds.get(agency.id)})` });
    }
    seenIds.set(agency.id, i);
    agency.official_domains.forEach((domain, j) => {
      const problem = officialDomainProblem(domain);
      const host = toAsciiHost(domain);
      if (problem !== null || host === null) {
        problems.push({ path: `${at}.official_domains.${j}`, message: problem ?? `"${domain}" is not a valid hostname` });
        return;
      }
      const owner = officialOwner.get(host);
      if (owner !== undefined) {
        problems.push({ path: `${at}.official_domains.${j}`, message: `"${domain}" is already an official domain of "${owner}"` });
      }
      officialOwner.set(host, agency.id);
    });
    // A trusted publisher silences mention banners on its site: never a public suffix or a wildcard.
    agency.trusted_publishers.forEach((publisher, j) => {
      const problem = officialDomainProblem(publisher);
      if (problem !== null)
        problems.push({ path: `${at}.trusted_publishers.${j}`, message: problem.replace('an official domain', 'a trusted publisher') });
    });
    if (agency.campaign.until && agency.campaign.until < agency.campaign.since) {
      problems.push({ path: `${at}.campaign.until`, message: 'must not be before campaign.since' });
    }
  });
  feed.agencies.forEach((agency, i) => {
    agency.scam_entries.forEach((entry, j) => {
      const problem = scamHostProblem(entry.host);
      const host = toAsciiHost(entry.host);
      if (problem !== null || host === null) {
        problems.push({ path: `agencies.${i}.scam_entries.${j}.host`, message: problem ?? `"${entry.host}" is not a valid hostname` });
        return;
      }
      if (entry.path_prefix !== undefined) {
        const prefix = normalizePathPrefix(entry.path_prefix);
        if (prefix.problem) problems.push({ path: `agencies.${i}.scam_entries.${j}.path_prefix`, message: prefix.problem });
      }
      for (const [official, owner] of officialOwner) {
        if (host === official || host.endsWith(`.${official}`) || official.endsWith(`.${host}`)) {
          problems.push({
            path: `agencies.${i}.scam_entries.${j}.host`,
            message: `"${entry.host}" overlaps the official domain "${official}" of "${owner}"`,
          });
        }
      }
    });
  });
  const helpIds = new Set<string>();
  feed.help.forEach((h, i) => {
    if (helpIds.has(h.id)) problems.push({ path: `help.${i}.id`, message: `duplicate help id "${h.id}"` });
    helpIds.add(h.id);
  });
  return problems;
}

/**
 * Parses and validates a feed document.
 *
 * @param input - the parsed JSON value (not the text).
 * @returns the feed, with defaults filled in (empty arrays for optional lists).
 * @throws FeedValidationError listing every shape or semantic problem.
 */
export function parseFeed(input: unknown): Feed {
  const result = feedSchema.safeParse(input);
  if (!result.success) {
    throw new FeedValidationError(result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })));
  }
  const problems = semanticProblems(result.data);
  if (problems.length > 0) throw new FeedValidationError(problems);
  return result.data;
}
