/**
 * Time from a navigation to the dangerous link's marker on the small webmail page
 * (`webmail-page.ts`), in the page's clock (navigation start = 0), and what the service
 * worker instance that answered reports about its own start (`service-worker.ts` marks).
 */
import type { Page, Worker } from 'playwright-core';
import { waitInPage } from './measure-page';
import { workerMarks, type WorkerMarks } from './service-worker';

export interface ColdNavigation {
  /** Navigation start → marker, ms (Infinity: no marker within the timeout). */
  markerMs: number;
  /** The service worker's start relative to the page's navigation start, ms (negative: it was already running). */
  workerStartMs: number;
  marks: WorkerMarks['marks'];
}

/** Navigates `page` to `url` (the webmail page) and waits up to `timeoutMs` for its marker. */
export async function navigateToMarker(
  page: Page,
  url: string,
  worker: () => Promise<Worker>,
  timeoutMs = 15_000,
): Promise<ColdNavigation> {
  await page.goto(url, { waitUntil: 'commit' });
  await waitInPage(page, 'window.__bench && window.__bench.markTimes.length > 0', timeoutMs);
  const { marker, origin } = await page.evaluate<{ marker: number | null; origin: number }>(
    `({ marker: window.__bench.markTimes[0] ?? null, origin: performance.timeOrigin })`,
  );
  const sw = await workerMarks(await worker()).catch(() => ({ origin: NaN, marks: {} }));
  return { markerMs: marker ?? Infinity, workerStartMs: sw.origin - origin, marks: sw.marks };
}
