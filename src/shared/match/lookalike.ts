/**
 * Lookalike detection: does a host that is not official imitate an official domain?
 * See the design note at the top of `matcher.ts` for the rules, thresholds and sources.
 *
 * Every rule runs on the ASCII host and, when the host has Unicode (IDN) labels, again
 * on its UTS #39 confusable skeleton; a hit found only on the skeleton carries the
 * reason `confusable-skeleton`.
 */
import type { ChineseFolder } from './cjk-fold';
import { foldAsciiConfusables, skeleton } from './confusable-skeleton';
import { damerauLevenshtein } from './damerau-levenshtein';
import { isSameOrSubdomain, toUnicodeHost } from './host';
import { isCommonWord, isGovWord, PLACE_WORDS, segmentLabel, SERVICE_WORDS, type Segment } from './host-words';
import { MAX_ACRONYM, nameTokens, type NameToken } from './name-tokens';
import { isCjk } from './normalize-text';
import { domainParts, type DomainParts } from './registrable-domain';
import { trigramKey, TypoIndex, typoThreshold } from './typo-index';

/** What the detector needs to know about one agency. */
export interface LookalikeAgency {
  /** Normalised ASCII official hosts. */
  officialHosts: string[];
  /** The feed's `brand_tokens` (lower-case ASCII letters and digits); empty when the feed gives none. */
  brandTokens: string[];
  /** Chinese names and aliases (NFKC-folded), looked for inside IDN labels. */
  chineseNames?: string[];
}

/** A lookalike hit: which agency (index into the list given to the constructor) and why. */
export interface LookalikeHit {
  agency: number;
  reasons: string[];
}

/** Distinctive tokens at least this long count as substrings; shorter ones only as segments or words. */
export const MIN_SUBSTRING_TOKEN = 6;
/** Registrable domains at least this long may be one edit away from an official one. */
export const MIN_DOMAIN_TYPO_LENGTH = 10;

interface LabelRun {
  agency: number;
  labels: string[];
  /** The first label is an ordinary word (office.com): its name at the end of a host is just a name. */
  ordinary: boolean;
}

/** Official hosts whose first label is shorter than this are not looked for as label runs. */
const MIN_RUN_LABEL = 3;

interface SubstringEntry {
  agency: number;
  token: string;
  reasons: string[];
  /** Made only of ordinary and place words (`hongkongpost`, `consumercouncil`). */
  compound: boolean;
  /** A segment token (rule 3b), not a substring token: marks the label for segmentation. */
  segment?: boolean;
}

/** A suffix a registrar gives only to a government (Chromium's `IsSafeTLD` keeps .gov and .mil). */
const GOVERNMENT_SUFFIX = /^(?:gov|mil|(?:gov|govt|gob|gouv|go|gc|mil)\.[a-z]{2,3})$/;

/**
 * True for a host that only a government can hold: under `gov.hk` (the Hong Kong
 * government's second-level domain, assigned by HKIRC to bureaux and departments only) or
 * under another government-only suffix (`gov`, `mil`, `gov.xx`, `govt.nz`, `gc.ca`…).
 */
export function isGovernmentHost(parts: DomainParts): boolean {
  return GOVERNMENT_SUFFIX.test(parts.publicSuffix);
}

export class LookalikeDetector {
  /** Official hosts as label sequences, indexed by their first label. */
  private readonly runsByFirstLabel = new Map<string, LabelRun[]>();
  /** The official label and its second-level suffix label (`wsd` + `gov`), by label. */
  private readonly labelSuffixPairs = new Map<string, Array<{ agency: number; sld: string }>>();
  /** Skeletons of official hosts. */
  private readonly officialSkeletons: Array<{ agency: number; skeleton: string }> = [];
  /** Distinctive tokens of 6+ letters indexed by their first three characters (see `trigramKey`). */
  private readonly tokensByTrigram = new Map<number, SubstringEntry[]>();
  private maxSubstringToken = 0;
  /** Distinctive tokens of 4–5 letters from a label or the feed: whole words count alone (hsbc, hkpo). */
  private readonly shortTokens = new Map<string, number>();
  /** Tokens judged by segmentation (acronyms, ordinary words, 5-letter distinctive parts). */
  private readonly segmentTokens = new Map<string, NameToken[]>();
  private readonly segmentTokenSet = new Set<string>();
  /** The first three letters of every segment token, to skip labels that cannot hold one. */
  private readonly segmentTrigrams = new Map<number, NameToken[]>();
  private readonly tokenTypos = new TypoIndex<number>();
  /** One-edit spellings of 5–6 letter distinctive names (see `addShortEdits`), matched as whole words. */
  private readonly shortEdits = new Map<string, number>();
  /** One-edit spellings of short label+suffix forms (`wssdgov` for `wsdgov`), matched as whole words. */
  private readonly gluedTypos = new Map<string, number>();
  private readonly domainTypos = new TypoIndex<number>();
  private readonly officialRegistrable = new Set<string>();
  /** The label (registrable domain without suffix) of each official registrable domain. */
  private readonly officialLabelOf = new Map<string, string>();
  private readonly chineseNames: Array<{ agency: number; name: string }> = [];

