/**
 * declarativeNetRequest rules that stop known scam pages before they load: pure generation
 * from the active feed (no `browser.*`), so it runs and is tested in Node.
 *
 * Design note
 * -----------
 * What is pre-blocked (the request never leaves the browser; the tab or frame is
 * redirected to the extension's interstitial page instead):
 *   1. every feed `scam_entries` host, and its subdomains (the matcher's `blocklisted`);
 *   2. every path-level scam entry (exact host, path prefix in its normal form from
 *      `shared/feed/path-prefix.ts`, case-insensitive, like the matcher), and on each host
 *      with path-level entries, any path that spells an unreserved character as a
 *      percent-escape (`/%69nvesthk`): browsers match rules against the URL as written, and
 *      no ordinary link writes `i` as `%69`, so such a path on such a host is an evasion
 *      (the interstitial then judges it with the matcher, which decodes it);
 *   3. "strong lookalikes": an official domain used as the leading labels of another
 *      domain (`investhk.gov.hk.secure-pay.top`, the matcher's `official-as-subdomain`).
 *      This is the one lookalike family that can be enumerated as a pattern (one regex per
 *      official domain) and that has no innocent reading: the address starts with the
 *      genuine domain. Open-ended lookalikes (typos, confusables, brand embedded in another
 *      name) cannot be enumerated; they keep the in-page banner after the page loads.
 * Official domains get an `allow` rule above the lookalike rules (never block
 * `example.com.hk` because `example.com` is official); scam entries rank above it (a
 * listed scam host under an official domain is still blocked, as in the matcher).
 * Trust model (`docs/feed-format.md`): official domains of agencies from user feeds
 * (`lowerRanked`) are allowed only below the lookalike patterns of the higher-ranked
 * agencies, so a user feed claiming `secure-pay.top` cannot unblock
 * `investhk.gov.hk.secure-pay.top`.
 *
 * Priorities: scam entries 30 > official allow 20 > lookalike pattern 15 > lower-ranked
 * official allow 12 > lower-ranked lookalike pattern 10; the user's "continue anyway"
 * session rule ({@link ALLOW_PRIORITY}) is above all of them.
 *
 * The blocked URL reaches the interstitial in its fragment through `regexSubstitution`
 * (`\0` is the whole match), so every redirect rule carries a `regexFilter` and counts
 * against the regex budget.
 *
 * Regexes are ASCII only (Chromium refuses a non-ASCII `regexFilter` and with it the whole
 * update: checked in `test/e2e/trust-model.test.ts`). Every redirect regex matches the whole
 * URL (a trailing `.*`): Chromium's `regexSubstitution` replaces only the match (the rest of
 * the URL would follow it), but Firefox replaces the whole URL with the substitution, so the
 * blocked URL reaches the interstitial whole only when the match is whole (seen in Firefox).
 *
 * Limits (Chrome: `MAX_NUMBER_OF_REGEX_RULES` 1000 shared by dynamic and session rules,
 * `MAX_NUMBER_OF_DYNAMIC_RULES` 30000 since Chrome 121 (5000 before), each regex compiled by
 * RE2 within a 2 KB memory budget — measured in Chromium: a path rule on an 18-character
 * host fits a prefix of at most 79 characters, so long prefixes can fail; Firefox 128: the
 * same regex count, 5000 dynamic and session rules). The background checks each regex
 * with `isRegexSupported` and isolates a rule the browser refuses (`isolate-rules.ts`). Host
 * entries are grouped by agency, {@link HOSTS_PER_RULE} hosts per rule, so ten thousand
 * scam hosts cost ten rules. When the regex budget is still too small, rules are kept in
 * this order — host entries, path entries, lookalike patterns — and the rest is reported
 * in `dropped`: those URLs are not pre-blocked but still get the in-page banner, which
 * judges every page with the full matcher.
 */
import type { Feed } from '../feed/feed-schema';
import { normalizePathPrefix } from '../feed/path-prefix';
import { toAsciiHost } from '../match/host';

