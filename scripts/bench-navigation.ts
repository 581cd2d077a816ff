/**
 * `npm run bench:navigation`: how soon the warning page replaces a lookalike that no feed
 * rule pre-blocks (the engine judges it during the navigation, `src/background/
 * navigation-judge.ts`), in real Chromium and Firefox ESR with the built extension. Prints a
 * table; not a test. Method and figures: docs/performance.md.
 *
 * Per run, a tab on an ordinary page navigates (`location.href = …`) to a fresh lookalike
 * host (`invest-hk-<n>.gov-hk.support`, judged `lookalike`/`brand-embedded`; a fresh host
 * each time, so Chromium's learned session rule cannot pre-block it), while the harness
 * presses a key every few milliseconds into whatever document has the focus. The scam page
 * (`test/fixtures/demo-site/invest-hk.gov-hk.support/`) has an autofocused card-number
 * field and beacons to the fixture server when its script runs and on every key it gets.
 *
 * - time to warning: from the moment the old page starts the navigation (its
 *   `performance.timeOrigin + now()`) to the warning page's first contentful paint
 *   (`timeOrigin` + the `first-contentful-paint` entry; the DOMContentLoaded end where a
 *   browser reports no paint entry). Both clocks are the browser's wall clock. In brackets,
 *   to the start of the warning page's own navigation (its `timeOrigin`; in Firefox and for
 *   a rule redirect that is the original navigation's start, so 0).
 * - reached / script ran / keys taken: runs in which the fixture server logged a request
 *   for the scam page, its script's beacon, a key beacon.
 * - warm: one browser, runs one after another; first after start: a new browser each run,
 *   the navigation right after the extension is loaded (the harness has waited for its
 *   service worker / background page to install the rules).
 * - `BENCH_SERVER_DELAY_MS` (list, default `0,50`): the fixture server waits that long
 *   before answering the scam page, a stand-in for a network round trip (0 = the worst case
 *   for the extension: a server on the same machine).
 *
 * Environment: BENCH_RUNS (default 20), BENCH_COLD_RUNS (default 10), BENCH_BROWSERS
 * (`chromium,firefox`). Run it under the shared browser lock with nothing else running:
 * `flock /tmp/asa-browser.lock npm run bench:navigation`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../test/support/chromium-driver';
import { pollFor, type BrowserDriver, type LaunchDriver, type TestPage } from '../test/support/driver';
import { launchFirefox } from '../test/support/firefox-driver';
import { startFixtureServer, type FixtureServer } from '../test/support/fixture-server';
import { DEMO_SITE } from '../test/support/paths';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 10);
const DELAYS = (process.env.BENCH_SERVER_DELAY_MS ?? '0,50').split(',').map(Number);
const BROWSERS = (process.env.BENCH_BROWSERS ?? 'chromium,firefox').split(',');
const SCAM_PAGE = readFileSync(path.join(DEMO_SITE, 'invest-hk.gov-hk.support/index.html'));
const HOST_PATTERN = /^invest-hk-\d+\.gov-hk\.support$/;

let hostCounter = 0;
/** Every host a run may use (Firefox maps only listed hosts to the fixture server). */
const HOSTS = Array.from({ length: (RUNS + COLD_RUNS) * DELAYS.length * 2 + 10 }, (_, i) => `invest-hk-${i}.gov-hk.support`);

interface Sample {
  ms: number | null;
  /** From navigation start to the warning page's own navigation start (its `timeOrigin`). */
  startMs: number | null;
  reached: boolean;
  scriptRan: boolean;
  keysTaken: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Serves the scam page for every generated lookalike host, after `delay` ms. */
function serveLookalikes(server: FixtureServer, delay: () => number): void {
  server.route(async (req, res, url) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!HOST_PATTERN.test(host)) return false;
    if (url.pathname.startsWith('/beacon/')) {
      res.writeHead(204);
      res.end();
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, delay()));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(SCAM_PAGE);
    return true;
  });
}

