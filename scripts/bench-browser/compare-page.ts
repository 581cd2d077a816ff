/**
 * One page measured in the three browsers, interleaved run by run (no extension, floor,
 * ours), and the table row that sums it up. Each run uses a host of its own
 * (`urlFor(i)`), so no cache or per-host state carries over between runs.
 */
import type { Page } from 'playwright-core';
import type { BenchSetup } from './bench-setup';
import { measurePage, type Measured } from './measure-page';
import { fmt, maxOf, median, ms } from './stats';

export interface Compared {
  ext: Measured[];
  floor: Measured[];
  messagingFloor: Measured[];
  none: Measured[];
}

/** Settles: what to wait for in our browser, and in the other two (which mark nothing). */
export interface Settle {
  ext: (page: Page) => Promise<void>;
  others: (page: Page) => Promise<void>;
}

/** Runs `runs` times; `aroundExt` (optional) wraps each of our browser's runs (e.g. to log messages). */
export async function comparePage(
  setup: BenchSetup,
  urlFor: (run: number) => string,
  runs: number,
  settle: Settle,
  aroundExt?: { before(run: number): Promise<void>; after(run: number): Promise<void> },
): Promise<Compared> {
  const out: Compared = { ext: [], floor: [], messagingFloor: [], none: [] };
  for (let i = 0; i < runs; i++) {
    out.none.push(await measurePage(setup.none, urlFor(i), null, settle.others));
    out.floor.push(await measurePage(setup.floor, urlFor(i), setup.floorPrefix, settle.others));
    out.messagingFloor.push(await measurePage(setup.messagingFloor, urlFor(i), setup.floorPrefix, settle.others));
    await aroundExt?.before(i);
    out.ext.push(await measurePage(setup.ext.context, urlFor(i), setup.extPrefix, settle.ext));
    await aroundExt?.after(i);
  }
  return out;
}

/** Median extension time (trace) of a run set, ms. */
export const extMs = (runs: Measured[]): number => median(runs.map((m) => m.cost.totalMs));
/** The longest single extension event over all runs, ms. */
export const longestMs = (runs: Measured[]): number => maxOf(runs.map((m) => m.cost.longestMs));

/** Column headers of {@link compareRow}. */
export const COMPARE_HEADER = [
  'scenario',
  'ext (trace)',
  'floor (trace)',
  'messaging floor (trace)',
  'all renderer main-thread: ext / floor / none',
  'longest ext event',
  'ext JS samples: total / longest run',
  'long task after load (>50 ms)',
  'load: ext / floor / none',
  'page heap vs none: ext / floor',
  'frames with ext events / frames',
];

const longTask = (runs: Measured[]): string => {
  const worst = maxOf(runs.map((r) => r.longTaskAfterLoadMs));
  return worst > 0 ? ms(worst) : 'none';
};

/** The table row of a compared page (medians; "longest" columns: worst over runs). */
export function compareRow(label: string, c: Compared): string[] {
  const med = (runs: Measured[], f: (m: Measured) => number) => median(runs.map(f));
  const heapNone = med(c.none, (m) => m.heapMb);
  return [
    label,
    ms(extMs(c.ext), 2),
    ms(extMs(c.floor), 2),
    ms(extMs(c.messagingFloor), 2),
    `${fmt(med(c.ext, (m) => m.mainThreadMs))} / ${fmt(med(c.floor, (m) => m.mainThreadMs))} / ${fmt(med(c.none, (m) => m.mainThreadMs))} ms`,
    ms(longestMs(c.ext), 2),
    `${fmt(med(c.ext, (m) => m.sampled.totalMs))} / ${fmt(maxOf(c.ext.map((m) => m.sampled.longestRunMs)), 2)} ms`,
    longTask(c.ext),
    `${fmt(med(c.ext, (m) => m.loadMs))} / ${fmt(med(c.floor, (m) => m.loadMs))} / ${fmt(med(c.none, (m) => m.loadMs))} ms`,
    `${fmt(med(c.ext, (m) => m.heapMb) - heapNone, 2)} / ${fmt(med(c.floor, (m) => m.heapMb) - heapNone, 2)} MB`,
    `${fmt(
      med(c.ext, (m) => m.cost.frames),
      0,
    )} / ${fmt(
      med(c.ext, (m) => m.frames),
      0,
    )}`,
  ];
}
