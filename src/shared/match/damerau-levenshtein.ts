/**
 * Damerau-Levenshtein distance, restricted ("optimal string alignment") form: insertions,
 * deletions, substitutions and transpositions of adjacent characters each cost 1, and no
 * substring is edited twice. This is the distance used by typosquatting studies
 * (e.g. Agten et al., "Seven months' worth of mistakes", NDSS 2015).
 */

/**
 * Distance between `a` and `b`, or `max + 1` as soon as it must exceed `max`.
 *
 * @param a - first string (compared by UTF-16 code unit).
 * @param b - second string.
 * @param max - the largest distance of interest; bounds the work to O(len × (2·max+1)).
 */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  let prevPrev = new Array<number>(lb + 1).fill(0);
  let prev = Array.from({ length: lb + 1 }, (_, j) => j);
  let cur = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        d = Math.min(d, prevPrev[j - 2]! + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev[lb]!;
}