/** Presses keys into the focused document until stopped; returns the stop function. */
function typeContinuously(page: TestPage): () => Promise<void> {
  let running = true;
  const loop = (async () => {
    while (running) {
      await page.press('7').catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

/**
 * One navigation from the tab's current page (`fromNewsPage`: an ordinary page first, as a
 * person clicking a link in it; else the new tab's blank page, the browser's first load).
 */
async function measureOnce(driver: BrowserDriver, page: TestPage, server: FixtureServer, fromNewsPage = true): Promise<Sample> {
  const host = HOSTS[hostCounter++]!;
  const url = driver.url(host, '/pay');
  if (fromNewsPage) await page.goto(driver.url('news.example.com'));
  const stopTyping = typeContinuously(page);
  const t0 = await page.evaluate<number>(
    `(() => { const t = performance.timeOrigin + performance.now(); setTimeout(() => { location.href = ${JSON.stringify(url)}; }, 0); return t; })()`,
  );
  const shown = await pollFor(
    () =>
      page.evaluate<string>(
        `(() => {
          if (!location.href.includes('/src/interstitial/') || !document.querySelector('#title')) return '';
          const fcp = performance.getEntriesByName('first-contentful-paint')[0];
          const nav = performance.getEntriesByType('navigation')[0];
          return JSON.stringify([performance.timeOrigin, performance.timeOrigin + (fcp ? fcp.startTime : nav ? nav.domContentLoadedEventEnd : performance.now())]);
        })()`,
      ),
    (v) => !!v,
    15_000,
  );
  const [origin, painted] = shown ? (JSON.parse(shown) as [number, number]) : [NaN, NaN];
  await stopTyping();
  // Let late beacons arrive before reading the log.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const log = server.log.filter((r) => r.host === host);
  return {
    ms: shown ? painted - t0 : null,
    startMs: shown ? origin - t0 : null,
    reached: log.some((r) => r.path === '/pay'),
    scriptRan: log.some((r) => r.path === '/beacon/script-ran'),
    keysTaken: log.filter((r) => r.path === '/beacon/key').length,
  };
}

function summary(label: string, samples: Sample[]): string {
  const times = samples.flatMap((s) => (s.ms === null ? [] : [s.ms]));
  const starts = samples.flatMap((s) => (s.startMs === null ? [] : [s.startMs]));
  const failed = samples.length - times.length;
  const count = (f: (s: Sample) => boolean) => samples.filter(f).length;
  return [
    label.padEnd(44),
    `n=${String(samples.length).padStart(2)}`,
    `median ${median(times).toFixed(0).padStart(5)} ms`,
    `worst ${Math.max(...times)
      .toFixed(0)
      .padStart(5)} ms`,
    `(warning page started: median ${median(starts).toFixed(0)}, worst ${Math.max(...starts).toFixed(0)} ms)`,
    `reached ${count((s) => s.reached)}/${samples.length}`,
    `script ran ${count((s) => s.scriptRan)}/${samples.length}`,
    `keys taken ${count((s) => s.keysTaken > 0)}/${samples.length}`,
    failed ? `no warning ${failed}` : '',
  ].join('  ');
}

async function main(): Promise<void> {
  let delay = 0;
  const server = await startFixtureServer(DEMO_SITE);
  serveLookalikes(server, () => delay);
  const lines: string[] = [];
  try {
    for (const name of BROWSERS) {
      const launch: LaunchDriver = name === 'firefox' ? launchFirefox : launchChromium;
      for (const d of DELAYS) {
        delay = d;
        const warm: Sample[] = [];
        const driver = await launch({ port: server.port, extraHosts: HOSTS });
        try {
          const page = await driver.newPage();
          await measureOnce(driver, page, server); // warm-up, not counted
          for (let i = 0; i < RUNS; i++) warm.push(await measureOnce(driver, page, server));
        } finally {
          await driver.close();
        }
        lines.push(summary(`${name}, server delay ${d} ms, warm`, warm));
        console.log(lines.at(-1));
        const cold: Sample[] = [];
        for (let i = 0; i < COLD_RUNS; i++) {
          const fresh = await launch({ port: server.port, extraHosts: HOSTS });
          try {
            cold.push(await measureOnce(fresh, await fresh.newPage(), server, false));
          } finally {
            await fresh.close();
          }
        }
        lines.push(summary(`${name}, server delay ${d} ms, first after start`, cold));
        console.log(lines.at(-1));
      }
    }
  } finally {
    await server.close();
  }
  console.log(`\nTime from navigation start to the warning page (lookalike no rule pre-blocks)\n${lines.join('\n')}`);
}

await main();
