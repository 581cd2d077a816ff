/**
 * # Link prefilter
 *
 * Most links on a page go to hosts that no rule of the engine can flag. The content script
 * runs on every page and should not send those to the service worker at all, but it cannot
 * carry the engine (word lists, the Public Suffix List, the confusables table). So the
 * engine describes, in one regular expression, strings one of which every flaggable host
 * must contain — its *anchors* (`Matcher.linkPrefilter`): the known scam hosts, and for lookalikes the official labels and hosts, every brand token and
 * its one-edit spellings, and the pieces of the typo indexes (a host within a token's edit
 * threshold holds one of its pieces intact: the pigeonhole filter of `typo-index.ts`).
 *
 * The expression is read in the host with its separators (`.`, `-`, `_`) removed, so a
 * token split across labels or words is still found, and each character that the ASCII
 * confusable fold produces also matches what it folds from (`m` matches `rn`, see
 * `ascii-confusables.ts`), so the fold the engine reads is covered without shipping it.
 * Hosts with an `xn--` label (IDN, judged through their Unicode form), links a redirect
 * wrapper reads (host and path, as `redirect-wrappers.ts` knows them: the destination may be
 * encoded in any way the wrapper decodes), `mailto:` and `tel:` links, and links whose text
 * may show a domain always go to the service worker. Hosts the service worker has judged
 * once and found settled (`Matcher.isHostSettled`) stay in the page after that.
 *
 * Soundness is a property, not a proof: `link-prefilter.test.ts` checks that every URL the
 * engine flags in the accuracy suites (real advisories, public suites, generated lookalikes
 * of every official domain, the demo pages) passes the prefilter, and measures how many
 * ordinary hosts it lets through. This module is imported by the per-page content script:
 * it must stay small and import nothing heavy.
 */
import { ASCII_CONFUSABLES } from './ascii-confusables';

/** Separators a token may be split by (`invest-hk`, `myethe.rwallet`). */
const SEPARATORS = /[-._]/g;

/**
 * The string anchors are looked for in: `host` lower-cased without separators.
 *
 * @param host - an ASCII hostname (punycode for IDN), as `URL.hostname` gives it.
 */
export function prefilterKey(host: string): string {
  return host.toLowerCase().replace(SEPARATORS, '');
}

/** Each character the ASCII fold produces, as a pattern that also matches what folds to it. */
const FOLDED_FROM = new Map<string, string[]>();
for (const [written, read] of ASCII_CONFUSABLES) FOLDED_FROM.set(read, [...(FOLDED_FROM.get(read) ?? [read]), written]);

