/**
 * Main-thread time attributable to the extension, from a Chromium performance trace (the
 * DevTools protocol's Tracing domain): trace events whose arguments name one of the
 * extension's content scripts (`chrome-extension://ID/src/content/…`): script evaluation
 * and compilation, function calls from timers, message replies and observers. (A trace
 * covers all processes; the service worker's events are excluded by that prefix.) Nested events
 * are counted once (an event inside an earlier one is skipped). Thread time (`tdur`) is
 * used, not wall time, so another busy process does not inflate the figures.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
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
}

const CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline'];

/** Starts a trace on `cdp` (a page session). */
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

/**
 * Sums the top-level complete events of scripts whose URL starts with `urlPrefix`
 * (`chrome-extension://ID/` for one extension, `chrome-extension://` for any).
 */
export function extensionCost(events: TraceEvent[], urlPrefix: string): ExtensionCost {
  const marker = urlPrefix;
  const mine = events
    .filter((e) => e.ph === 'X' && typeof e.dur === 'number' && JSON.stringify(e.args ?? {}).includes(marker))
    .sort((a, b) => a.ts - b.ts);
  let totalMs = 0;
  let longestMs = 0;
  let count = 0;
  let coveredUntil = -Infinity;
  let coveredTid = -1;
  for (const e of mine) {
    if (e.tid === coveredTid && e.ts < coveredUntil) continue; // nested in a counted event
    const ms = (e.tdur ?? e.dur ?? 0) / 1000;
    if (process.env.BENCH_DEBUG) console.log(`  [trace] ${e.name} ${ms.toFixed(2)} ms ${JSON.stringify(e.args).slice(0, 160)}`);
    totalMs += ms;
    longestMs = Math.max(longestMs, ms);
    count++;
    coveredUntil = e.ts + (e.dur ?? 0);
    coveredTid = e.tid;
  }
  return { totalMs, longestMs, events: count };
}
