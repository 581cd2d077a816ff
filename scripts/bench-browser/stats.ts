/** Small number helpers for the browser benchmark's tables (pure). */

/** The median of `xs` (mean of the two middle values for an even count; NaN ignored, Infinity kept); NaN when empty. */
export function median(xs: readonly number[]): number {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The largest value of `xs` (NaN ignored); NaN when there is none. */
export function maxOf(xs: readonly number[]): number {
  const known = xs.filter((x) => !Number.isNaN(x));
  return known.length ? Math.max(...known) : NaN;
}

/** `n` with `digits` decimals; "never" for Infinity (it did not happen); "—" for a missing figure. */
export function fmt(n: number | null | undefined, digits = 1): string {
  if (n === Infinity) return 'never';
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '—';
}

/** `n` milliseconds as "12.3 ms", or "—". */
export function ms(n: number | null | undefined, digits = 1): string {
  const text = fmt(n, digits);
  return text === '—' ? text : `${text} ms`;
}

/** The shortest gap between consecutive values of an ascending list, or NaN with fewer than two. */
export function shortestGap(times: readonly number[]): number {
  let best = NaN;
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    if (!(gap >= best)) best = gap;
  }
  return best;
}

/** The largest number of `times` (ms, ascending) inside any window of `windowMs` (start inclusive, end exclusive). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