  /**
   * @param agencies - per agency (by index) its official hosts, brand tokens and Chinese names.
   * @param chinese - folds Traditional and Simplified characters (see `cjk-fold.ts`).
   */
  constructor(
    agencies: readonly LookalikeAgency[],
    private readonly chinese?: ChineseFolder,
  ) {
    agencies.forEach((agency, index) => {
      for (const host of agency.officialHosts) {
        // The host as labels, and its ASCII-confusable fold when that differs (a host
        // with "rn", "0" or "1" is searched in folded form too).
        for (const form of new Set([host, foldAsciiConfusables(host)])) {
          const labels = form.split('.');
          const first = labels[0]!;
          // Two-letter names (hp.com, vk.com) are in too many hosts by chance (Chromium's
          // target embedding skips e2LDs this short too).
          if (first.length < MIN_RUN_LABEL) continue;
          const runs = this.runsByFirstLabel.get(first) ?? [];
          runs.push({ agency: index, labels, ordinary: isCommonWord(first) });
          this.runsByFirstLabel.set(first, runs);
        }
        this.officialSkeletons.push({ agency: index, skeleton: foldAsciiConfusables(skeleton(host)) });
        const parts = domainParts(host);
        // An official host below a registrable domain the agency does not own: only the host counts.
        const ownsRegistrable = parts.subdomain === '' || parts.subdomain === 'www';
        this.officialRegistrable.add(parts.registrable);
        this.officialLabelOf.set(parts.registrable, parts.label);
        if (ownsRegistrable && parts.registrable.length >= MIN_DOMAIN_TYPO_LENGTH) this.domainTypos.add(parts.registrable, index);
        const suffixLabels = parts.publicSuffix.split('.');
        if (ownsRegistrable && suffixLabels.length >= 2) {
          const pairs = this.labelSuffixPairs.get(parts.label) ?? [];
          pairs.push({ agency: index, sld: suffixLabels[0]! });
          this.labelSuffixPairs.set(parts.label, pairs);
        }
      }
      for (const entry of nameTokens(index, agency.officialHosts, agency.brandTokens)) this.addToken(entry);
      for (const name of agency.chineseNames ?? []) {
        const folded = this.chinese ? this.chinese.fold(name) : name;
        if ([...folded].filter(isCjk).length >= 2) this.chineseNames.push({ agency: index, name: folded });
      }
    });
  }

