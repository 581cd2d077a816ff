/**
 * An index that finds, for a word, the brand tokens within a small Damerau-Levenshtein
 * distance, without scanning every token: the symmetric-delete method (SymSpell, Wolf
 * Garbe 2012). Every token is stored under each string obtained by deleting up to `d`
 * characters; a query generates its own deletes and looks them up, then confirms each
 * candidate with the exact distance. Query cost depends on the word's length, not on
 * the number of agencies.
 */
import { damerauLevenshtein } from './damerau-levenshtein';

/**
 * Largest typo distance allowed for a token of `length` characters. Short names collide
 * with real words (investor vs investhk is 2 edits), so the allowance grows with length:
 * up to 6 characters none (confusable skeletons still apply), 7–11 one edit, 12 and more
 * two edits. These thresholds keep the real-domain corpora in `../shared/corpus/` free of
 * false alarms (see `lookalike-accuracy.test.ts`).
 */
export function typoThreshold(length: number): number {
  if (length <= 6) return 0;
  if (length <= 11) return 1;
  return 2;
}

/** A match found by {@link TypoIndex.lookup}. */
export interface TypoMatch<T> {
  value: T;
  token: string;
  distance: number;
}

export class TypoIndex<T> {
  private readonly deletes = new Map<string, Array<{ token: string; value: T; max: number }>>();
  private maxDistance = 0;

  /** Adds `token` (its own threshold from {@link typoThreshold}); tokens with threshold 0 are ignored. */
  add(token: string, value: T): void {
    const max = typoThreshold(token.length);
    if (max === 0) return;
    this.maxDistance = Math.max(this.maxDistance, max);
    for (const variant of deleteVariants(token, max)) {
      let list = this.deletes.get(variant);
      if (!list) this.deletes.set(variant, (list = []));
      if (!list.some((e) => e.token === token && e.value === value)) list.push({ token, value, max });
    }
  }

  /**
   * Tokens within their threshold of `word`, excluding exact equality (distance 0).
   *
   * @param word - lower-case ASCII word.
   */
  lookup(word: string): Array<TypoMatch<T>> {
    if (this.maxDistance === 0 || word.length < 5) return [];
    const found: Array<TypoMatch<T>> = [];
    const seen = new Set<string>();
    for (const variant of deleteVariants(word, this.maxDistance)) {
      const list = this.deletes.get(variant);
      if (!list) continue;
      for (const entry of list) {
        if (seen.has(entry.token)) continue;
        seen.add(entry.token);
        const distance = damerauLevenshtein(word, entry.token, entry.max);
        if (distance > 0 && distance <= entry.max) found.push({ value: entry.value, token: entry.token, distance });
      }
    }
    return found;
  }
}

/** The word itself and every string made by deleting 1..max characters from it. */
function deleteVariants(word: string, max: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < max; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const v = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  return out;
}
