/**
 * `npm run bench:message`: what `Matcher.matchMessage` finds and how it judges it on real
 * text (test/fixtures/text/message-parts.json and news-breaches.json), and how long it takes
 * on page-sized text (CPU time, median of 15 runs). Run it under the browser lock so nothing
 * else competes for the cores:
 *
 *   flock /tmp/asa-browser.lock npm run bench:message
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createMatcher } from '../src/shared/match/matcher';
import { defaultFeed } from '../src/shared/match/testing/test-feed';
import { measureMessages, messageFeed, messageItems, summarise } from '../src/shared/match/testing/message-accuracy';
import { isWarning } from '../src/shared/match/verdict';

const ROOT = resolve(import.meta.dirname, '..');
const items = messageItems();
const report = measureMessages(createMatcher(messageFeed()), items);
console.log(`[bench:message] node ${process.version}`);
console.log('');
console.log(
  `Real text (test/fixtures/text/message-parts.json): ${items.filter((i) => i.kind === 'report').length} statements and news reports, ${items.filter((i) => i.kind === 'scam').length} scam SMS`,
);
console.log('  kind     truth      expected   found   judged right');
for (const row of summarise(report)) {
  console.log(
    `  ${row.kind.padEnd(8)} ${row.truth.padEnd(9)} ${String(row.expected).padStart(9)} ${String(row.found).padStart(7)} ${String(row.right).padStart(14)}`,
  );
}
const total = report.parts.length;
console.log(
  `  all: found ${report.parts.filter((p) => p.finding).length}/${total}, judged right ${report.parts.filter((p) => p.right).length}/${total}; other findings ${report.extra.length}, of them warnings ${report.extraWarnings.length}`,
);
for (const p of report.parts.filter((x) => !x.right)) {
  console.log(
    `  missed: ${p.expected.kind} ${p.expected.text} (${p.expected.truth}) → ${p.finding ? `${p.finding.verdict.verdict}/${p.finding.verdict.severity}` : 'not found'}`,
  );
}

const news = (
  JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/text/news-breaches.json'), 'utf8')) as { reports: Array<{ text: string }> }
).reports;
const matcher = createMatcher(defaultFeed());
let newsFindings = 0;
let newsWarnings = 0;
for (const r of news) {
  const found = matcher.matchMessage(r.text).findings.filter((f) => f.kind !== 'mention');
  newsFindings += found.length;
  newsWarnings += found.filter((f) => isWarning(f.verdict.severity)).length;
}
console.log(
  `News reports of the breaches (test/fixtures/text/news-breaches.json, ${news.length} excerpts): ${newsFindings} addresses/numbers/senders found, ${newsWarnings} warnings`,
);

function cpuMedianMs(fn: () => unknown, runs = 15): number {
  const times: number[] = [];
  fn();
  for (let i = 0; i < runs; i++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    times.push((d.user + d.system) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}
const realText = [...items.map((i) => i.text), ...news.map((r) => r.text)].join('\n\n');
const page = realText.repeat(Math.ceil(100_000 / realText.length)).slice(0, 100_000);
const digits = Array.from({ length: 12_500 }, (_, i) => String(20_000_000 + i * 7919).slice(0, 8))
  .join(' ')
  .slice(0, 100_000);
const dotted = 'a.'.repeat(50_000);
const plain = 'The quick brown fox jumps over the lazy dog. '.repeat(2300).slice(0, 100_000);
console.log('');
console.log('CPU time of matchMessage on 100,000 characters (median of 15 runs)');
for (const [name, text] of [
  ['real statements and news, repeated', page],
  ['plain English, nothing to find', plain],
  ['12,500 eight-digit numbers', digits],
  ['"a." repeated (hostile)', dotted],
] as const) {
  console.log(
    `  ${name.padEnd(38)} ${cpuMedianMs(() => matcher.matchMessage(text))
      .toFixed(1)
      .padStart(8)} ms`,
  );
}