  private addToken(entry: NameToken): void {
    const forms = new Set([entry.token, foldAsciiConfusables(entry.token)]);
    for (const token of forms) {
      const { agency, kind } = entry;
      if (kind === 'distinctive' && token.length >= MIN_SUBSTRING_TOKEN) {
        this.addSubstring(agency, token, entry.origin === 'label' || entry.origin === 'brand-token' ? 'brand' : entry.origin);
      } else {
        if (kind !== 'ordinary' && token.length > MAX_ACRONYM - 1 && (entry.origin === 'label' || entry.origin === 'brand-token')) {
          // 4–5 letter labels and feed tokens (hsbc, hkpo, bochk): a whole word counts alone.
          if (token.length >= 4) this.shortTokens.set(token, agency);
        }
        if (
          kind === 'distinctive' &&
          token === entry.token &&
          token.length >= 5 &&
          (entry.origin === 'label' || entry.origin === 'brand-token')
        ) {
          this.addShortEdits(token, agency);
        }
        const list = this.segmentTokens.get(token) ?? [];
        list.push({ ...entry, token });
        this.segmentTokens.set(token, list);
        this.segmentTokenSet.add(token);
        const key = trigramKey(token, 0);
        const byKey = this.segmentTrigrams.get(key) ?? [];
        byKey.push({ ...entry, token });
        this.segmentTrigrams.set(key, byKey);
        // Also a marker in the substring index, so one scan finds both kinds.
        const markers = this.tokensByTrigram.get(key) ?? [];
        if (!markers.some((e) => e.segment && e.token === token))
          markers.push({ agency, token, reasons: [], compound: false, segment: true });
        this.tokensByTrigram.set(key, markers);
      }
      if (kind === 'distinctive') {
        this.tokenTypos.add(token, agency);
        // A label glued to `gov` is typed as one word: one edit counts even when short (wssdgov, wsdgoiv).
        if (entry.origin === 'suffix-glued' && typoThreshold(token.length) === 0) {
          for (const variant of editsOf(token)) if (!isCommonWord(variant)) this.gluedTypos.set(variant, agency);
        }
        if (token === entry.token && token.length === 6 && (entry.origin === 'label' || entry.origin === 'brand-token'))
          this.addShortEdits(token, agency);
        // Chromium's character-swap heuristic: one swap of adjacent letters, never the first.
        if (token.length >= 5 && token.length <= 8) {
          for (let i = 1; i + 1 < token.length; i++) {
            const swapped = token.slice(0, i) + token[i + 1]! + token[i]! + token.slice(i + 2);
            if (swapped === token) continue;
            if (swapped.length >= MIN_SUBSTRING_TOKEN) this.addSubstring(agency, swapped, 'typo-swap');
          }
        }
      }
    }
  }

  /**
   * One edit of a 5–6 letter distinctive name, as a whole word (abcxd for abcyd, gogle for
   * google), with Chromium's guards against the usual false positives: the first letter
   * stays (hank/tank are different words), the result is no ordinary word, and a
   * difference only in trailing digits does not count (site45/site35).
   */
  private addShortEdits(token: string, agency: number): void {
    const stem = token.replace(/[0-9]+$/, '');
    for (const variant of editsOf(token)) {
      if (variant[0] !== token[0] || variant.length < 5 || isCommonWord(variant)) continue;
      if (variant.replace(/[0-9]+$/, '') === stem) continue;
      if (!this.shortEdits.has(variant)) this.shortEdits.set(variant, agency);
    }
  }

  private addSubstring(agency: number, token: string, origin: string): void {
    const key = trigramKey(token, 0);
    const list = this.tokensByTrigram.get(key) ?? [];
    if (list.some((e) => e.token === token)) return;
    const reasons =
      origin === 'brand'
        ? ['brand-embedded']
        : origin === 'typo-swap'
          ? ['typo-distance-1', 'typo-swap']
          : origin === 'suffix-glued'
            ? ['official-name-embedded', 'suffix-glued']
            : ['brand-embedded', origin];
    let compound = false;
    if (origin === 'brand' && PLACE_IN.test(token)) {
      const segments = segmentLabel(token, NO_TOKENS);
      compound =
        segments.some((seg) => seg.kind === 'place') &&
        segments.every((seg) => seg.kind === 'word' || seg.kind === 'place' || seg.kind === 'service');
    }
    list.push({ agency, token, reasons, compound });
    this.maxSubstringToken = Math.max(this.maxSubstringToken, token.length);
    this.tokensByTrigram.set(key, list);
  }

  /**
   * Strings one of which every rule needs to find in a host before it fires: official
   * labels and hosts, every token and its one-edit spellings, and the pieces of the typo
   * indexes (see `TypoIndex`). They are read in the host, or in its ASCII-confusable fold,
   * with separators ignored (a token split across labels or words); a host holding none of
   * them (nor any `xn--` label, judged through its Unicode form) can only be `unrelated`
   * here. For the link prefilter (`link-prefilter.ts`), which `link-prefilter.test.ts`
   * checks against every lookalike of the accuracy suites.
   */
  anchors(): string[] {
    const out = new Set<string>([
      ...this.runsByFirstLabel.keys(),
      ...this.officialSkeletons.map((o) => o.skeleton),
      ...[...this.tokensByTrigram.values()].flatMap((list) => list.map((e) => e.token)),
      ...this.shortTokens.keys(),
      ...this.segmentTokenSet,
      ...this.shortEdits.keys(),
      ...this.gluedTypos.keys(),
      ...this.tokenTypos.pieceStrings(),
      ...this.domainTypos.pieceStrings(),
      ...this.labelSuffixPairs.keys(),
      ...this.officialRegistrable,
    ]);
    return [...out];
  }

