/**
 * The words a lookalike host borrows from an agency's name, derived from its official
 * domains (and its feed `brand_tokens`), each with the evidence it needs to count:
 *
 * - `distinctive`: not an ordinary word (`hketoll`, `alipay`, `etoll`, `hongkongpost`);
 *   counts wherever it stands (6+ letters as a substring, 5 as a segment of its own).
 * - `ordinary`: an ordinary English word (`octopus`, `consumer`, `police`, `invest`): never
 *   counts alone, only beside a place or government word (`octopushk`, `hk.octopusd.cloud`).
 * - `acronym`: 3–4 letters (`wsd`, `ird`, `sfc`, `boc`): counts only as a whole segment of a
 *   label that segments into known words (see `host-words.ts`), beside a place, government
 *   or service word (`wsdgov`, `hkhsbc`, `wsd.igov.help`), never inside a word (`sfchronicle`).
 *
 * Derived forms, from the structure of an official label:
 * - the distinctive part of a compound label, without its place words: `etoll` from
 *   `hketoll`, `alipay` from `alipayhk`, `boc` from `bochk`;
 * - (the parts in the other order, `etollhk`, `posthongkong`, `hkboc`, are found through the
 *   part and the place word beside it);
 * - the label glued to its second-level suffix label, as people mistype a dotted name
 *   (Chromium's "target embedding without separators", `googlecom`): `wsdgov`, `hsbccom`.
 */
import { isCommonWord, PLACE_WORDS, segmentLabel } from './host-words';
import { domainParts } from './registrable-domain';

/** How much evidence a token needs (see the module note). */
export type TokenKind = 'distinctive' | 'ordinary' | 'acronym';

/** One token of one agency. */
export interface NameToken {
  agency: number;
  token: string;
  kind: TokenKind;
  /** Where it comes from, recorded in verdict reasons. */
  origin: 'label' | 'brand-token' | 'name-part' | 'suffix-glued';
}

/** Shortest acronym that counts (two letters, `sc`, `td`, occur everywhere). */
export const MIN_ACRONYM = 3;
/** Longest token treated as an acronym. */
export const MAX_ACRONYM = 4;

/** True when `label` begins or ends with a place word (only then can it be a compound with one). */
function startsOrEndsWithPlace(label: string): boolean {
  for (const place of PLACE_WORDS) if (label !== place && (label.startsWith(place) || label.endsWith(place))) return true;
  return false;
}

/** The kind of a word used as a name. */
export function tokenKind(word: string): TokenKind {
  if (isCommonWord(word)) return 'ordinary';
  return word.length <= MAX_ACRONYM ? 'acronym' : 'distinctive';
}

/**
 * The tokens of one agency.
 *
 * @param agency - index of the agency.
 * @param officialHosts - its normalised official hosts.
 * @param brandTokens - its feed `brand_tokens` (lower-case letters and digits), if any.
 */
export function nameTokens(agency: number, officialHosts: readonly string[], brandTokens: readonly string[]): NameToken[] {
  const out = new Map<string, NameToken>();
  const add = (token: string, kind: TokenKind, origin: NameToken['origin']) => {
    if (token.length < MIN_ACRONYM || !/^[a-z0-9]+$/.test(token) || PLACE_WORDS.has(token)) return;
    const seen = out.get(token);
    // An explicit brand token or a label outranks a derived form of the same text.
    if (seen && seen.origin !== 'name-part') return;
    out.set(token, { agency, token, kind, origin });
  };
  for (const raw of brandTokens) add(raw, tokenKind(raw), 'brand-token');
  for (const host of officialHosts) {
    const parts = domainParts(host);
    if (parts.isIp) continue;
    // An official host below a registrable domain the agency does not own
    // (news.example.com): its name is its own first label, not the registrable one.
    const owned = parts.subdomain === '' || parts.subdomain === 'www' ? parts.label : parts.subdomain.split('.')[0]!;
    const label = owned.replace(/[^a-z0-9]/g, '');
    add(label, tokenKind(label), 'label');
    // Compound labels: strip place words from either end (hketoll → etoll).
    const segments = startsOrEndsWithPlace(label) ? segmentLabel(label, new Set()) : [];
    let start = 0;
    let end = segments.length;
    while (start < end && segments[start]!.kind === 'place') start++;
    while (end > start && segments[end - 1]!.kind === 'place') end--;
    if (segments.length > 0 && (start > 0 || end < segments.length)) {
      const core = segments
        .slice(start, end)
        .map((s) => s.text)
        .join('');
      // The same words in another order (etollhk, posthongkong, hkboc) need no token of their
      // own: the part is a token, and a place word beside it is the evidence it needs.
      if (core.length >= MIN_ACRONYM) add(core, tokenKind(core), 'name-part');
    }
    // The label glued to its second-level suffix label: wsd.gov.hk → wsdgov.
    const suffixLabels = parts.publicSuffix.split('.');
    if (owned === parts.label && suffixLabels.length >= 2 && label.length >= MIN_ACRONYM)
      add(label + suffixLabels[0], 'distinctive', 'suffix-glued');
  }
  return [...out.values()];
}
