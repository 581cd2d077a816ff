/**
 * An index that finds, for a word, the brand tokens within a small Damerau-Levenshtein
 * distance, without scanning every token and without generating variants of the word.
 *
 * Filter (pigeonhole, as in the q-gram filters of approximate string matching, e.g.
 * Navarro, "A guided tour to approximate string matching", ACM CSUR 2001, §8): a token
 * allowed `d` edits is cut into `d + 1` pieces separated by one-character gaps. One edit
 * (insertion, deletion, substitution, or transposition of two adjacent characters) can
 * break at most one piece, because a transposition that straddles a piece boundary
 * touches a gap character; so a word within distance `d` contains at least one piece
 * intact, shifted by at most `d` positions. Pieces are indexed by their first three
 * characters (a number, so the query allocates no strings); each candidate is confirmed
 * with the exact, bounded distance. Query cost: one map probe per position of the word,
 * plus a bounded distance computation per surviving candidate; it does not grow with
 * the number of tokens unless tokens share trigrams at the same offsets.
 */
import { damerauLevenshtein } from './damerau-levenshtein';

/**
 * Largest typo distance allowed for a token of `length` characters. Short names collide
 * with real words (investor vs investhk is 2 edits), so the allowance grows with length:
 * up to 6 characters none (confusable skeletons still apply), 7–11 one edit, 12 and more
 * two edits. These thresholds keep the real-domain corpora in `test/fixtures/corpus/` free of
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

interface PieceEntry<T> {
  token: string;
  value: T;
  max: number;
  offset: number;
  piece: string;
}

export class TypoIndex<T> {
  private readonly pieces = new Map<number, Array<PieceEntry<T>>>();
  private minLength = Infinity;
  private maxLength = 0;

  /** Adds `token` (its own threshold from {@link typoThreshold}); tokens with threshold 0 are ignored. */
  add(token: string, value: T): void {
    const max = typoThreshold(token.length);
    if (max === 0) return;
    this.minLength = Math.min(this.minLength, token.length - max);
    this.maxLength = Math.max(this.maxLength, token.length + max);
    // d + 1 pieces separated by one-character gaps; with the thresholds above every
    // piece has at least three characters (7 → 3+gap+3, 12 → 3+gap+3+gap+4).
    const count = max + 1;
    const room = token.length - max;
    let offset = 0;
    for (let k = 0; k < count; k++) {
      const length = Math.floor(room / count) + (k < room % count ? 1 : 0);
      const piece = token.slice(offset, offset + length);
      const key = trigramKey(piece, 0);
      let list = this.pieces.get(key);
      if (!list) this.pieces.set(key, (list = []));
      if (!list.some((e) => e.token === token && e.value === value && e.offset === offset)) list.push({ token, value, max, offset, piece });
      offset += length + 1;
    }
  }

  /**
   * Every piece of every token: a word within a token's threshold contains one of its
   * pieces intact (the filter above), so a host that contains none cannot match.
   */
  pieceStrings(): string[] {
    return [...this.pieces.values()].flatMap((list) => list.map((e) => e.piece));
  }

  /**
   * Tokens within their threshold of `word`, excluding exact equality (distance 0).
   *
   * @param word - lower-case word (ASCII, or a confusable skeleton).
   */
  lookup(word: string): Array<TypoMatch<T>> {
    const found: Array<TypoMatch<T>> = [];
    const length = word.length;
    if (length < this.minLength || length > this.maxLength) return found;
    for (let i = 0; i + 3 <= length; i++) {
      const list = this.pieces.get(trigramKey(word, i));
      if (list === undefined) continue;
      for (const e of list) {
        if (Math.abs(i - e.offset) > e.max || Math.abs(length - e.token.length) > e.max) continue;
        if (!word.startsWith(e.piece, i) || found.some((f) => f.token === e.token && f.value === e.value)) continue;
        const distance = damerauLevenshtein(word, e.token, e.max);
        if (distance > 0 && distance <= e.max) found.push({ value: e.value, token: e.token, distance });
      }
    }
    return found;
  }

  /**
   * Typos of a token glued to other letters at the start or the end of `word`
   * (`hongkongpotspayment`, `payconsumercouncli`), for tokens long enough to be allowed two
   * edits (12+ characters): the token is compared with the prefix and the suffix of `word`
   * of its own length or one longer, and one edit is allowed (substitution, transposition,
   * insertion). Shorter tokens and deletions are not tried: where the token ends is
   * unknown, and a short token's neighbours glued to other letters are real names
   * (`investhub` is one edit from `investhk` + "ub"; `investk` starts `investkorea`).
   *
   * @param word - lower-case word longer than the tokens it may contain.
   * @param minEdits - only tokens allowed at least this many edits of their own are tried:
   *   2 (12+ letters) by default; 1 (7+ letters) when the caller has a second signal.
   * @returns the first match, or null.
   */
  lookupAffix(word: string, minEdits = 2): TypoMatch<T> | null {
    const length = word.length;
    if (length <= this.minLength) return null;
    for (let i = 0; i + 3 <= length; i++) {
      const list = this.pieces.get(trigramKey(word, i));
      if (list === undefined) continue;
      for (const e of list) {
        const n = e.token.length;
        if (e.max < minEdits || length <= n || !word.startsWith(e.piece, i)) continue;
        // The token itself is there, intact: that is for the exact rules to judge, not a typo.
        if (word.includes(e.token)) continue;
        for (let w = n; w <= n + 1 && w < length; w++) {
          // A prefix when the piece sits near its own offset; a suffix when near the end.
          if (i <= e.offset + 1 && damerauLevenshtein(word.slice(0, w), e.token, 1) === 1) {
            return { value: e.value, token: e.token, distance: 1 };
          }
          if (i >= length - w && damerauLevenshtein(word.slice(length - w), e.token, 1) === 1) {
            return { value: e.value, token: e.token, distance: 1 };
          }
        }
      }
    }
    return null;
  }
}

/** The three UTF-16 code units of `s` at `at` as one number (exact below 2^48). */
export function trigramKey(s: string, at: number): number {
  return s.charCodeAt(at) * 4294967296 + s.charCodeAt(at + 1) * 65536 + s.charCodeAt(at + 2);
}