  /**
   * Judges a host that is neither official nor blocklisted.
   *
   * @param host - normalised ASCII host (see `toAsciiHost`).
   * @param parts - its PSL parts (see `domainParts`).
   * @returns the first agency imitated and the reasons, or null.
   */
  detect(host: string, parts: DomainParts): LookalikeHit | null {
    if (parts.isIp) return null;
    const hit = this.detectForm(host, parts, false);
    if (hit) return this.decorate(hit, parts);
    const isIdn = host.includes('xn--');
    const unicode = isIdn ? toUnicodeHost(host) : host;
    if (isIdn && this.chineseNames.length > 0) {
      const chineseHit = this.chineseNameInLabel(unicode, parts);
      if (chineseHit) return this.decorate(chineseHit, parts);
    }
    // What a person sees: the UTS #39 skeleton of the Unicode form for IDN hosts, or the
    // ASCII confusables folded (hkp0, consurner) for plain ones.
    const seen = foldAsciiConfusables(isIdn ? skeleton(unicode) : host);
    if (seen === host) return null;
    for (const official of this.officialSkeletons) {
      if (isSameOrSubdomain(seen, official.skeleton)) {
        return this.decorate({ agency: official.agency, reasons: ['confusable-skeleton'] }, parts);
      }
    }
    const seenHit = this.detectForm(seen, parts, true);
    if (!seenHit) return null;
    seenHit.reasons.unshift('confusable-skeleton');
    return this.decorate(seenHit, parts);
  }

  private decorate(hit: LookalikeHit, parts: DomainParts): LookalikeHit {
    if (parts.isPrivateSuffix) hit.reasons.push('shared-hosting-suffix');
    return hit;
  }

  /** An agency's Chinese name inside an IDN label of the registrable domain or a subdomain (`香港郵政繳費.com`). */
  private chineseNameInLabel(unicodeHost: string, parts: DomainParts): LookalikeHit | null {
    const labels = unicodeHost.split('.');
    const suffixCount = parts.publicSuffix ? countLabels(parts.publicSuffix) : 0;
    const own = labels.slice(0, Math.max(1, labels.length - suffixCount));
    for (const label of own) {
      if (![...label].some(isCjk)) continue;
      const folded = this.chinese ? this.chinese.fold(label.normalize('NFKC')) : label;
      for (const { agency, name } of this.chineseNames) {
        if (folded.includes(name)) return { agency, reasons: ['chinese-name-in-idn'] };
      }
    }
    return null;
  }

