import { describe, expect, it } from 'vitest';
import { outcome, targetRows } from './targets';
import { maxInWindow, median, shortestGap } from './stats';

describe('bench targets', () => {
  it('judges a figure against an inclusive limit, and a missing figure as not measured', () => {
    expect(outcome({ value: 2, limit: 2 })).toBe('MET');
    expect(outcome({ value: 2.01, limit: 2 })).toBe('MISSED');
    expect(outcome({ value: NaN, limit: 2 })).toBe('NOT MEASURED');
    expect(outcome({ value: Infinity, limit: 300 })).toBe('MISSED');
  });

  it('prints the figure with its unit and note', () => {
    expect(targetRows([{ target: 'popup', value: 412.34, limit: 300, unit: 'ms', note: 'first after install' }])).toEqual([
      ['popup', '412 ms (first after install)', '≤ 300 ms', 'MISSED'],
    ]);
    expect(targetRows([{ target: 'messages', value: NaN, limit: 0, unit: '' }])[0]![1]).toBe('—');
  });

  it('takes medians and the shortest gap between message times', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(shortestGap([0, 300, 420, 900])).toBe(120);
    expect(shortestGap([5])).toBeNaN();
    expect(maxInWindow([0, 300, 420, 900], 250)).toBe(2);
    expect(maxInWindow([0, 250, 500], 250)).toBe(1);
    expect(maxInWindow([], 250)).toBe(0);
  });
});
