/**
 * `npm run bench:browser`: what the content script costs in real headless Chromium, each
 * scenario measured against the same page with no extension, in the same run (medians
 * over repeated runs). Prints a table; not a test. Method and figures: docs/performance.md.
 *
 *   1. ordinary 2,000-element page: extension main-thread time, time to the load event
 *   2. 10,000 and 50,000 links (a few dangerous): time until all are marked and the banner
 *      shown; longest extension task
 *   3. webmail appending 500 links/s for 10 s: extension main-thread time, longest task,
 *      links sent for checking (no re-scan means about one check per link)
 *   4. per-page script size; JS heap in the page and in the service worker
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM_MISSING, findChromium, launchPlain, launchWithExtension, type ExtensionBrowser } from '../test/support/chromium';
import { startFixtureServer } from '../test/support/fixture-server';
import { CHROME_DIST } from '../test/support/paths';
import { infiniteScrollPage, manyLinksPage, ordinaryPage } from './bench-browser/pages';
import { extensionCost, startTrace, type ExtensionCost } from './bench-browser/trace';
import { startProfile, type SampledCost } from './bench-browser/cpu-profile';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');
/** The longest task after load over runs, or "none" when no task reached 50 ms. */
const longTask = (runs: Array<{ longTaskAfterLoadMs: number }>): string => {
  const worst = Math.max(...runs.map((r) => r.longTaskAfterLoadMs));
  return worst > 0 ? `${fmt(worst)} ms` : 'none';
};

interface Measured {
  loadMs: number;
  /** Longest task that started after the load event (the page itself is idle then), ms; 0 when none over 50 ms. */
  longTaskAfterLoadMs: number;
  cost: ExtensionCost;
  sampled: SampledCost;
  markedMs: number | null;
  bannerMs: number | null;
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
async function measure(
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
  const sampled = scriptPrefix ? await stopProfile(scriptPrefix) : (await stopProfile('\u0000'), { totalMs: 0, longestRunMs: 0 });
  const events = await stop();
  const timing = (await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const bench = (
      window as unknown as {
        __bench?: { markedAt: number | null; bannerAt: number | null; longTasks: Array<{ start: number; duration: number }> };
      }
    ).__bench;
    const after = (bench?.longTasks ?? []).filter((t) => t.start >= nav.loadEventEnd).map((t) => t.duration);
    return { load: nav.loadEventStart, marked: bench?.markedAt ?? null, banner: bench?.bannerAt ?? null, longTask: Math.max(0, ...after) };
  })) as { load: number; marked: number | null; banner: number | null; longTask: number };
  const heapMb = await pageHeapMb(cdp);
  await cdp.detach();
  await page.close();
  return {
    loadMs: timing.load,
    longTaskAfterLoadMs: timing.longTask,
    cost: scriptPrefix ? extensionCost(events, scriptPrefix) : { totalMs: 0, longestMs: 0, events: 0 },
    sampled,
    markedMs: timing.marked,
    bannerMs: timing.banner,
    heapMb,
  };
}

async function waitFor(page: Page, predicate: string, timeoutMs: number): Promise<void> {
  await page.waitForFunction(predicate, undefined, { timeout: timeoutMs, polling: 50 }).catch(() => undefined);
}

/** Heap used by the service worker (DevTools protocol, through a non-flattened target session). */
async function serviceWorkerHeapMb(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string }> };
    const sw = targetInfos.find((t) => t.type === 'service_worker');
    if (!sw) return NaN;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as { sessionId: string };
    const reply = new Promise<number>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
        const message = JSON.parse(event.message) as { id?: number; result?: { usedSize: number } };
        if (event.sessionId === sessionId && message.id === 2) resolve((message.result?.usedSize ?? NaN) / 1e6);
      });
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }) });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 2, method: 'Runtime.getHeapUsage' }) });
    return await Promise.race([reply, new Promise<number>((r) => setTimeout(() => r(NaN), 5000))]);
  } finally {
    await cdp.detach();
  }
}

/** Counts links the content script sends for checking (instrumentation added by the bench only). */
async function countCheckedLinks(browser: ExtensionBrowser): Promise<void> {
  await browser.serviceWorker.evaluate(() => {
    type Listener = (message: { type?: string; payload?: { links?: unknown[] } }) => undefined;
    const g = globalThis as unknown as { __checked?: number; chrome: { runtime: { onMessage: { addListener(l: Listener): void } } } };
    g.__checked = 0;
    g.chrome.runtime.onMessage.addListener((message) => {
      if (message?.type === 'links-check') g.__checked! += message.payload?.links?.length ?? 0;
      return undefined;
    });
  });
}