  /**
   * The rules on one form of the host (ASCII, or skeleton). `parts` gives the number of
   * suffix labels; the skeleton maps character by character, so the count carries over.
   */
  private detectForm(form: string, parts: DomainParts, isSkeleton: boolean): LookalikeHit | null {
    // In the ASCII form, punycode labels (xn--…) are opaque: their letters are an encoding,
    // not what a person sees. The skeleton pass judges what they show.
    const labels = form.split('.');
    if (!isSkeleton && form.includes('xn--')) for (let i = 0; i < labels.length; i++) if (labels[i]!.startsWith('xn--')) labels[i] = '';
    const suffixCount = parts.publicSuffix ? countLabels(parts.publicSuffix) : 0;
    const own = labels.slice(0, Math.max(1, labels.length - suffixCount));
    // The rules that read words rather than the official name (2b, 3b, glued and affix typos)
    // never judge a host only a government can hold (ird.govt.nz, wsdot.wa.gov).
    const loose = !isGovernmentHost(parts);

    // 1. The official host as whole labels: investhk.gov.hk.pay-fee.top, investhk.gov.hk.com.
    for (let i = 0; i < labels.length; i++) {
      const runs = this.runsByFirstLabel.get(labels[i]!);
      if (runs === undefined) continue;
      for (const run of runs) {
        if (!startsRun(labels, i, run.labels)) continue;
        if (i + run.labels.length === labels.length) continue; // it ends the host: official or a skeleton equal (handled)
        const leading = i === 0 || (i === 1 && labels[0] === 'www');
        const reasons = [leading ? 'official-as-subdomain' : 'official-name-embedded'];
        // Only public-suffix labels follow: investhk.gov.hk.com, investhk.gov.hk.cn.
        if (leading && i + run.labels.length >= labels.length - suffixCount) reasons.push('tld-swap');
        return { agency: run.agency, reasons };
      }
    }

    // 2. The official host's labels as hyphen-separated words: www-investhk-gov-hk.example,
    //    investhk.gov.hk-verify.com. The host's own suffix labels count as words too
    //    (hkpo-gov.hk). Most hosts have no hyphen: then the words are the labels.
    const hyphenated = form.includes('-') || form.includes('_');
    const words = hyphenated ? own.flatMap((label) => label.split(SEPARATORS).filter(Boolean)) : own;
    if (hyphenated) {
      const all = withSuffix(words, own, labels);
      for (let i = 0; i < words.length; i++) {
        const runs = this.runsByFirstLabel.get(words[i]!);
        if (runs === undefined) continue;
        for (const run of runs) {
          if (!startsRun(all, i, run.labels)) continue;
          // example-office.com: an ordinary word before the host's own suffix is just a name.
          if (run.ordinary && i + run.labels.length > words.length) continue;
          return { agency: run.agency, reasons: ['official-name-embedded'] };
        }
      }
    }

    // 2b. The official label and its second-level suffix label with another ending, or a
    //     misspelt `gov`: wsd.gov.ink, wsd-gov.homes, ird.goy.hk, wsd.igov.help.
    if (loose && this.labelSuffixPairs.size > 0 && anyIn(words, this.labelSuffixPairs)) {
      const all = withSuffix(words, own, labels);
      for (let i = 0; i + 2 < all.length; i++) {
        const pairs = this.labelSuffixPairs.get(all[i]!);
        if (pairs === undefined) continue;
        const next = all[i + 1]!;
        for (const pair of pairs) {
          if (next === pair.sld) return { agency: pair.agency, reasons: ['official-name-embedded', 'suffix-swap'] };
          if (pair.sld === 'gov' && isGovWord(next)) return { agency: pair.agency, reasons: ['official-name-embedded', 'suffix-typo'] };
        }
      }
    }

    // 3. A distinctive token inside a label: investhk-payment.com, invest-hk-gov.top, hketolletca.com.
    const squashedLabels = hyphenated ? own.map((label) => label.replace(SEPARATORS, '')) : own;
    let segmentCandidate = false;
    for (let l = 0; l < own.length; l++) {
      const squashed = squashedLabels[l]!;
      for (let i = 0; i + 3 <= squashed.length; i++) {
        const entries = this.tokensByTrigram.get(trigramKey(squashed, i));
        if (entries === undefined) continue;
        for (const entry of entries) {
          if (!squashed.startsWith(entry.token, i)) continue;
          if (entry.segment) {
            segmentCandidate = loose;
            continue;
          }
          // A name made of ordinary words after another ordinary word is another name:
          // thehongkongpost.com is a newspaper ("The Hong Kong Post"), not Hongkong Post.
          if (entry.compound && i > 0 && endsWithOrdinaryWord(squashed.slice(0, i))) continue;
          const exact =
            entry.reasons[0] === 'brand-embedded' && entry.reasons.length === 1 && l === own.length - 1 && own[l] === entry.token;
          return { agency: entry.agency, reasons: exact ? ['brand-in-other-domain'] : [...entry.reasons] };
        }
      }
    }
    // The name split by dots (myethe.rwallet.com): the labels of the host joined back.
    if (own.length >= 2) {
      const joined = squashedLabels.join('');
      // Only starts that let a token cross a dot: the labels alone were scanned above.
      let boundary = 0;
      for (let l = 0; l + 1 < own.length; l++) {
        boundary += squashedLabels[l]!.length;
        const from = Math.max(0, boundary - this.maxSubstringToken + 1);
        for (let i = from; i < boundary && i + MIN_SUBSTRING_TOKEN <= joined.length; i++) {
          const entries = this.tokensByTrigram.get(trigramKey(joined, i));
          if (entries === undefined) continue;
          for (const entry of entries) {
            if (
              entry.segment ||
              entry.reasons[0] !== 'brand-embedded' ||
              !joined.startsWith(entry.token, i) ||
              i + entry.token.length <= boundary
            )
              continue;
            return { agency: entry.agency, reasons: ['brand-embedded', 'split-by-dots'] };
          }
        }
      }
    }
    if (this.shortTokens.size > 0) {
      for (const word of words) {
        const agency = this.shortTokens.get(word);
        if (agency !== undefined) return { agency, reasons: ['brand-embedded'] };
      }
    }

    // 3b. Short and ordinary tokens as words of a segmented label, with the evidence each
    //     kind needs (see `name-tokens.ts`): wsdgov, hkhsbc, octopushk, hk.octopusd.cloud.
    if (segmentCandidate) {
      const hit = this.segmentedHit(words);
      if (hit) return hit;
    }

    // 4. Typos of a brand token (lnvesthk.com, investhk-paymnet.com) and of a whole
    //    official registrable domain (investhk.gov.hx, investhkgov.hk).
    if (loose && this.gluedTypos.size > 0) {
      for (const word of words) {
        const agency = this.gluedTypos.get(word);
        if (agency !== undefined) return { agency, reasons: ['typo-distance-1', 'suffix-glued'] };
      }
    }
    // Not on the skeleton: a folded digit plus an edit is two changes (goog0le.com).
    if (!isSkeleton && this.shortEdits.size > 0) {
      for (const word of words) {
        const agency = this.shortEdits.get(word);
        if (agency !== undefined) return { agency, reasons: ['typo-distance-1'] };
      }
    }
    for (const word of words) {
      const match = this.tokenTypos.lookup(word)[0];
      if (match) return { agency: match.value, reasons: [`typo-distance-${match.distance}`] };
    }
    if (hyphenated) {
      for (const squashed of squashedLabels) {
        const match = this.tokenTypos.lookup(squashed)[0];
        if (match) return { agency: match.value, reasons: [`typo-distance-${match.distance}`] };
      }
    }
    // 5. A typo of a brand token glued to another word: lnvesthkpayment.com, payhongkongpots.net;
    //    for 7–11 letter tokens only when a place or government word stands beside it
    //    (gov.hketoliese.com).
    const context = loose && MAY_HOLD_CONTEXT.test(form) && words.some(isContextWord);
    for (const label of squashedLabels) {
      const match = this.tokenTypos.lookupAffix(label, context ? 1 : 2);
      if (match) return { agency: match.value, reasons: [`typo-distance-${match.distance}`, 'brand-embedded'] };
    }
    const registrable = isSkeleton ? labels.slice(-(suffixCount + 1)).join('.') : parts.registrable;
    if (!this.officialRegistrable.has(registrable)) {
      // One edit of a whole official registrable domain; when its label is too short for
      // typos of its own (hkpo: hkpl.gov.hk is the Public Libraries), the edit must leave
      // the label intact (hkpo.gov.hx, hkpogov.hk).
      for (const match of this.domainTypos.lookup(registrable)) {
        const label = this.officialLabelOf.get(match.token)!;
        if (damerauLevenshtein(registrable, match.token, 1) !== 1) continue;
        if (typoThreshold(label.length) === 0 && !registrable.startsWith(label)) continue;
        return { agency: match.value, reasons: ['typo-distance-1'] };
      }
    }
    return null;
  }

