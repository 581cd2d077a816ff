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
import { Converter } from 'opencc-js/t2cn';

/** A name to look for. */
interface Needle {
  agency: number;
  text: string;
  latin: boolean;
  /** Made of ordinary and place words only: must be written as a name. */
  ordinary: boolean;
}

const toSimplified = Converter({ from: 'hk', to: 'cn' });

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
        if ([...plain].some(isCjk)) this.plain.push({ agency, text: foldText(toSimplified(plain)).trim() });
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
   * Agencies named in `text`, in order of first appearance.
   *
   * @param text - visible text (any length; folded here).
   * @returns agency indexes, each once.
   */
  find(text: string): number[] {
    const { text: folded, origin } = foldForMentions(text, this.chinese);
    const found: number[] = [];
    for (let i = 0; i + 1 < folded.length; i++) {
      const bucket = this.byPrefix.get(folded.slice(i, i + 2));
      if (!bucket) continue;
      for (const needle of bucket) {
        if (found.includes(needle.agency) || !folded.startsWith(needle.text, i)) continue;
        const end = i + needle.text.length;
        if (needle.latin && (isWordChar(folded[i - 1]) || isWordChar(folded[end]))) continue;
        if (needle.ordinary && !writtenAsName(text, folded, origin, i, end)) continue;
        found.push(needle.agency);
      }
    }
    return found;
  }
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
