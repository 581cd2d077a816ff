/**
 * Main-thread time attributable to the extension, from a Chromium performance trace (the
 * DevTools protocol's Tracing domain): trace events whose arguments name one of the
 * extension's content scripts (`chrome-extension://ID/src/content/…`): script evaluation
 * and compilation, function calls from timers, message replies and observers.
 *
 * A trace started from a page session records every process of the browser, so frames
 * that run in other renderer processes (out-of-process iframes, site isolation) are in it
 * too; the service worker's events are excluded by the URL prefix (it is not under
 * `src/content/`). Events are grouped by process and thread (`pid`, `tid`): an event nested
 * inside an earlier counted event of the same thread is skipped, events of different
 * threads never hide each other. Thread time (`tdur`) is used, not wall time, so another
 * busy process does not inflate the figures. The frames (trace `frame` ids) and processes
 * the counted events came from are reported, so a page with iframes shows whether the
 * content script was counted in each of them.
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: unknown;
}

export interface ExtensionCost {
  /** Total main-thread (thread) time of extension events, ms. */
  totalMs: number;
  /** The longest single extension event, ms: the longest task the extension caused. */
  longestMs: number;
  /** Number of top-level extension events. */
  events: number;
  /** Distinct frames (trace frame ids) with at least one extension event. */
  frames: number;
  /** Distinct renderer processes with at least one extension event. */
  processes: number;
}

export const NO_COST: ExtensionCost = { totalMs: 0, longestMs: 0, events: 0, frames: 0, processes: 0 };

const CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline', 'toplevel', '__metadata'];

/** Starts a trace on `cdp` (a page session); the returned function ends it and resolves every event. */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => void events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

/** The frame id an event names (`args.data.frame` or `args.frame`), if any. */
function frameOf(e: TraceEvent): string | null {
  const args = e.args as { frame?: unknown; data?: { frame?: unknown } } | undefined;
  const frame = args?.data?.frame ?? args?.frame;
  return typeof frame === 'string' ? frame : null;
}

/**
 * Sums the top-level complete events (`ph: 'X'`) whose arguments contain `urlPrefix`
 * (`chrome-extension://ID/src/content/` for our content scripts, `chrome-extension://` for
 * any extension).
 */
export function extensionCost(events: readonly TraceEvent[], urlPrefix: string): ExtensionCost {
  const mine = events
    .filter((e) => e.ph === 'X' && typeof e.dur === 'number' && JSON.stringify(e.args ?? {}).includes(urlPrefix))
    .sort((a, b) => a.ts - b.ts);
  let totalMs = 0;
  let longestMs = 0;
  let count = 0;
  const coveredUntil = new Map<string, number>();
  const frames = new Set<string>();
  const processes = new Set<number>();
  for (const e of mine) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ts < (coveredUntil.get(thread) ?? -Infinity)) continue; // nested in a counted event
    const ms = (e.tdur ?? e.dur ?? 0) / 1000;
    if (process.env.BENCH_DEBUG) console.log(`  [trace] ${e.pid} ${e.name} ${ms.toFixed(2)} ms ${JSON.stringify(e.args).slice(0, 160)}`);
    totalMs += ms;
    longestMs = Math.max(longestMs, ms);
    count++;
    coveredUntil.set(thread, e.ts + (e.dur ?? 0));
    processes.add(e.pid);
    const frame = frameOf(e);
    if (frame) frames.add(frame);
  }
  return { totalMs, longestMs, events: count, frames: frames.size, processes: processes.size };
}

/**
 * All main-thread work of every renderer's main thread (`CrRendererMain`) in the trace, ms
 * of thread time: the top-level tasks (`RunTask`, `ThreadControllerImpl::RunTask`), nested
 * ones counted once. Independent of attribution, so with and without the extension on the
 * same page it shows what the extension added, microtasks and rendering included (and
 * whatever else the browser did meanwhile: a noisier figure).
 */
export function rendererMainThreadMs(events: readonly TraceEvent[]): number {
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && (e.args as { name?: string } | undefined)?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events
    .filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && main.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts);
  const coveredUntil = new Map<string, number>();
  let total = 0;
  for (const e of tasks) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ts < (coveredUntil.get(thread) ?? -Infinity)) continue;
    total += (e.tdur ?? e.dur ?? 0) / 1000;
    coveredUntil.set(thread, e.ts + (e.dur ?? 0));
  }
  return total;
}