/** The subset of the declarativeNetRequest rule shape that these rules use. */
export interface DnrRule {
  id: number;
  priority: number;
  action: { type: 'redirect'; redirect: { regexSubstitution: string } } | { type: 'allow' };
  condition: {
    regexFilter?: string;
    requestDomains?: string[];
    isUrlFilterCaseSensitive?: boolean;
    resourceTypes: Array<'main_frame' | 'sub_frame'>;
    tabIds?: number[];
  };
}

export const SCAM_PRIORITY = 30;
export const OFFICIAL_PRIORITY = 20;
export const LOOKALIKE_PRIORITY = 15;
/** Official domains of agencies from user feeds: below the higher-ranked lookalike patterns. */
export const LOWER_OFFICIAL_PRIORITY = 12;
export const LOWER_LOOKALIKE_PRIORITY = 10;
/** Priority of the user's temporary "continue anyway" rule: above every blocking rule. */
export const ALLOW_PRIORITY = 100;
/** Hosts per `requestDomains` rule. */
export const HOSTS_PER_RULE = 1000;
/** Regex rules kept free for "continue anyway" session rules. */
export const SESSION_REGEX_RESERVE = 50;
/** Frames covered: the tab itself and frames that embed a scam page. */
export const BLOCKED_TYPES: Array<'main_frame' | 'sub_frame'> = ['main_frame', 'sub_frame'];
/** The whole URL, for rules whose other conditions (requestDomains) do the matching. */
const ANY_HTTP_URL = '^https?://.*$';

export interface BlockRuleOptions {
  /**
   * The interstitial page's absolute URL (`runtime.getURL('src/interstitial/index.html')`);
   * the rules append `#<blocked URL>` (the interstitial asks the engine for the rest).
   */
  interstitialUrl: string;
  /** Regex rules available (`declarativeNetRequest.MAX_NUMBER_OF_REGEX_RULES`, default 1000). */
  maxRegexRules?: number;
  /** First rule id (dynamic rule ids must be unique and ≥ 1). */
  firstId?: number;
  /** Ids of agencies from user feeds (ranked below the policy and embedded feeds). */
  lowerRanked?: ReadonlySet<string>;
}

export interface BlockRules {
  rules: DnrRule[];
  /** What did not fit the budget (not pre-blocked; the banner still warns), in plain words. */
  dropped: string[];
  /** Counts, for logs and tests. */
  stats: { scamHosts: number; scamPaths: number; lookalikePatterns: number; regexRules: number };
}

/** Escapes `text` for use inside an RE2 regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Escapes `\` in the literal part of a `regexSubstitution` (RE2 rewrite: `\N` is a group). */
function substitutionLiteral(text: string): string {
  return text.replace(/\\/g, '\\\\');
}

function redirectTo(options: BlockRuleOptions): DnrRule['action'] {
  return { type: 'redirect', redirect: { regexSubstitution: `${substitutionLiteral(options.interstitialUrl)}#\\0` } };
}

/**
 * The regex of URLs whose host has `official` as its leading labels followed by at least
 * one more label (`http://www.investhk.gov.hk.evil.top:8080/pay`), any scheme http(s),
 * optional port. Never matches `official` itself or its subdomains.
 */
export function officialAsLeadingLabelsRegex(official: string): string {
  return `^https?://([a-z0-9-]+\\.)*${escapeRegex(official)}\\.[a-z0-9-]+(\\.[a-z0-9-]+)*\\.?(:[0-9]+)?([/?#].*)?$`;
}

/**
 * The regex of URLs on exactly `host` (any port) whose path starts with `prefix` (in its
 * normal form: ASCII, lower case; the rule is case-insensitive).
 */
export function pathPrefixRegex(host: string, prefix: string): string {
  return `^https?://${escapeRegex(host)}(?::[0-9]+)?${escapeRegex(prefix)}.*`;
}

/** A percent-escape of an unreserved character (RFC 3986 §2.3), any hex case. */
const ESCAPED_UNRESERVED = '%(?:[46][1-9a-f]|[57][0-9a]|3[0-9]|2[de]|5f|7e)';

/**
 * The regex of URLs on exactly `host` whose path spells an unreserved character as a
 * percent-escape (`/%69nvesthk`): the evasion of path rules that a browser does not decode.
 */
