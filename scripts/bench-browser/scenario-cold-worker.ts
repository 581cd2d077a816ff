/**
 * Scenario 7 (issue 15): a dangerous link marked ≤ 300 ms after navigation with a cold
 * service worker, on the small webmail page (`webmail-page.ts`):
 * - warm (reference): the service worker running;
 * - stopped: the service worker stopped through the DevTools protocol and checked stopped
 *   (`service-worker.ts`), as Chromium does after 30 s idle; then the navigation;
 * - first page after browser start: a new Chromium on a new profile (the extension just
 *   installed), and again on that same profile (a used profile: the extension installed
 *   before, its storage kept), each time the first navigation.
 * For each, "sw start → engine ready / feeds restored / first verdict" from the marks the
 * service worker sets (`SW_MARKS`), "—" while it sets none.
 */
import { rmSync } from 'node:fs';
import { EXTENSION_ID } from '../../test/support/paths';
import type { BenchSetup, ScenarioResult } from './bench-setup';
import { navigateToMarker, type ColdNavigation } from './cold-navigation';
import { launchOnProfile, newProfileDir } from './launch-profile';
import { ourWorker, SW_MARKS, watchWorkerStatus } from './service-worker';
import { fmt, median } from './stats';
import type { TargetResult } from './targets';

const COLD_HEADER = [
  'cold case',
  'runs',
  'navigation → marker',
  'answering service worker started',
  ...SW_MARKS.map((m) => `sw start → ${m.slice(4)}`),
];

/** When the answering service worker started, relative to navigation start. */
function startCell(ms: number): string {
  if (Number.isNaN(ms)) return '—';
  return ms < 0 ? `already running (started ${fmt(-ms / 1000, 1)} s before)` : `${fmt(ms, 0)} ms after`;
}

function row(label: string, runs: ColdNavigation[]): string[] {
  const med = (f: (r: ColdNavigation) => number) => median(runs.map(f));
  return [
    label,
    String(runs.length),
    `${fmt(
      med((r) => r.markerMs),
      0,
    )} ms (${runs.map((r) => fmt(r.markerMs, 0)).join(', ')})`,
    startCell(med((r) => r.workerStartMs)),
    ...SW_MARKS.map((m) => {
      const v = med((r) => r.marks[m] ?? NaN);
      return Number.isNaN(v) ? '—' : `${fmt(v, 0)} ms`;
    }),
  ];
}

export { COLD_HEADER };

export async function runColdWorker(setup: BenchSetup): Promise<ScenarioResult> {
  const { context, serviceWorker } = setup.ext;
  const url = (tag: string, i: number) => `http://mail${i}.${tag}-webmail.example/webmail`;
  const warm: ColdNavigation[] = [];
  const stopped: ColdNavigation[] = [];
  const notes: string[] = [];
  const statusPage = await context.newPage();
  const status = await watchWorkerStatus(context, statusPage, `chrome-extension://${setup.ext.extensionId}/`);
  try {
    for (let i = 0; i < setup.runs; i++) {
      const page = await context.newPage();
      warm.push(await navigateToMarker(page, url('warm', i), async () => serviceWorker));
      await page.close();
    }
    for (let i = 0; i < setup.runs; i++) {
      const page = await context.newPage();
      await page.waitForTimeout(500); // let the tab's own start-up events pass
      const ok = await status.stop();
      await page.waitForTimeout(200);
      if (!ok || status.current() !== 'stopped') {
        notes.push(`stopped-worker run ${i}: the service worker did not stay stopped (status ${status.current()}); run skipped`);
        await page.close();
        continue;
      }
      stopped.push(await navigateToMarker(page, url('stopped', i), async () => serviceWorker));
      await page.close();
    }
  } finally {
    await status.detach();
    await statusPage.close();
  }

  const installed: ColdNavigation[] = [];
  const restarted: ColdNavigation[] = [];
  for (let i = 0; i < setup.fewRuns; i++) {
    const profile = newProfileDir();
    try {
      for (const list of [installed, restarted]) {
        const ctx = await launchOnProfile(setup.server.port, profile);
        try {
          const page = await ctx.newPage();
          list.push(
            await navigateToMarker(page, url(list === installed ? 'installed' : 'restarted', i), () =>
              ourWorker(ctx, EXTENSION_ID, 10_000),
            ),
          );
        } finally {
          await ctx.close();
        }
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }

  const targets: TargetResult[] = [
    {
      target: 'cold sw (stopped): navigation → marker ≤ 300 ms',
      value: median(stopped.map((r) => r.markerMs)),
      limit: 300,
      unit: 'ms',
      note: `median of ${stopped.length}`,
    },
    {
      target: 'first page after install: navigation → marker ≤ 300 ms',
      value: median(installed.map((r) => r.markerMs)),
      limit: 300,
      unit: 'ms',
      note: `median of ${installed.length}, new profile`,
    },
    {
      target: 'first page after browser start: navigation → marker ≤ 300 ms',
      value: median(restarted.map((r) => r.markerMs)),
      limit: 300,
      unit: 'ms',
      note: `median of ${restarted.length}, used profile`,
    },
  ];
  return {
    rows: [
      row('warm service worker (reference)', warm),
      row('service worker stopped (checked)', stopped),
      row('first page after install (new profile)', installed),
      row('first page after browser start (used profile)', restarted),
    ],
    targets,
    notes,
  };
}