async function main(): Promise<number> {
  if (!findChromium()) {
    console.error(CHROMIUM_MISSING);
    return 1;
  }
  const server = await startFixtureServer('/nonexistent');
  server.route((_req, res, url) => {
    let html: string | null = null;
    if (url.pathname === '/ordinary') html = ordinaryPage();
    else if (url.pathname === '/links') html = manyLinksPage(Number(url.searchParams.get('n')), Number(url.searchParams.get('bad')));
    else if (url.pathname === '/scroll') html = infiniteScrollPage(Number(url.searchParams.get('s') ?? 10));
    if (html === null) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
    return true;
  });
  const withExt = await launchWithExtension({ port: server.port });
  const plain = await launchPlain({ port: server.port });
  // The floor: an extension whose content script is empty, on every page. What Chromium
  // itself charges for injecting any content script (isolated world, bindings).
  const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'asa-empty-ext-'));
  writeFileSync(
    path.join(emptyDir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'empty',
      version: '1',
      content_scripts: [{ matches: ['http://*/*'], js: ['cs.js'], run_at: 'document_idle' }],
    }),
  );
  writeFileSync(path.join(emptyDir, 'cs.js'), 'void 0;\n');
  const floor = await launchPlain({ port: server.port, extensionDir: emptyDir });
  const floorPrefix = 'chrome-extension://';
  // Content scripts only: a trace covers every process, and the service worker's work runs
  // in the extension's own process, not on the page's main thread.
  const id = `chrome-extension://${withExt.extensionId}/src/content/`;
  const rows: string[][] = [];
  try {
    // Warm both browsers (first navigation pays process start-up).
    for (const ctx of [withExt.context, plain.context, floor.context])
      await measure(ctx, 'http://warm.example/ordinary', null, async () => undefined);

    // 1. Ordinary page.
    const ext1: Measured[] = [];
    const base1: Measured[] = [];
    const floor1: Measured[] = [];
    for (let i = 0; i < RUNS; i++) {
      const settle = (p: Page) => p.waitForTimeout(1000);
      base1.push(await measure(plain.context, `http://news${i}.example.com/ordinary`, null, settle));
      floor1.push(await measure(floor.context, `http://news${i}.example.com/ordinary`, floorPrefix, settle));
      ext1.push(await measure(withExt.context, `http://news${i}.example.com/ordinary`, id, settle));
    }
    const load1 = median(ext1.map((m) => m.loadMs));
    const baseLoad1 = median(base1.map((m) => m.loadMs));
    rows.push([
      'ordinary page (2,000 elements)',
      `${fmt(median(ext1.map((m) => m.cost.totalMs)), 2)} ms`,
      `${fmt(Math.max(...ext1.map((m) => m.cost.longestMs)), 2)} ms`,
      `${fmt(median(ext1.map((m) => m.sampled.totalMs)), 2)} / ${fmt(Math.max(...ext1.map((m) => m.sampled.longestRunMs)), 2)} ms`,
      longTask(ext1),
      `load ${fmt(load1)} vs ${fmt(baseLoad1)} ms (+${fmt(load1 - baseLoad1)}, ×${fmt(load1 / baseLoad1, 2)})`,
      `heap +${fmt(median(ext1.map((m) => m.heapMb)) - median(base1.map((m) => m.heapMb)), 2)} MB`,
    ]);
    const floorLoad = median(floor1.map((m) => m.loadMs));
    rows.push([
      'floor: an empty content script',
      `${fmt(median(floor1.map((m) => m.cost.totalMs)), 2)} ms`,
      `${fmt(Math.max(...floor1.map((m) => m.cost.longestMs)), 2)} ms`,
      `${fmt(median(floor1.map((m) => m.sampled.totalMs)), 2)} / ${fmt(Math.max(...floor1.map((m) => m.sampled.longestRunMs)), 2)} ms`,
      longTask(floor1),
      `load ${fmt(floorLoad)} vs ${fmt(baseLoad1)} ms (+${fmt(floorLoad - baseLoad1)})`,
      `heap +${fmt(median(floor1.map((m) => m.heapMb)) - median(base1.map((m) => m.heapMb)), 2)} MB`,
    ]);

    // 2. Many links.
    for (const n of [10_000, 50_000]) {
      const ext2: Measured[] = [];
      const base2: Measured[] = [];
      const runs = Math.max(1, Math.min(RUNS, 3));
      for (let i = 0; i < runs; i++) {
        const url = `http://archive${i}.example.net/links?n=${n}&bad=5`;
        base2.push(await measure(plain.context, url, null, (p) => p.waitForTimeout(1500)));
        ext2.push(
          await measure(withExt.context, url, id, (p) =>
            waitFor(p, 'window.__bench && window.__bench.markedAt !== null && window.__bench.bannerAt !== null', 30_000),
          ),
        );
      }
      const load = median(ext2.map((m) => m.loadMs));
      const baseLoad = median(base2.map((m) => m.loadMs));
      const ready = median(ext2.map((m) => Math.max(m.markedMs ?? NaN, m.bannerMs ?? NaN) - m.loadMs));
      rows.push([
        `${n.toLocaleString('en')} links, 5 dangerous`,
        `${fmt(median(ext2.map((m) => m.cost.totalMs)))} ms`,
        `${fmt(Math.max(...ext2.map((m) => m.cost.longestMs)), 2)} ms`,
        `${fmt(median(ext2.map((m) => m.sampled.totalMs)), 1)} / ${fmt(Math.max(...ext2.map((m) => m.sampled.longestRunMs)), 2)} ms`,
        longTask(ext2),
        `all marked + banner ${fmt(ready)} ms after load; load ${fmt(load)} vs ${fmt(baseLoad)} ms (×${fmt(load / baseLoad, 2)})`,
        `heap +${fmt(median(ext2.map((m) => m.heapMb)) - median(base2.map((m) => m.heapMb)), 2)} MB`,
      ]);
    }

    // 3. Infinite scroll: 500 links/s for 10 s.
    await countCheckedLinks(withExt);
    const scroll = await measure(withExt.context, 'http://mail.example-webmail.com/scroll?s=10', id, (p) =>
      waitFor(p, 'window.__bench && window.__bench.appendDone && window.__bench.markedAt !== null', 20_000).then(() =>
        p.waitForTimeout(1000),
      ),
    );
    const checked = await withExt.serviceWorker.evaluate(() => (globalThis as unknown as { __checked?: number }).__checked ?? 0);
    rows.push([
      'webmail +500 links/s for 10 s',
      `${fmt(scroll.cost.totalMs)} ms`,
      `${fmt(scroll.cost.longestMs, 2)} ms`,
      `${fmt(scroll.sampled.totalMs, 1)} / ${fmt(scroll.sampled.longestRunMs, 2)} ms`,
      longTask([scroll]),
      `${checked} links sent for checking for 5,000 added (${fmt(checked / 5000, 2)} per link); all 10 dangerous marked: ${scroll.markedMs !== null}`,
      `heap ${fmt(scroll.heapMb, 2)} MB`,
    ]);

    // 4. Sizes and service worker memory.
    const scanner = statSync(path.join(CHROME_DIST, 'src/content/index.js')).size;
    const pageUi = statSync(path.join(CHROME_DIST, 'src/content/ui/page-ui.iife.js')).size;
    const probe = await withExt.context.newPage();
    const swHeap = await serviceWorkerHeapMb(withExt.context, probe);
    await probe.close();
    console.log(
      '\nAgency Scam Alert — content script cost in headless Chromium (median of',
      RUNS,
      'runs; baseline = same page, no extension)\n',
    );
    const header = [
      'scenario',
      'ext. main-thread (trace)',
      'longest ext. event',
      'ext. JS samples: total / longest run',
      'long task after load (>50 ms)',
      'vs baseline',
      'memory',
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
    for (const row of rows) console.log(line(row));
    console.log(
      `\nper-page script (every page): ${scanner.toLocaleString('en')} bytes minified; page UI (injected only where needed): ${pageUi.toLocaleString('en')} bytes`,
    );
    console.log(`service worker JS heap: ${fmt(swHeap, 2)} MB`);
  } finally {
    await withExt.close();
    await plain.close();
    await floor.close();
    rmSync(emptyDir, { recursive: true, force: true });
    await server.close();
  }
  return 0;
}

process.exitCode = await main();
