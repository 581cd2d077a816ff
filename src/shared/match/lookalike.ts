/**
 * Lookalike detection: does a host that is not official imitate an official domain?
 * See the design note at the top of `matcher.ts` for the rules and thresholds.
 *
 * Every rule runs on the ASCII host and, when the host has Unicode (IDN) labels, again
 * on its UTS #39 confusable skeleton; a hit found only on the skeleton carries the
 * reason `confusable-skeleton`.
 */
import { foldAsciiConfusables, skeleton } from './confusable-skeleton';
import { damerauLevenshtein } from './damerau-levenshtein';
import { isSameOrSubdomain, toUnicodeHost } from './host';
import { domainParts, type DomainParts } from './registrable-domain';
import { trigramKey, TypoIndex, typoThreshold } from './typo-index';

/** What the detector needs to know about one agency. */
export interface LookalikeAgency {
  /** Normalised ASCII official hosts. */
  officialHosts: string[];
  /** Brand tokens: lower-case ASCII letters and digits. */
  brandTokens: string[];
}

/** A lookalike hit: which agency (index into the list given to the constructor) and why. */
export interface LookalikeHit {
  agency: number;
  reasons: string[];
}

/** Brand tokens shorter than this are matched only as whole words, never as substrings. */
export const MIN_SUBSTRING_TOKEN = 6;
/** Registrable domains at least this long may be one edit away from an official one. */
export const MIN_DOMAIN_TYPO_LENGTH = 10;

interface LabelRun {
  agency: number;
  labels: string[];
}

export class LookalikeDetector {
  /** Official hosts as label sequences, indexed by their first label. */
  private readonly runsByFirstLabel = new Map<string, LabelRun[]>();
  /** Skeletons of official hosts. */
  private readonly officialSkeletons: Array<{ agency: number; skeleton: string }> = [];
  /** Brand tokens indexed by their first three characters (see `trigramKey`), for substring search. */
  private readonly tokensByTrigram = new Map<number, Array<{ agency: number; token: string }>>();
  /** Short brand tokens, matched as whole words. */
  private readonly shortTokens = new Map<string, number>();
  private readonly tokenTypos = new TypoIndex<number>();
  private readonly domainTypos = new TypoIndex<number>();
  private readonly officialRegistrable = new Set<string>();
  /** The label (registrable domain without suffix) of each official registrable domain. */
  private readonly officialLabelOf = new Map<string, string>();

  constructor(agencies: readonly LookalikeAgency[]) {
    agencies.forEach((agency, index) => {
      for (const host of agency.officialHosts) {
        // The host as labels, and its ASCII-confusable fold when that differs (a host
        // with "rn", "0" or "1" is searched in folded form too).
        for (const form of new Set([host, foldAsciiConfusables(host)])) {
          const labels = form.split('.');
          const first = labels[0]!;
          const runs = this.runsByFirstLabel.get(first) ?? [];
          runs.push({ agency: index, labels });
          this.runsByFirstLabel.set(first, runs);
        }
        this.officialSkeletons.push({ agency: index, skeleton: foldAsciiConfusables(skeleton(host)) });
        const parts = domainParts(host);
        this.officialRegistrable.add(parts.registrable);
        this.officialLabelOf.set(parts.registrable, parts.label);
        if (parts.registrable.length >= MIN_DOMAIN_TYPO_LENGTH) this.domainTypos.add(parts.registrable, index);
      }
      for (const raw of agency.brandTokens) {
        for (const token of new Set([raw, foldAsciiConfusables(raw)])) {
          if (token.length >= MIN_SUBSTRING_TOKEN) {
            const key = trigramKey(token, 0);
            const list = this.tokensByTrigram.get(key) ?? [];
            if (!list.some((e) => e.token === token && e.agency === index)) list.push({ agency: index, token });
            this.tokensByTrigram.set(key, list);
          } else {
            this.shortTokens.set(token, index);
          }
          this.tokenTypos.add(token, index);
        }
      }
    });
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
    // What a person sees: the UTS #39 skeleton of the Unicode form for IDN hosts, or the
    // ASCII confusables folded (hkp0, consurner) for plain ones.
    const isIdn = host.includes('xn--');
    const seen = foldAsciiConfusables(isIdn ? skeleton(toUnicodeHost(host)) : host);
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
      const wordsAndSuffix = own.length < labels.length ? words.concat(labels.slice(own.length)) : words;
      for (let i = 0; i < words.length; i++) {
        const runs = this.runsByFirstLabel.get(words[i]!);
        if (runs === undefined) continue;
        for (const run of runs) {
          if (startsRun(wordsAndSuffix, i, run.labels)) return { agency: run.agency, reasons: ['official-name-embedded'] };
        }
      }
    }

    // 3. A brand token inside a label: investhk-payment.com, invest-hk-gov.top, investhk.github.io.
    const squashedLabels = hyphenated ? own.map((label) => label.replace(SEPARATORS, '')) : own;
    for (let l = 0; l < own.length; l++) {
      const squashed = squashedLabels[l]!;
      for (let i = 0; i + MIN_SUBSTRING_TOKEN <= squashed.length; i++) {
        const entries = this.tokensByTrigram.get(trigramKey(squashed, i));
        if (entries === undefined) continue;
        for (const entry of entries) {
          if (!squashed.startsWith(entry.token, i)) continue;
          const exact = l === own.length - 1 && own[l] === entry.token;
          return { agency: entry.agency, reasons: [exact ? 'brand-in-other-domain' : 'brand-embedded'] };
        }
      }
    }
    if (this.shortTokens.size > 0) {
      for (const word of words) {
        const agency = this.shortTokens.get(word);
        if (agency !== undefined) return { agency, reasons: ['brand-embedded'] };
      }
    }

    // 4. Typos of a brand token (lnvesthk.com, investhk-paymnet.com) and of a whole
    //    official registrable domain (investhk.gov.hx, investhkgov.hk).
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
    // 5. A typo of a brand token glued to another word: lnvesthkpayment.com, payhongkongpots.net.
    for (const label of squashedLabels) {
      const match = this.tokenTypos.lookupAffix(label);
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
