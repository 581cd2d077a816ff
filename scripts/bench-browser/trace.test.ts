import { describe, expect, it } from 'vitest';
import { extensionCost, type TraceEvent } from './trace';

const OURS = 'chrome-extension://abc/src/content/index.js';
const ev = (pid: number, tid: number, ts: number, durUs: number, url = OURS, frame = `f${pid}`): TraceEvent => ({
  name: 'FunctionCall',
  ph: 'X',
  ts,
  dur: durUs,
  tdur: durUs,
  pid,
  tid,
  args: { data: { url, frame } },
});

describe('extensionCost', () => {
  it('counts nested events once per thread, and the same times in another process separately', () => {
    const cost = extensionCost(
      [
        ev(1, 1, 0, 5000),
        ev(1, 1, 1000, 2000), // nested in the first
        ev(2, 7, 1000, 3000), // an out-of-process iframe at the same time
        ev(1, 1, 9000, 1000),
        ev(1, 1, 20000, 4000, 'https://page.example/app.js'), // the page's own script
      ],
      'chrome-extension://abc/src/content/',
    );
    expect(cost.totalMs).toBeCloseTo(9);
    expect(cost.longestMs).toBeCloseTo(5);
    expect(cost.events).toBe(3);
    expect(cost.frames).toBe(2);
    expect(cost.processes).toBe(2);
  });
});
