/**
 * Finds agency names in text: every name and alias in every language, case- and
 * width-insensitive (see `foldText`), Latin names on word boundaries (so "invest? Hong
 * Kong" and "reinvesthk" do not count), Chinese names anywhere. Traditional names also
 * match in Simplified script: the Simplified form is derived with OpenCC (`opencc-js`,
 * Hong Kong Traditional → mainland Simplified) the first time text is searched. Building
 * the converter parses OpenCC's dictionaries (tens of milliseconds), which a caller that
 * only judges URLs (`scam-alert check URL`) never pays.
 */
import { Converter } from 'opencc-js/t2cn';
import { foldText, isCjk } from './normalize-text';
import { includesWord } from './request-cues';

/** A name to look for. */
interface Needle {
  agency: number;
  text: string;
  latin: boolean;
}

let toSimplified: ((text: string) => string) | undefined;

/** Hong Kong Traditional → mainland Simplified, the converter built on first use. */
function simplified(text: string): string {
  toSimplified ??= Converter({ from: 'hk', to: 'cn' });
  return toSimplified(text);
}

export class MentionFinder {
  /** Needles indexed by their first two characters, so a scan costs O(text length); built on first use. */
  private index: Map<string, Needle[]> | undefined;

  /**
   * @param names - per agency (by index), its names and aliases in any language.
   */
  constructor(private readonly names: ReadonlyArray<readonly string[]>) {}

  private get byPrefix(): Map<string, Needle[]> {
    if (this.index) return this.index;
    const index = new Map<string, Needle[]>();
    this.names.forEach((list, agency) => {
      const texts = new Set<string>();
      for (const name of list) {
        const folded = foldText(name).trim();
        if (folded.length < 2) continue;
        texts.add(folded);
        if ([...folded].some(isCjk)) texts.add(foldText(simplified(folded)).trim());
      }
      for (const text of texts) {
        const needle: Needle = { agency, text, latin: ![...text].some(isCjk) };
        const key = text.slice(0, 2);
        const bucket = index.get(key) ?? [];
        bucket.push(needle);
        index.set(key, bucket);
      }
    });
    this.index = index;
    return index;
  }

  /**
   * The folded needle texts (see `foldText`) of the given agencies: a cheap prefilter for a
   * caller that holds much text (a content script checks `foldText(text).includes(n)` for
   * each before sending the text for a full check). Word boundaries are not applied here.
   *
   * @param agencies - agency indexes to include; all when omitted.
   */
  needles(agencies?: ReadonlySet<number>): string[] {
    const out = new Set<string>();
    for (const bucket of this.byPrefix.values()) {
      for (const needle of bucket) if (!agencies || agencies.has(needle.agency)) out.add(needle.text);
    }
    return [...out];
  }

  /**
   * Agencies named in `text`, in order of first appearance.
   *
   * @param text - visible text (any length; folded here).
   * @returns agency indexes, each once.
   */
  find(text: string): number[] {
    const folded = foldText(text);
    const found: number[] = [];
    for (let i = 0; i + 1 < folded.length; i++) {
      const bucket = this.byPrefix.get(folded.slice(i, i + 2));
      if (!bucket) continue;
      for (const needle of bucket) {
        if (found.includes(needle.agency) || !folded.startsWith(needle.text, i)) continue;
        if (needle.latin && !includesWord(folded.slice(Math.max(0, i - 1), i + needle.text.length + 1), needle.text)) continue;
        found.push(needle.agency);
      }
    }
    return found;
  }
}
