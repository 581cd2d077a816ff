/**
 * `npm run bench:browser`: what the extension costs in real headless Chromium (Debian's
 * `/usr/bin/chromium`; Chromium only), every figure issue 15 asks for, in one run. Prints
 * tables; not a test. Method and figures: docs/performance.md.
 *
 * Three browsers run side by side, one page at a time: ours (`dist/chrome`, as built), the
 * floor (an extension whose content script is `void 0;`, declared like ours:
 * `floor-extension.ts`) and none (no extension). Each page is measured in all three,
 * interleaved run by run; medians over `BENCH_RUNS` runs (default 5; heavy pages and
 * browser launches min(BENCH_RUNS, 3)).
 *
 *   1, 2, 4, 5, 9 (page): `scenario-page-costs.ts` — plain page, 10,000 / 50,000 links,
 *      20 third-party iframes; longest extension event; page heap
 *   3. `scenario-growing.ts` — a page adding 50 links every 100 ms for 5 s; messages
 *   6. `scenario-latency.ts` — a dangerous link added to the settled 10,000-link page
 *   7. `scenario-cold-worker.ts` — navigation → marker with a stopped service worker and
 *      on the first page after browser start; service-worker start-up marks
 *   8. `scenario-popup.ts` — popup open → hotline of a typed name
 *   9. `scenario-worker-memory.ts` — service worker heap with 1,000 agencies
 * and the sizes of what the browser loads (`bundle-sizes.ts`). Ends with the targets table.
 *
 * Environment: `BENCH_RUNS` (default 5); `BENCH_ONLY` (comma-separated: pages, growing,
 * latency, cold, memory, popup) to run some scenarios only; `BENCH_DEBUG=1` lists every
 * counted trace event.
 */
import type { BrowserContext } from 'playwright-core';
import { CHROMIUM_MISSING, findChromium, launchPlain, launchWithExtension } from '../test/support/chromium';
import { startFixtureServer } from '../test/support/fixture-server';
import { CHROME_DIST } from '../test/support/paths';
import type { BenchSetup, ScenarioResult } from './bench-browser/bench-setup';
import { bundleSizes } from './bench-browser/bundle-sizes';
import { COMPARE_HEADER } from './bench-browser/compare-page';
import { writeFloorExtension } from './bench-browser/floor-extension';
import { measurePage } from './bench-browser/measure-page';
import { serveBenchPages } from './bench-browser/routes';
import { COLD_HEADER, runColdWorker } from './bench-browser/scenario-cold-worker';
import { runGrowing } from './bench-browser/scenario-growing';
import { runLatency } from './bench-browser/scenario-latency';
import { runPageCosts } from './bench-browser/scenario-page-costs';
import { POPUP_HEADER, runPopup } from './bench-browser/scenario-popup';
import { runWorkerMemory } from './bench-browser/scenario-worker-memory';
import { targetRows, type TargetResult } from './bench-browser/targets';
import { textTable } from './bench-browser/text-table';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
/** `BENCH_ONLY=pages,growing,latency,cold,memory,popup`: run only these scenarios (all when unset). */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const EMPTY: ScenarioResult = { rows: [], targets: [], notes: [] };

