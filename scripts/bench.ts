/**
 * `npm run bench`: how fast the matching engine classifies real hostnames, side by side
 * with eth-phishing-detect's `PhishingDetector` on the same hostnames in the same run,
 * and how the cost grows with the number of agencies in the feed. Prints figures; it is
 * not a timed test (the machine may be shared, so run it two or three times).
 *
 * Hostnames: `test/fixtures/corpus/legit-popular.txt`, `legit-hk.txt` and the blacklist of
 * `eth-phishing-detect/src/config.json` (≈15.5k in all). Each is judged as `https://HOST/`.
 *
 * Figures for the engine:
 * - cold: a fresh matcher per pass, so every host is new to its per-host cache (the cost
 *   a page with all-different link hosts pays);
 * - warm: the same matcher again, hosts already cached (a page repeating its hosts);
 * - median µs per URL: each call timed on its own with `process.hrtime.bigint()` (the
 *   timer's own overhead, measured and printed, is included).
 *
 * Accuracy, side by side with eth-phishing-detect's fuzzy matcher given the same targets
 * (figures, not timings): the real-world set of `test/fixtures/real-world/` (development
 * and held-out parts) and the public-suite cases of `test/fixtures/public-suites/`.
 */
import { createRequire } from 'node:module';
import { parseFeed } from '../src/shared/feed/validate-feed';
import { createMatcher, type Matcher } from '../src/shared/match/matcher';
import { engineSuiteScore, ethSuiteScore } from '../test/support/public-suites';
import { engineFlags, ethFlags, score } from '../test/support/real-world-set';
import { feedWithAgencies } from './bench/generate-agencies';
import { readCorpus } from '../test/support/corpus';

interface PhishingDetectorLike {
  check(hostname: string): { result: boolean; type: string };
}
const require = createRequire(import.meta.url);
const PhishingDetector = require('eth-phishing-detect/src/detector') as new (config: unknown) => PhishingDetectorLike;
const ethConfig = require('eth-phishing-detect/src/config.json') as { blacklist: string[] };

const readList = readCorpus;