export function encodedPathRegex(host: string): string {
  return `^https?://${escapeRegex(host)}(?::[0-9]+)?/[^?#]*${ESCAPED_UNRESERVED}.*`;
}

/** True when a URL path spells an unreserved character as a percent-escape (what {@link encodedPathRegex} catches). */
export function hasEscapedUnreserved(pathname: string): boolean {
  return new RegExp(ESCAPED_UNRESERVED, 'i').test(pathname);
}

/**
 * Why the browser would refuse `rule` before trying (a regex with a non-ASCII character,
 * a host that is not ASCII), or null. The browser's own regex check comes later
 * (`isRegexSupported`).
 */
export function ruleProblem(rule: DnrRule): string | null {
  const nonAscii = /[^ -~]/; // anything outside printable ASCII
  if (rule.condition.regexFilter !== undefined && nonAscii.test(rule.condition.regexFilter)) return 'non-ASCII characters in its regex';
  if (rule.condition.requestDomains?.some((d) => nonAscii.test(d) || d === '')) return 'a host that is not ASCII';
  return null;
}

/**
 * Generates the dynamic rules for `feed`.
 *
 * @param feed - the active (validated, merged) feed.
 * @param options - interstitial URL, regex budget, first id.
 * @returns rules with consecutive ids from `firstId`, plus what was dropped to stay within
 *   the budget. Hosts that do not parse are skipped (a validated feed has none).
 */
export function blockRulesFor(feed: Feed, options: BlockRuleOptions): BlockRules {
  const budget = Math.max(0, (options.maxRegexRules ?? 1000) - SESSION_REGEX_RESERVE);
  let nextId = options.firstId ?? 1;
  const rules: DnrRule[] = [];
  const dropped: string[] = [];
  let regexRules = 0;
  const stats = { scamHosts: 0, scamPaths: 0, lookalikePatterns: 0, regexRules: 0 };

  const push = (rule: Omit<DnrRule, 'id'>, describe: string): boolean => {
    const problem = ruleProblem({ id: 0, ...rule });
    if (problem) {
      dropped.push(`${describe} (${problem})`);
      return false;
    }
    const usesRegex = rule.condition.regexFilter !== undefined;
    if (usesRegex && regexRules >= budget) {
      dropped.push(describe);
      return false;
    }
    if (usesRegex) regexRules += 1;
    rules.push({ id: nextId++, ...rule });
    return true;
  };

  // 1. Host entries, grouped by agency.
  for (const agency of feed.agencies) {
    const hosts = [...new Set(agency.scam_entries.filter((e) => !e.path_prefix).flatMap((e) => toAsciiHost(e.host) ?? []))].sort();
    for (let i = 0; i < hosts.length; i += HOSTS_PER_RULE) {
      const chunk = hosts.slice(i, i + HOSTS_PER_RULE);
      const added = push(
        {
          priority: SCAM_PRIORITY,
          action: redirectTo(options),
          condition: { regexFilter: ANY_HTTP_URL, requestDomains: chunk, resourceTypes: BLOCKED_TYPES },
        },
        `${chunk.length} scam host(s) of ${agency.id}`,
      );
      if (added) stats.scamHosts += chunk.length;
    }
  }

  // 2. Path-level entries: one regex each, in their normal form, case-insensitive; then one
  // rule per such host for percent-escaped spellings.
  const pathHosts = new Map<string, string>();
  for (const agency of feed.agencies) {
    for (const entry of agency.scam_entries) {
      if (!entry.path_prefix) continue;
      const host = toAsciiHost(entry.host);
      if (!host) continue;
      const describe = `scam URL prefix ${host}${entry.path_prefix} of ${agency.id}`;
      const prefix = normalizePathPrefix(entry.path_prefix);
      if (prefix.prefix === undefined) {
        dropped.push(`${describe} (${prefix.problem})`);
        continue;
      }
      const added = push(
        {
          priority: SCAM_PRIORITY,
          action: redirectTo(options),
          condition: {
            regexFilter: pathPrefixRegex(host, prefix.prefix),
            isUrlFilterCaseSensitive: false,
            resourceTypes: BLOCKED_TYPES,
          },
        },
        describe,
      );
      if (added) {
        stats.scamPaths += 1;
        if (!pathHosts.has(host)) pathHosts.set(host, agency.id);
      }
    }
  }
  for (const [host, agency] of pathHosts) {
    push(
      {
        priority: SCAM_PRIORITY,
        action: redirectTo(options),
        condition: { regexFilter: encodedPathRegex(host), isUrlFilterCaseSensitive: false, resourceTypes: BLOCKED_TYPES },
      },
      `percent-escaped paths on ${host} (host with scam URL prefixes of ${agency})`,
    );
  }

  // 3. Official domains are never blocked by a lookalike pattern of their own tier...
  const lower = options.lowerRanked ?? new Set<string>();
  const tiers = [
    { agencies: feed.agencies.filter((a) => !lower.has(a.id)), allow: OFFICIAL_PRIORITY, lookalike: LOOKALIKE_PRIORITY },
    { agencies: feed.agencies.filter((a) => lower.has(a.id)), allow: LOWER_OFFICIAL_PRIORITY, lookalike: LOWER_LOOKALIKE_PRIORITY },
  ];
  for (const tier of tiers) {
    const officials = [...new Set(tier.agencies.flatMap((a) => a.official_domains.flatMap((d) => toAsciiHost(d) ?? [])))].sort();
    for (let i = 0; i < officials.length; i += HOSTS_PER_RULE) {
      push(
        {
          priority: tier.allow,
          action: { type: 'allow' },
          condition: { requestDomains: officials.slice(i, i + HOSTS_PER_RULE), resourceTypes: BLOCKED_TYPES },
        },
        'official domains',
      );
    }
  }
  // ...which covers an official domain used as the leading labels of another domain.
  for (const tier of tiers) {
    for (const agency of tier.agencies) {
      for (const domain of agency.official_domains) {
        const host = toAsciiHost(domain);
        if (!host) continue;
        const added = push(
          {
            priority: tier.lookalike,
            action: redirectTo(options),
            condition: { regexFilter: officialAsLeadingLabelsRegex(host), resourceTypes: BLOCKED_TYPES },
          },
          `lookalike pattern ${host}.* of ${agency.id}`,
        );
        if (added) stats.lookalikePatterns += 1;
      }
    }
  }
  stats.regexRules = regexRules;
  return { rules, dropped, stats };
}