/** Runs one scenario; a failure is reported and leaves its targets unmeasured rather than ending the run. */
async function attempt(name: string, key: string, run: () => Promise<ScenarioResult>): Promise<ScenarioResult> {
  if (ONLY && !ONLY.has(key)) return EMPTY;
  const started = Date.now();
  try {
    const result = await run();
    console.error(`[bench-browser] ${name}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return result;
  } catch (error) {
    console.error(`[bench-browser] ${name} failed:`, error);
    return {
      rows: [],
      targets: [{ target: `${name}: scenario failed`, value: NaN, limit: 0, unit: '' }],
      notes: [`${name} failed: ${(error as Error).message}`],
    };
  }
}

async function main(): Promise<number> {
  if (!findChromium()) {
    console.error(CHROMIUM_MISSING);
    return 1;
  }
  const server = await startFixtureServer('/nonexistent', { tls: true });
  serveBenchPages(server);
  const floorExt = writeFloorExtension(CHROME_DIST);
  const messagingExt = writeFloorExtension(CHROME_DIST, true);
  const ext = await launchWithExtension({ port: server.port });
  const none = await launchPlain({ port: server.port });
  const floor = await launchPlain({ port: server.port, extensionDir: floorExt.dir });
  const messagingFloor = await launchPlain({ port: server.port, extensionDir: messagingExt.dir });
  const setup: BenchSetup = {
    server,
    ext,
    floor: floor.context,
    messagingFloor: messagingFloor.context,
    none: none.context,
    // Content scripts only: the service worker's work runs in the extension's own process.
    extPrefix: `chrome-extension://${ext.extensionId}/src/content/`,
    floorPrefix: 'chrome-extension://',
    runs: RUNS,
    fewRuns: Math.min(RUNS, 3),
  };
  try {
    // Warm the three browsers (the first navigation pays process start-up).
    for (const ctx of [ext.context, none.context, floor.context, messagingFloor.context] as BrowserContext[])
      await measurePage(ctx, 'http://warm.example/ordinary', null, async () => undefined);

    const pages = await attempt('page costs', 'pages', () => runPageCosts(setup));
    const growing = await attempt('growing page', 'growing', () => runGrowing(setup));
    const latency = await attempt('latency', 'latency', () => runLatency(setup));
    // Stops the service worker (drops the message-log instrumentation): after the scenarios that use it.
    const cold = await attempt('cold service worker', 'cold', () => runColdWorker(setup));
    const memory = await attempt('service worker memory', 'memory', () => runWorkerMemory(setup));
    const popup = await attempt('popup', 'popup', () => runPopup(setup));
    const sizes = bundleSizes(CHROME_DIST);

    console.log(`\nAgency Scam Alert — issue 15 figures, headless Chromium only (Debian's chromium; Firefox not measured)`);
    console.log(
      `Runs: ${RUNS} (heavy pages and browser launches: ${setup.fewRuns}); medians; times are main-thread thread time (trace) unless marked.`,
    );
    console.log(`Floor: an extension whose content script is \`void 0;\`, declared like ours (${floorExt.declaration}).`);
    console.log(`Messaging floor: the same, but its content script sends one message that its service worker answers.\n`);
    /** Prints a table (when it has rows) and notes, then a blank line. */
    const section = (header: string[] | null, result: { rows: string[][]; notes: string[] }) => {
      if (header && result.rows.length) console.log(textTable(header, result.rows));
      for (const note of result.notes) console.log(note);
      if (result.notes.length || (header && result.rows.length)) console.log('');
    };
    section(COMPARE_HEADER, { rows: [...pages.rows, ...growing.rows], notes: [] });
    section(null, { rows: [], notes: [...growing.notes, ...latency.notes, ...pages.notes] });
    section(COLD_HEADER, cold);
    section(POPUP_HEADER, popup);
    section(null, memory);
    const kb = (n: number) => `${n.toLocaleString('en')} bytes`;
    console.log(
      `sizes: content script (every frame) ${kb(sizes.contentScript)}; page UI (injected where needed) ${kb(sizes.pageUi)}; ` +
        `service worker ${kb(sizes.serviceWorkerStatic)} loaded at every start (${sizes.serviceWorkerChunks} files)` +
        (sizes.serviceWorkerDynamic ? ` + ${kb(sizes.serviceWorkerDynamic)} loaded on demand` : ''),
    );
    const targets: TargetResult[] = [pages, growing, latency, cold, popup, memory].flatMap((r) => r.targets);
    console.log('\nTargets (issue 15)\n');
    console.log(textTable(['target', 'figure', 'limit', 'outcome'], targetRows(targets)));
  } finally {
    await ext.close();
    await none.close();
    await floor.close();
    await messagingFloor.close();
    floorExt.remove();
    messagingExt.remove();
    await server.close();
  }
  return 0;
}

process.exitCode = await main();