  /** Rule 3b on the words (hyphen-separated parts of the labels) of a host. */
  private segmentedHit(words: readonly string[]): LookalikeHit | null {
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      if (!this.mayHoldSegmentToken(word, words[w - 1], words[w + 1])) continue;
      const segments = segmentLabel(word, this.segmentTokenSet);
      let unknown = 0;
      for (const s of segments) if (s.kind === 'unknown') unknown += s.text.length;
      for (let s = 0; s < segments.length; s++) {
        if (segments[s]!.kind !== 'token') continue;
        const left = s > 0 ? segments[s - 1]! : wordUnit(words[w - 1]);
        const right = s + 1 < segments.length ? segments[s + 1]! : wordUnit(words[w + 1]);
        for (const entry of this.segmentTokens.get(segments[s]!.text) ?? []) {
          if (entry.kind === 'acronym') {
            if (unknown === 0 && (isContext(left, true) || isContext(right, true))) {
              return { agency: entry.agency, reasons: ['acronym-as-word'] };
            }
          } else if (entry.kind === 'ordinary') {
            const withLeft = isContext(left, false);
            if (unknown <= 2 && (withLeft || isContext(right, false))) {
              // After another ordinary word the phrase is another name (thehongkongpost.com).
              const start = withLeft ? s - 1 : s;
              const before = start >= 1 ? segments[start - 1] : undefined;
              if (before && before.kind === 'word' && before.text.length >= 3) continue;
              return { agency: entry.agency, reasons: ['name-with-place-word'] };
            }
          } else {
            return { agency: entry.agency, reasons: ['brand-embedded', entry.origin] };
          }
        }
      }
    }
    return null;
  }

  /**
   * Cheap test before segmenting `word`: it must hold a segment token, and an ordinary-word
   * token needs a place or government word in the word or beside it.
   */
  private mayHoldSegmentToken(word: string, before: string | undefined, after: string | undefined): boolean {
    let context: boolean | undefined;
    for (let i = 0; i + 3 <= word.length; i++) {
      const entries = this.segmentTrigrams.get(trigramKey(word, i));
      if (entries === undefined) continue;
      for (const entry of entries) {
        if (!word.startsWith(entry.token, i)) continue;
        if (entry.kind !== 'ordinary') return true;
        context ??= MAY_HOLD_CONTEXT.test(word) || isContextWord(before) || isContextWord(after);
        if (context) return true;
      }
    }
    return false;
  }
}