/**
 * The user's "continue anyway" rule: allows main-frame and sub-frame requests to exactly
 * `host` (any port, not its subdomains) in one tab, above every blocking rule. Meant as a
 * session rule (`condition.tabIds` only works there), removed when it expires.
 *
 * @param id - session rule id.
 * @param tabId - the tab that asked.
 * @param host - ASCII (punycode) host, lower case.
 */
export function allowRule(id: number, tabId: number, host: string): DnrRule {
  return {
    id,
    priority: ALLOW_PRIORITY,
    action: { type: 'allow' },
    condition: { regexFilter: `^https?://${escapeRegex(host)}(:[0-9]+)?([/?#].*)?$`, tabIds: [tabId], resourceTypes: BLOCKED_TYPES },
  };
}

/**
 * The session rule for hosts the engine judged dangerous during this browser session
 * (Chromium's navigation judge, `src/background/learned-blocks.ts`): once a lookalike that
 * no feed rule expresses has been seen, later navigations to it (a reload, another tab, a
 * frame, the scam page's own redirects) are stopped before any request, like a feed rule.
 * Lookalike priority: official domains stay allowed, "continue anyway" stays above it.
 *
 * @param id - session rule id (below the allowance ids).
 * @param hosts - ASCII hosts (their subdomains match too).
 * @param options.interstitialUrl - as for {@link blockRulesFor}.
 */
export function learnedBlockRule(id: number, hosts: readonly string[], options: Pick<BlockRuleOptions, 'interstitialUrl'>): DnrRule {
  return {
    id,
    priority: LOOKALIKE_PRIORITY,
    action: redirectTo(options),
    condition: { regexFilter: ANY_HTTP_URL, requestDomains: [...hosts], resourceTypes: BLOCKED_TYPES },
  };
}