const hosts = [...new Set([...readList('legit-popular.txt'), ...readList('legit-hk.txt'), ...ethConfig.blacklist])];
const urls = hosts.map((h) => `https://${h}/`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs `fn` over all URLs, `passes` times; returns URLs per second (best pass). */
function throughput(passes: number, setup: () => (url: string, host: string) => unknown): number {
  let best = 0;
  for (let p = 0; p < passes; p++) {
    const fn = setup();
    const start = process.hrtime.bigint();
    for (let i = 0; i < urls.length; i++) fn(urls[i]!, hosts[i]!);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    best = Math.max(best, urls.length / seconds);
  }
  return best;
}

/** Median µs per URL, each call timed on its own (cold: fresh matcher). */
function medianMicros(fn: (url: string, host: string) => unknown, sample = urls.length): number {
  const times: number[] = [];
  const step = Math.max(1, Math.floor(urls.length / sample));
  for (let i = 0; i < urls.length; i += step) {
    const t0 = process.hrtime.bigint();
    fn(urls[i]!, hosts[i]!);
    times.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  return median(times);
}

function timerOverheadMicros(): number {
  const times: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const t0 = process.hrtime.bigint();
    times.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  return median(times);
}

const defaultFeed = parseFeed(feedWithAgencies(0));
const freshMatcher = (feed = defaultFeed): Matcher => createMatcher(feed);

console.log(`[bench] node ${process.version}, ${hosts.length} unique hostnames (corpora + eth-phishing-detect blacklist)`);

// Warm-up both sides so the JIT has compiled the hot paths before measuring.
{
  const m = freshMatcher();
  for (const u of urls) m.matchUrl(u);
  const d = new PhishingDetector(ethConfig);
  for (let i = 0; i < 300; i++) d.check(hosts[i]!);
}

const engineCold = throughput(3, () => {
  const m = freshMatcher();
  return (url) => m.matchUrl(url);
});
const warmMatcher = freshMatcher();
for (const u of urls) warmMatcher.matchUrl(u);
const engineWarm = throughput(3, () => (url) => warmMatcher.matchUrl(url));

const detector = new PhishingDetector(ethConfig);
// eth-phishing-detect scans its whole blocklist per check, so time it on a sample.
const ethSampleEvery = 10;
let ethCount = 0;
const ethStart = process.hrtime.bigint();
{
  for (let i = 0; i < hosts.length; i += ethSampleEvery) {
    detector.check(hosts[i]!);
    ethCount++;
  }
}
const ethSeconds = Number(process.hrtime.bigint() - ethStart) / 1e9;
const ethThroughput = ethCount / ethSeconds;

const overhead = timerOverheadMicros();
let coldForMedian = freshMatcher();
let calls = 0;
const engineMedianCold = medianMicros((url) => {
  if (++calls % 5000 === 0) coldForMedian = freshMatcher();
  return coldForMedian.matchUrl(url);
});
const engineMedianWarm = medianMicros((url) => warmMatcher.matchUrl(url));
const ethMedian = medianMicros((_url, host) => detector.check(host), 1500);

console.log('');
console.log('Throughput over the same hostnames (URLs classified per second, best of 3 passes)');
console.log(`  engine, cold (every host new to the cache)   ${fmt(engineCold).padStart(12)} /s`);
console.log(`  engine, warm (hosts cached)                  ${fmt(engineWarm).padStart(12)} /s`);
console.log(
  `  eth-phishing-detect PhishingDetector.check   ${fmt(ethThroughput).padStart(12)} /s   (every ${ethSampleEvery}th host, ${ethCount} checks)`,
);
console.log(`  ratio engine cold / eth-phishing-detect      ${fmt(engineCold / ethThroughput, 1).padStart(12)} ×`);
console.log('');
console.log(`Median µs per URL (each call timed alone; timer overhead ${fmt(overhead, 3)} µs included)`);
console.log(`  engine, cold                                 ${fmt(engineMedianCold, 2).padStart(12)} µs`);
console.log(`  engine, warm                                 ${fmt(engineMedianWarm, 2).padStart(12)} µs`);
console.log(`  eth-phishing-detect                          ${fmt(ethMedian, 2).padStart(12)} µs`);
console.log('');
console.log('Scaling with the number of agencies (generated, plus the 3 real ones; cold, fresh matcher per pass)');
console.log('  agencies   build ms   URLs/s (cold)   median µs (cold)   heap MB');
for (const n of [1, 10, 100, 1000]) {
  const feed = parseFeed(feedWithAgencies(n));
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const built = createMatcher(feed);
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  for (const u of urls) built.matchUrl(u); // warm-up the JIT for this feed's shapes
  const perSecond = throughput(3, () => {
    const m = createMatcher(feed);
    return (url) => m.matchUrl(url);
  });
  let fresh = createMatcher(feed);
  let k = 0;
  const med = medianMicros((url) => {
    if (++k % 5000 === 0) fresh = createMatcher(feed);
    return fresh.matchUrl(url);
  });
  console.log(
    `  ${String(feed.agencies.length).padStart(8)} ${fmt(buildMs, 1).padStart(10)} ${fmt(perSecond).padStart(15)} ${fmt(med, 2).padStart(18)} ${fmt(heapMb, 1).padStart(9)}`,
  );
}

console.log('');
console.log('Accuracy on real phishing hosts aimed at Hong Kong bodies (test/fixtures/real-world; feed: official domains only)');
console.log('  part      detector               caught      false alarms');
const ourFlags = engineFlags();
const theirFlags = ethFlags();
for (const part of ['dev', 'holdout'] as const) {
  for (const [name, flags] of [
    ['engine', ourFlags],
    ['eth-phishing-detect', theirFlags],
  ] as const) {
    const s = score(part, flags);
    console.log(
      `  ${part.padEnd(9)} ${name.padEnd(20)} ${`${s.caught}/${s.phishing}`.padStart(8)} ${`${s.falseAlarms}/${s.legit}`.padStart(15)}`,
    );
  }
}
console.log('');
console.log("Accuracy on cases from other detectors' public test suites (test/fixtures/public-suites)");
for (const [name, s] of [
  ['engine', engineSuiteScore()],
  ['eth-phishing-detect', ethSuiteScore()],
] as const) {
  console.log(`  ${name.padEnd(20)} lookalikes caught ${s.caught}/${s.lookalikes}, false alarms ${s.falseAlarms}/${s.legit}`);
}