/** Every string one edit (Damerau-Levenshtein) from `word`, over lower-case letters and digits. */
function editsOf(word: string): Set<string> {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    for (const c of letters) out.add(word.slice(0, i) + c + word.slice(i));
    if (i < word.length) {
      out.add(word.slice(0, i) + word.slice(i + 1));
      for (const c of letters) out.add(word.slice(0, i) + c + word.slice(i + 1));
      if (i + 1 < word.length) out.add(word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2));
    }
  }
  out.delete(word);
  return out;
}

const NO_TOKENS: ReadonlySet<string> = new Set();
/** Cheap test for a place word inside a token (see `PLACE_WORDS`). */
const PLACE_IN = /hk|hongkong|xianggang/;

/** True when some word is a key of `map`. */
function anyIn(words: readonly string[], map: ReadonlyMap<string, unknown>): boolean {
  for (const word of words) if (map.has(word)) return true;
  return false;
}

/** The words of a host's own labels followed by its public-suffix labels. */
function withSuffix(words: string[], own: readonly string[], labels: readonly string[]): string[] {
  return own.length < labels.length ? words.concat(labels.slice(own.length)) : words;
}

/** A word that may hold a place or government word (or a misspelt gov): worth segmenting. */
const MAY_HOLD_CONTEXT = /hk|hongkong|g[a-z]?o[a-z]?[vy]|gv/;

function isContextWord(word: string | undefined): boolean {
  return word !== undefined && (PLACE_WORDS.has(word) || isGovWord(word));
}

/** True when `text` segments into words and its last one is an ordinary word of 3+ letters. */
function endsWithOrdinaryWord(text: string): boolean {
  const segments = segmentLabel(text, NO_TOKENS);
  const last = segments[segments.length - 1];
  return last !== undefined && last.kind === 'word' && last.text.length >= 3;
}

/** A neighbouring word as a segment (its kind from the word lists), or null at the edge. */
function wordUnit(word: string | undefined): Segment | null {
  if (!word) return null;
  if (PLACE_WORDS.has(word)) return { text: word, kind: 'place' };
  if (isGovWord(word)) return { text: word, kind: 'gov' };
  if (SERVICE_WORDS.has(word)) return { text: word, kind: 'service' };
  return { text: word, kind: 'word' };
}

/** True for a place or government word, and with `service` for a service word too. */
function isContext(unit: Segment | null, service: boolean): boolean {
  if (!unit) return false;
  return unit.kind === 'place' || unit.kind === 'gov' || (service && unit.kind === 'service');
}

const SEPARATORS = /[-_]+/g;

function countLabels(name: string): number {
  let n = 1;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 46) n++;
  return n;
}

function startsRun(haystack: readonly string[], at: number, run: readonly string[]): boolean {
  if (at + run.length > haystack.length) return false;
  for (let k = 0; k < run.length; k++) if (haystack[at + k] !== run[k]) return false;
  return true;
}
