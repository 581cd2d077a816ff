/**
 * One traced page load: opens `url` in a fresh tab of `context` with a performance trace
 * (`trace.ts`) and a CPU profile (`cpu-profile.ts`) running, waits for `settle`, then reads
 * what the page recorded about itself (`pages.ts` probe), its load time, the frames it
 * has, and its JS heap after a forced GC.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { startProfile, type SampledCost } from './cpu-profile';
import { extensionCost, NO_COST, rendererMainThreadMs, startTrace, type ExtensionCost } from './trace';

export interface Measured {
  /** Navigation start → load event start, ms. */
  loadMs: number;
  /** Longest task that started after the load event (the page itself is idle then), ms; 0 when none over 50 ms. */
  longTaskAfterLoadMs: number;
  cost: ExtensionCost;
  /** All renderer main-thread work during the trace, ms (`rendererMainThreadMs`). */
  mainThreadMs: number;
  sampled: SampledCost;
  /** Page time when the expected number of markers had appeared, ms (null: never). */
  markedMs: number | null;
  bannerMs: number | null;
  /** Page time of every marker, ms. */
  markTimes: number[];
  /** Frames in the page (main frame included), as Playwright sees them. */
  frames: number;
  heapMb: number;
}

async function pageHeapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
}

/**
 * Loads `url` in a fresh tab, traced; `settle` waits for the scenario to finish.
 * `scriptPrefix` is the URL prefix of the extension scripts to count (null: count none).
 */
export async function measurePage(
  context: BrowserContext,
  url: string,
  scriptPrefix: string | null,
  settle: (page: Page) => Promise<void>,
): Promise<Measured> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const stop = await startTrace(cdp);
  const stopProfile = await startProfile(cdp);
  await page.goto(url, { waitUntil: 'load' });
  await settle(page);
  const sampled = await stopProfile(scriptPrefix ?? '\u0000');
  const events = await stop();
  const timing = (await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const bench = (
      window as unknown as {
        __bench?: {
          markedAt: number | null;
          bannerAt: number | null;
          markTimes: number[];
          longTasks: Array<{ start: number; duration: number }>;
        };
      }
    ).__bench;
    const after = (bench?.longTasks ?? []).filter((t) => t.start >= nav.loadEventEnd).map((t) => t.duration);
    return {
      load: nav.loadEventStart,
      marked: bench?.markedAt ?? null,
      banner: bench?.bannerAt ?? null,
      markTimes: bench?.markTimes ?? [],
      longTask: Math.max(0, ...after),
    };
  })) as { load: number; marked: number | null; banner: number | null; markTimes: number[]; longTask: number };
  const frames = page.frames().length;
  const heapMb = await pageHeapMb(cdp);
  await cdp.detach();
  await page.close();
  return {
    loadMs: timing.load,
    longTaskAfterLoadMs: timing.longTask,
    cost: scriptPrefix ? extensionCost(events, scriptPrefix) : NO_COST,
    mainThreadMs: rendererMainThreadMs(events),
    sampled,
    markedMs: timing.marked,
    bannerMs: timing.banner,
    markTimes: timing.markTimes,
    frames,
    heapMb,
  };
}

/** Waits until `predicate` (a page expression) is true, polling every 50 ms; gives up silently after `timeoutMs`. */
export async function waitInPage(page: Page, predicate: string, timeoutMs: number): Promise<void> {
  await page.waitForFunction(predicate, undefined, { timeout: timeoutMs, polling: 50 }).catch(() => undefined);
}