function escapeChar(ch: string): string {
  const alternatives = (FOLDED_FROM.get(ch) ?? [ch]).map((s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  return alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
}

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

function emit(node: TrieNode): string {
  if (node.end) return '';
  const branches = [...node.next].map(([ch, child]) => escapeChar(ch) + emit(child));
  return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
}

/**
 * One regular-expression source (no flags) that matches a {@link prefilterKey} exactly
 * when it contains one of `anchors` (separators removed), or the ASCII-confusable spelling
 * of one. Anchors that contain a shorter anchor are dropped (the shorter one is found
 * anyway); the rest are merged into a trie, so the pattern grows with distinct prefixes.
 *
 * @param anchors - lower-case strings (hosts, tokens, pieces).
 * @returns the source, or `''` when there is no anchor (nothing can match).
 */
export function anchorsPattern(anchors: Iterable<string>): string {
  const keys = [...new Set([...anchors].map(prefilterKey).filter((a) => a.length > 0))].sort((a, b) => a.length - b.length);
  const kept = new Set<string>();
  const lengths = new Set<number>();
  for (const key of keys) {
    let covered = false;
    for (const n of lengths) {
      for (let i = 0; i + n <= key.length && !covered; i++) covered = kept.has(key.slice(i, i + n));
      if (covered) break;
    }
    if (covered) continue;
    kept.add(key);
    lengths.add(key.length);
  }
  if (kept.size === 0) return '';
  const root: TrieNode = { end: false, next: new Map() };
  for (const key of kept) {
    let node = root;
    for (const ch of key) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  return emit(root);
}

/** The link prefilter of a feed as sent to the content script (`Matcher.linkPrefilter`). */
export interface LinkPrefilterSource {
  /** {@link anchorsPattern} of the feed's anchors, read in {@link prefilterKey}(hostname); `''`: none. */
  hostAnchors: string;
  /** Matches the hostnames redirect wrappers serve (`wrapperRoutesSource`). */
  wrapperHosts: string;
  /** Matches `hostname + "\0" + pathname` of a redirect wrapper's links. */
  wrapperRoutes: string;
}

/**
 * Per-host answers kept per page; the cache is emptied when it reaches this size. A page
 * with 50,000 links to 35,000 hosts kept 3 MB of answers (`npm run bench:browser`); an
 * emptied cache costs one regular-expression test per host again (and one more message for a
 * host the service worker had settled).
 */
export const HOST_ANSWERS_LIMIT = 2000;

/** What the prefilter knows of a host: nothing to flag, may be flagged, or a wrapper's (ask the path). */
const enum HostAnswer {
  Clean = 0,
  MayMatch = 1,
  Wrapper = 2,
}

/** A compiled {@link LinkPrefilterSource} with its per-page answers per host. */
export interface LinkPrefilter {
  hostAnchors: RegExp | null;
  wrapperHosts: RegExp | null;
  wrapperRoutes: RegExp | null;
  /** What is known per hostname (cached per page; hosts the engine settled are clean). */
  hosts: Map<string, HostAnswer>;
}

/** Compiles `source` (one page's worth: the host cache starts empty). */
export function compileLinkPrefilter(source: LinkPrefilterSource): LinkPrefilter {
  return {
    hostAnchors: source.hostAnchors ? new RegExp(source.hostAnchors) : null,
    wrapperHosts: source.wrapperHosts ? new RegExp(source.wrapperHosts) : null,
    wrapperRoutes: source.wrapperRoutes ? new RegExp(source.wrapperRoutes) : null,
    hosts: new Map(),
  };
}

/**
 * Records hosts whose every link the engine judged the same and not dangerous
 * (`Matcher.isHostSettled`, listed in `links-check` answers): later links to them stay in the page.
 */
export function settleHosts(prefilter: LinkPrefilter, hosts: readonly string[]): void {
  for (const host of hosts) remember(prefilter, host, HostAnswer.Clean);
}

function remember(prefilter: LinkPrefilter, host: string, answer: HostAnswer): void {
  if (prefilter.hosts.size >= HOST_ANSWERS_LIMIT) prefilter.hosts.clear();
  prefilter.hosts.set(host, answer);
}

/** What the content script knows about a link without parsing its URL (`HTMLAnchorElement` gives it). */
export interface PrefilterLink {
  /** `http:`, `https:`, `mailto:`, … (as `URL.protocol`). */
  protocol: string;
  /** ASCII hostname (punycode for IDN), empty for schemes without one. */
  hostname: string;
  /** The path (as `URL.pathname`): redirect wrappers are known by host and path (read only for their hosts). */
  readonly pathname: string;
  /** The link's visible text. */
  text: string;
}

/** Scheme, then (after `//` and any userinfo) the host of a serialized URL. */
const SERIALIZED_PARTS = /^([a-z][a-z0-9+.-]*:)(?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*))?/;

/**
 * `protocol` and `hostname` of an absolute URL *as the browser serialized it* (an `<a>`'s
 * `href`: the WHATWG URL parser already ran, so the scheme and host are canonical: lower case,
 * punycode, bracketed IPv6, userinfo percent-encoded), read with one regular expression instead
 * of two more trips through the DOM bindings (each getter parses the href again). Equal to
 * `new URL(href)`'s fields for every serialized URL (`link-prefilter.test.ts` compares them);
 * null when `href` does not look serialized (then ask the DOM).
 *
 * @param href - a serialized absolute URL.
 */
export function serializedUrlParts(href: string): { protocol: string; hostname: string } | null {
  const m = SERIALIZED_PARTS.exec(href);
  if (!m) return null;
  return { protocol: m[1]!, hostname: m[2] ?? '' };
}

/** A dot, or a full-width or ideographic one: text that may show a domain. */
export const DOT_LIKE = /[.\u3002\uff0e\uff61]/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * Whether the engine could flag `link` (send it to the service worker). False only when no
 * rule can fire: an `http(s)` link that is no redirect wrapper's, to a host without an anchor
 * or IDN label (or one the engine settled), whose text shows no domain that could be
 * official; or a link of another scheme (`javascript:`, `data:`, …) whose text shows no domain.
 *
 * @param link - see {@link PrefilterLink}.
 * @param prefilter - the page's {@link compileLinkPrefilter} result.
 */
export function mayFlagLink(link: PrefilterLink, prefilter: LinkPrefilter): boolean {
  const { protocol, hostname, text } = link;
  if (protocol === 'mailto:' || protocol === 'tel:') return true;
  if (textMayShowDomain(text, prefilter.hostAnchors)) return true;
  if (protocol !== 'http:' && protocol !== 'https:') return false;
  let answer = prefilter.hosts.get(hostname);
  if (answer === undefined) {
    answer =
      hostname.includes('xn--') || prefilter.hostAnchors?.test(prefilterKey(hostname))
        ? HostAnswer.MayMatch
        : prefilter.wrapperHosts?.test(hostname)
          ? HostAnswer.Wrapper
          : HostAnswer.Clean;
    remember(prefilter, hostname, answer);
  }
  if (answer === HostAnswer.Wrapper) return prefilter.wrapperRoutes?.test(`${hostname}\0${link.pathname}`) ?? true;
  return answer === HostAnswer.MayMatch;
}

/**
 * True when `text` may show a domain the engine would compare with the link (a link whose
 * text shows an official domain but goes elsewhere is `deceptive-link`; see
 * `displayed-host.ts`): after NFKC (which the engine's text fold includes) it has a dot, and
 * either non-ASCII characters (IDN forms) or an anchor (every official domain is one).
 */
function textMayShowDomain(text: string, anchors: RegExp | null): boolean {
  const folded = NON_ASCII.test(text) ? text.normalize('NFKC') : text;
  if (!DOT_LIKE.test(folded)) return false;
  if (NON_ASCII.test(folded)) return true;
  return anchors !== null && anchors.test(prefilterKey(folded));
}
