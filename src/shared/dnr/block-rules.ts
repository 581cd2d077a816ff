/**
 * declarativeNetRequest rules that stop known scam pages before they load: pure generation
 * from the active feed (no `browser.*`), so it runs and is tested in Node.
 *
 * Design note
 * -----------
 * What is pre-blocked (the request never leaves the browser; the tab or frame is
 * redirected to the extension's interstitial page instead):
 *   1. every feed `scam_entries` host, and its subdomains (the matcher's `blocklisted`);
 *   2. every path-level scam entry (exact host, path prefix, case-sensitive, like the
 *      matcher);
 *   3. "strong lookalikes": an official domain used as the leading labels of another
 *      domain (`investhk.gov.hk.secure-pay.top`, the matcher's `official-as-subdomain`).
 *      This is the one lookalike family that can be enumerated as a pattern (one regex per
 *      official domain) and that has no innocent reading: the address starts with the
 *      genuine domain. Open-ended lookalikes (typos, confusables, brand embedded in another
 *      name) cannot be enumerated; they keep the in-page banner after the page loads.
 * Official domains get an `allow` rule above the lookalike rules (never block
 * `example.com.hk` because `example.com` is official); scam entries rank above it (a
 * listed scam host under an official domain is still blocked, as in the matcher).
 *
 * Priorities: scam entries 30 > official allow 20 > lookalike pattern 10; the user's
 * "continue anyway" session rule ({@link ALLOW_PRIORITY}) is above all of them.
 *
 * The blocked URL reaches the interstitial in its fragment through `regexSubstitution`
 * (`\0` is the whole match), so every redirect rule carries a `regexFilter` and counts
 * against the regex budget.
 *
 * Limits (Chrome: `MAX_NUMBER_OF_REGEX_RULES` 1000 shared by dynamic and session rules,
 * `MAX_NUMBER_OF_DYNAMIC_RULES` 30000 since Chrome 121 (5000 before), regexes capped at 2 KB
 * compiled; Firefox 128: the same regex limit, 5000 dynamic and session rules). Host
 * entries are grouped by agency, {@link HOSTS_PER_RULE} hosts per rule, so ten thousand
 * scam hosts cost ten rules. When the regex budget is still too small, rules are kept in
 * this order — host entries, path entries, lookalike patterns — and the rest is reported
 * in `dropped`: those URLs are not pre-blocked but still get the in-page banner, which
 * judges every page with the full matcher.
 */
import type { Feed } from '../feed/feed-schema';
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
export const LOOKALIKE_PRIORITY = 10;
/** Priority of the user's temporary "continue anyway" rule: above every blocking rule. */
export const ALLOW_PRIORITY = 100;
/** Hosts per `requestDomains` rule. */
export const HOSTS_PER_RULE = 1000;
/** Regex rules kept free for "continue anyway" session rules. */
export const SESSION_REGEX_RESERVE = 50;
/** Path prefixes longer than this are not turned into regexes (RE2's 2 KB limit). */
const MAX_PREFIX_LENGTH = 500;
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

/** The regex of URLs on exactly `host` (any port) whose path starts with `prefix`. */
export function pathPrefixRegex(host: string, prefix: string): string {
  return `^https?://${escapeRegex(host)}(:[0-9]+)?${escapeRegex(prefix)}.*$`;
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

  // 2. Path-level entries: one regex each.
  for (const agency of feed.agencies) {
    for (const entry of agency.scam_entries) {
      if (!entry.path_prefix) continue;
      const host = toAsciiHost(entry.host);
      if (!host) continue;
      const describe = `scam URL prefix ${host}${entry.path_prefix} of ${agency.id}`;
      if (entry.path_prefix.length > MAX_PREFIX_LENGTH) {
        dropped.push(`${describe} (prefix too long)`);
        continue;
      }
      const added = push(
        {
          priority: SCAM_PRIORITY,
          action: redirectTo(options),
          condition: {
            regexFilter: pathPrefixRegex(host, entry.path_prefix),
            isUrlFilterCaseSensitive: true,
            resourceTypes: BLOCKED_TYPES,
          },
        },
        describe,
      );
      if (added) stats.scamPaths += 1;
    }
  }

  // 3. Official domains are never blocked by a lookalike pattern...
  const officials = [...new Set(feed.agencies.flatMap((a) => a.official_domains.flatMap((d) => toAsciiHost(d) ?? [])))].sort();
  for (let i = 0; i < officials.length; i += HOSTS_PER_RULE) {
    push(
      {
        priority: OFFICIAL_PRIORITY,
        action: { type: 'allow' },
        condition: { requestDomains: officials.slice(i, i + HOSTS_PER_RULE), resourceTypes: BLOCKED_TYPES },
      },
      'official domains',
    );
  }
  // ...which covers an official domain used as the leading labels of another domain.
  for (const agency of feed.agencies) {
    for (const domain of agency.official_domains) {
      const host = toAsciiHost(domain);
      if (!host) continue;
      const added = push(
        {
          priority: LOOKALIKE_PRIORITY,
          action: redirectTo(options),
          condition: { regexFilter: officialAsLeadingLabelsRegex(host), resourceTypes: BLOCKED_TYPES },
        },
        `lookalike pattern ${host}.* of ${agency.id}`,
      );
      if (added) stats.lookalikePatterns += 1;
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
