/**
 * Scenario 6 (issue 15): a dangerous link is marked ≤ 300 ms after it enters the page,
 * even on the 10,000-link page. Our browser loads the page (5 dangerous links), waits until
 * those are marked and the banner is shown, lets it settle for 1 s, then the page itself
 * appends one more dangerous link (a lookalike of InvestHK's domain, as in `manyLinksPage`)
 * at t0 = `performance.now()`; the figure is the page time of the next marker minus t0.
 * Not traced (tracing slows the page). Median over runs.
 */
import type { BenchSetup, ScenarioResult } from './bench-setup';
import { waitInPage } from './measure-page';
import { fmt, maxOf, median } from './stats';

export async function runLatency(setup: BenchSetup): Promise<ScenarioResult> {
  const latencies: number[] = [];
  for (let i = 0; i < setup.fewRuns; i++) {
    const page = await setup.ext.context.newPage();
    try {
      await page.goto(`http://late${i}.example10000.net/links?n=10000&bad=5`, { waitUntil: 'load' });
      await waitInPage(page, 'window.__bench && window.__bench.markedAt !== null && window.__bench.bannerAt !== null', 30_000);
      await page.waitForTimeout(1000);
      const before = await page.evaluate<number>(`window.__bench.markTimes.length`);
      const t0 = await page.evaluate<number>(`(() => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = 'https://investhk-payment-late${i}.com/claim';
        a.textContent = 'Claim your grant';
        li.append(a);
        const t0 = performance.now();
        document.querySelector('ul').append(li);
        return t0;
      })()`);
      await waitInPage(page, `window.__bench.markTimes.length > ${before}`, 10_000);
      const at = await page.evaluate<number | null>(`window.__bench.markTimes[${before}] ?? null`);
      latencies.push(at === null ? Infinity : at - t0); // Infinity: not marked within 10 s
    } finally {
      await page.close();
    }
  }
  const value = median(latencies);
  return {
    rows: [],
    notes: [
      `dangerous link added to the settled 10,000-link page → marked: ${latencies.map((x) => fmt(x, 0)).join(', ')} ms (median ${fmt(value, 0)}, worst ${fmt(maxOf(latencies), 0)})`,
    ],
    targets: [
      { target: 'link added to a 10,000-link page marked ≤ 300 ms', value, limit: 300, unit: 'ms', note: `median of ${latencies.length}` },
    ],
  };
}
