/**
 * Counts what content scripts send to the service worker: a listener the benchmark adds in
 * the running service worker (instrumentation by the benchmark only; it never answers, the
 * extension's own listener does) records each message's type, sending frame URL, number of
 * links, and the service worker's `performance.now()` when it arrived. A service worker
 * restart drops the listener: `read` then reports `instrumented: false`.
 */
import type { Worker } from 'playwright-core';

export interface LoggedMessage {
  type: string;
  /** The sending frame's URL (`sender.url`). */
  url: string;
  links: number;
  /** Service worker time of arrival, ms. */
  at: number;
}

/** Installs the listener (idempotent) and clears the log. */
export async function startMessageLog(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    type Message = { type?: string; payload?: { links?: unknown[] } };
    type Listener = (message: Message, sender: { url?: string }) => undefined;
    const g = globalThis as unknown as {
      __benchLog?: LoggedMessage[];
      chrome: { runtime: { onMessage: { addListener(l: Listener): void } } };
    };
    if (!g.__benchLog) {
      g.chrome.runtime.onMessage.addListener((message, sender) => {
        g.__benchLog?.push({
          type: String(message?.type),
          url: sender?.url ?? '',
          links: Array.isArray(message?.payload?.links) ? message.payload.links.length : 0,
          at: performance.now(),
        });
        return undefined;
      });
    }
    g.__benchLog = [];
  });
}

/** The messages logged since {@link startMessageLog} (null when the service worker restarted since). */
export async function readMessageLog(worker: Worker): Promise<LoggedMessage[] | null> {
  return worker.evaluate(() => (globalThis as unknown as { __benchLog?: LoggedMessage[] }).__benchLog ?? null);
}
