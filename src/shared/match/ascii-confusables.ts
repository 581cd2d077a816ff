/**
 * The ASCII characters that the UTS #39 data itself lists as confusable
 * (https://www.unicode.org/reports/tr39/#Confusable_Detection, `confusables.txt`), folded
 * the readable way round. Kept apart from `confusable-skeleton.ts` (which carries the whole
 * table) so the per-page link prefilter can use the same pairs without the table.
 */

/**
 * `[written, read as]` pairs, applied in this order: `rn` → `m` (confusables.txt maps m to
 * "rn"), `0` → `o` (0 to O), `1` → `l` (1 and I to l).
 */
export const ASCII_CONFUSABLES: ReadonlyArray<readonly [string, string]> = [
  ['rn', 'm'],
  ['0', 'o'],
  ['1', 'l'],
];

const ASCII_CONFUSABLE = /rn|[01]/;

/**
 * Folds {@link ASCII_CONFUSABLES} in `input`, so `hkp0.gov.hk`, `consurner.org.hk` and
 * `ϲonsumercouncil.com` (whose skeleton spells "consurner") all compare equal to the names
 * they imitate. Applied after the UTS #39 skeleton and to plain ASCII hosts. Output is never
 * longer than the input; label separators are kept.
 *
 * @param input - a lower-case host or label (ASCII, or a skeleton).
 */
export function foldAsciiConfusables(input: string): string {
  if (!ASCII_CONFUSABLE.test(input)) return input;
  let out = input;
  for (const [written, read] of ASCII_CONFUSABLES) out = out.split(written).join(read);
  return out;
}
