/**
 * Scenarios 1, 2, 4 and the page side of 5 and 9 (issue 15): traced loads of
 * - the ordinary 2,000-element page (target: ours ≤ 2× the floor);
 * - 10,000 and 50,000 links, 5 dangerous (target: ≤ 1 ms over the floor per 1,000 links;
 *   our browser waits until all 5 are marked and the banner shown);
 * - the ordinary page with 20 third-party iframes (target: ours ≤ 3× ours on the ordinary
 *   page; the trace counts every frame's content script, in every renderer process);
 * - the longest single extension event on each (target ≤ 16 ms, one frame at 60 Hz);
 * - page JS heap growth on the 50,000-link page, ours minus none (target ≤ 1 MB).
 */
import type { BenchSetup, ScenarioResult } from './bench-setup';
import { compareRow, comparePage, extMs, longestMs, type Compared } from './compare-page';
import { waitInPage } from './measure-page';
import { median } from './stats';
import type { TargetResult } from './targets';

export const IFRAMES = 20;

export interface PageCosts extends ScenarioResult {
  plain: Compared;
}

export async function runPageCosts(setup: BenchSetup): Promise<PageCosts> {
  const rows: string[][] = [];
  const targets: TargetResult[] = [];
  const longest: TargetResult[] = [];
  const idle = (p: { waitForTimeout(ms: number): Promise<void> }) => p.waitForTimeout(1000);

  const plain = await comparePage(setup, (i) => `http://news${i}.example.com/ordinary`, setup.runs, { ext: idle, others: idle });
  rows.push(compareRow('plain page (2,000 elements)', plain));
  const floorPlain = extMs(plain.floor);
  targets.push({
    target: 'plain page: ext ≤ 2× floor',
    value: extMs(plain.ext) / floorPlain,
    limit: 2,
    unit: '×',
    note: `${extMs(plain.ext).toFixed(2)} vs ${floorPlain.toFixed(2)} ms; ${(extMs(plain.ext) / extMs(plain.messagingFloor)).toFixed(1)}× the messaging floor (${extMs(plain.messagingFloor).toFixed(2)} ms)`,
  });
  longest.push({ target: 'longest ext event ≤ 16 ms: plain page', value: longestMs(plain.ext), limit: 16, unit: 'ms' });

  let heap50k = NaN;
  for (const n of [10_000, 50_000]) {
    const marked = 'window.__bench && window.__bench.markedAt !== null && window.__bench.bannerAt !== null';
    const many = await comparePage(setup, (i) => `http://archive${i}.example${n}.net/links?n=${n}&bad=5`, setup.fewRuns, {
      ext: (p) => waitInPage(p, marked, 30_000).then(() => p.waitForTimeout(500)),
      others: (p) => p.waitForTimeout(1500),
    });
    const label = `${n.toLocaleString('en')} links, 5 dangerous`;
    rows.push(compareRow(label, many));
    const over = extMs(many.ext) - extMs(many.floor);
    targets.push({
      target: `${label}: ≤ 1 ms over floor per 1,000 links`,
      value: over / (n / 1000),
      limit: 1,
      unit: 'ms',
      note: `${over.toFixed(1)} ms over floor`,
    });
    longest.push({
      target: `longest ext event ≤ 16 ms: ${n.toLocaleString('en')} links`,
      value: longestMs(many.ext),
      limit: 16,
      unit: 'ms',
    });
    if (n === 50_000) heap50k = median(many.ext.map((m) => m.heapMb)) - median(many.none.map((m) => m.heapMb));
  }

  const frames = await comparePage(setup, (i) => `http://portal${i}.example.com/iframes?n=${IFRAMES}`, setup.runs, {
    ext: (p) => p.waitForTimeout(2000),
    others: (p) => p.waitForTimeout(2000),
  });
  rows.push(compareRow(`plain page + ${IFRAMES} third-party iframes`, frames));
  const framesCounted = median(frames.ext.map((m) => m.cost.frames));
  const framesPresent = median(frames.ext.map((m) => m.frames));
  targets.push({
    target: `${IFRAMES} third-party iframes: ext ≤ 3× ext on plain page`,
    value: extMs(frames.ext) / extMs(plain.ext),
    limit: 3,
    unit: '×',
    note: `${extMs(frames.ext).toFixed(1)} vs ${extMs(plain.ext).toFixed(1)} ms; ext events in ${framesCounted} of ${framesPresent} frames, ${median(frames.ext.map((m) => m.cost.processes))} processes`,
  });
  longest.push({ target: `longest ext event ≤ 16 ms: ${IFRAMES} iframes`, value: longestMs(frames.ext), limit: 16, unit: 'ms' });

  targets.push({
    target: 'page heap growth on 50,000 links ≤ 1 MB',
    value: heap50k,
    limit: 1,
    unit: 'MB',
    note: 'ext minus none, after GC',
  });
  return { rows, targets: [...targets, ...longest], notes: [], plain };
}
