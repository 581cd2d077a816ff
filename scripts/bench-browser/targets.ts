/**
 * The targets of issue 15 as the benchmark judges them: each figure against its limit,
 * MET / MISSED, or "NOT MEASURED" when the figure is missing (NaN: a scenario failed or a
 * mark the service worker does not set yet). Infinity stands for "never happened" (MISSED). Limits are inclusive ("≤"). Pure.
 */
import { fmt } from './stats';

export interface TargetResult {
  /** What is promised, in words: "plain page: ext ≤ 2× floor". */
  target: string;
  /** The measured figure in the unit of `limit` (NaN when not measured). */
  value: number;
  limit: number;
  unit: string;
  /** Extra words printed after the figure (how it was measured, the inputs). */
  note?: string;
}

export type Outcome = 'MET' | 'MISSED' | 'NOT MEASURED';

/** MET when `value ≤ limit`, MISSED above it (Infinity: it never happened), NOT MEASURED when `value` is NaN. */
export function outcome(result: Pick<TargetResult, 'value' | 'limit'>): Outcome {
  if (Number.isNaN(result.value)) return 'NOT MEASURED';
  return result.value <= result.limit ? 'MET' : 'MISSED';
}

/** One row per target: target, figure (value unit, note), limit, outcome. */
export function targetRows(results: readonly TargetResult[]): string[][] {
  return results.map((r) => {
    const digits = r.unit === '' ? 0 : Math.abs(r.value) >= 100 ? 0 : Math.abs(r.value) >= 10 ? 1 : 2;
    const figure = `${fmt(r.value, digits)}${r.unit && !Number.isNaN(r.value) ? ` ${r.unit}` : ''}${r.note ? ` (${r.note})` : ''}`;
    return [r.target, figure, `≤ ${r.limit}${r.unit ? ` ${r.unit}` : ''}`, outcome(r)];
  });
}
