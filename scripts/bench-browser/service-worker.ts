/**
 * The extension's service worker as the benchmark sees it: stop it (as Chromium does after
 * 30 s idle) and check that it really stopped, read the start-up marks the service worker
 * sets (`performance.mark`), and its JS heap.
 *
 * Stopping: `ServiceWorker.enable` + `ServiceWorker.stopAllWorkers` on a page session (the
 * DevTools protocol), then `ServiceWorker.workerVersionUpdated` must report the worker's
 * `runningStatus` as `stopped`. Checked with Debian's Chromium 156: the worker then stays
 * stopped until the next event (a content script's message) starts it again, and a
 * Playwright `Worker` handle taken before evaluates in the new instance (new `timeOrigin`).
 */
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';

/** The start-up marks `src/background` sets, in the order they happen. */
export const SW_MARKS = ['asa:modules-evaluated', 'asa:engine-ready', 'asa:feeds-restored', 'asa:first-page-check'] as const;

export interface WorkerMarks {
  /** The service worker's `performance.timeOrigin` (epoch ms): when this instance started. */
  origin: number;
  /** Each mark's time after the service worker started, ms (missing marks are absent). */
  marks: Partial<Record<(typeof SW_MARKS)[number], number>>;
}

/** Watches the running status of service workers whose script URL starts with `scriptPrefix`. */
export interface WorkerStatus {
  /** The last reported running status (`stopped`, `starting`, `running`, `stopping`), or null. */
  current(): string | null;
  /** Stops every service worker and waits until ours is reported `stopped`; false after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<boolean>;
  detach(): Promise<void>;
}

/** Opens a DevTools session on `page` that follows our service worker's running status. */
export async function watchWorkerStatus(context: BrowserContext, page: Page, scriptPrefix: string): Promise<WorkerStatus> {
  const cdp: CDPSession = await context.newCDPSession(page);
  let status: string | null = null;
  const waiters: Array<() => void> = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: Array<{ scriptURL: string; runningStatus: string }> }) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(scriptPrefix)) status = v.runningStatus;
    for (const w of waiters.splice(0)) w();
  });
  await cdp.send('ServiceWorker.enable');
  return {
    current: () => status,
    stop: async (timeoutMs = 5000) => {
      await cdp.send('ServiceWorker.stopAllWorkers');
      const deadline = Date.now() + timeoutMs;
      while (status !== 'stopped' && Date.now() < deadline) {
        await Promise.race([new Promise<void>((r) => waiters.push(r)), new Promise((r) => setTimeout(r, 100))]);
      }
      return status === 'stopped';
    },
    detach: () => cdp.detach(),
  };
}

/** Our service worker in `context` (waits up to `timeoutMs` for it to appear). */
export async function ourWorker(context: BrowserContext, extensionId: string, timeoutMs = 30_000): Promise<Worker> {
  return (
    context.serviceWorkers().find((w) => w.url().includes(extensionId)) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().includes(extensionId), timeout: timeoutMs }))
  );
}

/** Reads the start-up marks of the running service worker instance. */
export async function workerMarks(worker: Worker): Promise<WorkerMarks> {
  const raw = await worker.evaluate(() => ({
    origin: performance.timeOrigin,
    marks: performance.getEntriesByType('mark').map((m) => ({ name: m.name, t: m.startTime })),
  }));
  const marks: WorkerMarks['marks'] = {};
  for (const m of raw.marks) if ((SW_MARKS as readonly string[]).includes(m.name)) marks[m.name as (typeof SW_MARKS)[number]] ??= m.t;
  return { origin: raw.origin, marks };
}

/** Heap used by the service worker after a forced GC, MB (DevTools protocol, through a non-flattened target session). */
export async function serviceWorkerHeapMb(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: Array<{ targetId: string; type: string; url: string }>;
    };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (!sw) return NaN;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as { sessionId: string };
    const reply = new Promise<number>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
        const message = JSON.parse(event.message) as { id?: number; result?: { usedSize: number } };
        if (event.sessionId === sessionId && message.id === 3) resolve((message.result?.usedSize ?? NaN) / 1e6);
      });
    });
    const send = (id: number, method: string) =>
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    await send(1, 'HeapProfiler.collectGarbage');
    await send(2, 'HeapProfiler.collectGarbage');
    await send(3, 'Runtime.getHeapUsage');
    return await Promise.race([reply, new Promise<number>((r) => setTimeout(() => r(NaN), 5000))]);
  } finally {
    await cdp.detach();
  }
}
