/**
 * Extension JavaScript time from V8's sampling CPU profiler (DevTools protocol `Profiler`),
 * as a cross-check of the trace-event figures in `trace.ts`: a sample counts for the
 * extension when any frame of its stack belongs to a content script of the extension, so
 * promise continuations (microtasks after a message reply or a yield) and DOM calls made
 * from extension code are included, which trace events attribute to no script.
 */
import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SampledCost {
  /** Sampled time with an extension frame on the stack, ms. */
  totalMs: number;
  /** Longest run of consecutive extension samples (gaps under 1 ms joined), ms. */
  longestRunMs: number;
}

/** Starts sampling every 100 µs; the returned function stops and attributes the samples. */
export async function startProfile(cdp: CDPSession): Promise<(urlPrefix: string) => Promise<SampledCost>> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return async (urlPrefix) => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parents = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
    const memo = new Map<number, boolean>();
    const ours = (id: number): boolean => {
      const cached = memo.get(id);
      if (cached !== undefined) return cached;
      const node = byId.get(id);
      const parent = parents.get(id);
      const value = !!node && (node.callFrame.url.startsWith(urlPrefix) || (parent !== undefined && ours(parent)));
      memo.set(id, value);
      return value;
    };
    let totalUs = 0;
    let runUs = 0;
    let longestUs = 0;
    let gapUs = 0;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
      if (ours(id)) {
        totalUs += delta;
        runUs += delta + (gapUs < 1000 ? gapUs : 0);
        if (gapUs >= 1000) runUs = delta;
        gapUs = 0;
        longestUs = Math.max(longestUs, runUs);
      } else {
        gapUs += delta;
      }
    });
    return { totalMs: totalUs / 1000, longestRunMs: longestUs / 1000 };
  };
}
