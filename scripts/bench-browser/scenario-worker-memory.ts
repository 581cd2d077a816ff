/**
 * Scenario 9, service worker side (issue 15): the service worker's JS heap (after forced
 * GC, `serviceWorkerHeapMb`) with the embedded feed only, then with 1,000 more agencies
 * from signed user feeds (`agency-feeds.ts`), subscribed, in use, and used once by a page
 * check (the webmail page's dangerous link marked). Target ≤ 10 MB.
 */
import type { BenchSetup, ScenarioResult } from './bench-setup';
import { publishAgencyFeeds, subscribeAll } from './agency-feeds';
import { navigateToMarker } from './cold-navigation';
import { serviceWorkerHeapMb } from './service-worker';
import { fmt } from './stats';

export const AGENCIES = 1000;

export async function runWorkerMemory(setup: BenchSetup): Promise<ScenarioResult> {
  const { context, extensionId } = setup.ext;
  const page = await context.newPage();
  const notes: string[] = [];
  let after = NaN;
  try {
    await page.goto(`chrome-extension://${extensionId}/src/options/index.html`, { waitUntil: 'load' });
    const before = await serviceWorkerHeapMb(context, page);
    const published = await publishAgencyFeeds(setup.server, AGENCIES);
    const split = published.feeds.length > 1;
    notes.push(
      `service worker heap, embedded feed only: ${fmt(before, 2)} MB` +
        `; ${AGENCIES} generated agencies are ${published.bytesAsOneFeed.toLocaleString('en')} bytes as one feed` +
        (split
          ? `, over the 1 MiB feed cap (src/shared/feed/accept-update.ts), so they are published as ${published.feeds.length} signed user feeds (${published.feeds.map((f) => `${f.agencies} agencies, ${f.bytes.toLocaleString('en')} bytes`).join('; ')})`
          : ''),
    );
    try {
      const statuses = await subscribeAll(page, published.feeds);
      const conflicts = statuses.flatMap((s) => s.conflicts ?? []);
      // Use the merged matcher once (a page check with a dangerous link) before measuring.
      const probe = await context.newPage();
      const visit = await navigateToMarker(probe, 'http://mail.memory-webmail.example/webmail', async () => setup.ext.serviceWorker);
      await probe.close();
      after = await serviceWorkerHeapMb(context, page);
      notes.push(
        `service worker heap with ${statuses.reduce((n, s) => n + (s.agencies ?? 0), 0)} more agencies in use: ${fmt(after, 2)} MB` +
          `; a page visited afterwards had its dangerous link marked ${fmt(visit.markerMs, 0)} ms after navigation` +
          (conflicts.length ? ` (${conflicts.length} trust-model conflicts, e.g. ${conflicts[0]})` : ''),
      );
    } catch (error) {
      notes.push(`subscribing the agency feeds failed: ${(error as Error).message}`);
    }
  } finally {
    await page.close();
  }
  return {
    rows: [],
    notes,
    targets: [
      {
        target: `service worker heap with ${AGENCIES.toLocaleString('en')} agencies ≤ 10 MB`,
        value: after,
        limit: 10,
        unit: 'MB',
        note: 'after GC',
      },
    ],
  };
}
