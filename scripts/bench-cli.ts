/**
 * `npm run bench:cli`: how fast the built admin CLI (`dist/cli/scam-alert.js`) starts and
 * how many URLs per second go through its batch mode. Prints figures; it is not a timed
 * test (the machine may be shared: run it when nothing else runs, e.g. under the team's
 * `flock /tmp/asa-browser.lock`).
 *
 * Start-up: wall-clock time of whole runs of `scam-alert check URL`, `BENCH_RUNS` (default
 * 10) each, median and range: `node dist/cli/scam-alert.js`, `npx scam-alert` (npm's own
 * start-up included: npx reads the whole installed tree to run a project's own bin), with
 * `node -e 0` and `npx -c true` as floors and the TypeScript sources through tsx (how the
 * CLI ran before it was bundled) for comparison.
 *
 * Batch: wall-clock time of whole runs (start-up included) of
 * `node dist/cli/scam-alert.js check --json -` reading a file on standard input, its output
 * read through a pipe (every output line counted: one per input). Inputs, from the corpora
 * nobody on the team wrote (`test/fixtures/corpus/legit-*.txt` and eth-phishing-detect's
 * blacklist, 15,402 distinct hostnames; see `scripts/bench.ts`), each host as `https://HOST/`:
 * - every host new: the corpus once (each host pays the full lookalike search, in a
 *   process whose JIT is still cold);
 * - every host new, a long run: the corpus 10 times, each pass under its own first label
 *   (`p1.HOST`, `p2.HOST`, …; IPv4 hosts left out), so every host misses the per-host cache;
 * - a day's reports repeat hosts: the corpus 10 times over (hosts after the first pass hit
 *   the per-host verdict cache; each line is still parsed, unwrapped, judged and printed);
 * - JSON link lines `{"href","text","page"}`, the corpus 10 times over.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUNDLE = path.join(ROOT, 'dist/cli/scam-alert.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const URL_CHECKED = 'https://investhk.gov.hk.secure-pay.top/';

if (!existsSync(BUNDLE)) throw new Error('[bench-cli] dist/cli/scam-alert.js is missing: run `npm run build:cli`');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Loaded with `node --import` into a measured run: prints the process's CPU time (user +
 * system, all threads, since start) on exit. CPU time does not grow when other processes
 * compete for the cores, so it is printed beside wall-clock time on a shared machine.
 */
const CPU_HOOK = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('cpu='+(u.user+u.system)+'\\n')})`;
const cpuOf = (stderr: string) => Number(/cpu=(\d+)/.exec(stderr)?.[1]) / 1e6;

/** Seconds of one whole run; throws when it fails. */
function timeRun(command: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`[bench-cli] ${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return seconds;
}

/** CPU seconds of one whole `node ARGS` run (see CPU_HOOK). */
function cpuRun(args: string[]): number {
  const r = spawnSync(process.execPath, ['--import', CPU_HOOK, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`[bench-cli] node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return cpuOf(r.stderr);
}

/** Prints the median wall-clock time of `runs` whole runs, and for `node` runs the median CPU time of as many more. */
function startup(label: string, command: string, args: string[], runs = RUNS): void {
  timeRun(command, args); // warm the file cache
  const times = Array.from({ length: runs }, () => timeRun(command, args));
  const cpu = command === process.execPath ? `; CPU median ${fmt(median(Array.from({ length: runs }, () => cpuRun(args))), 3)} s` : '';
  console.info(
    `${label.padEnd(58)} median ${fmt(median(times), 3)} s  (min ${fmt(Math.min(...times), 3)}, max ${fmt(Math.max(...times), 3)}, ${runs} runs${cpu})`,
  );
}

/** Wall and CPU seconds for the bundle to judge `file` (standard input), output through a pipe; checks one output line per input line. */
function timeBatch(file: string, lines: number): Promise<{ wall: number; cpu: number }> {
  return new Promise((resolve, reject) => {
    const input = openSync(file, 'r');
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', CPU_HOOK, BUNDLE, 'check', '--json', '-'], {
      cwd: ROOT,
      stdio: [input, 'pipe', 'pipe'],
    });
    closeSync(input);
    let count = 0;
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) count++;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0 || count !== lines) reject(new Error(`[bench-cli] batch exited ${code} with ${count} of ${lines} lines: ${stderr}`));
      else resolve({ wall: seconds, cpu: cpuOf(stderr) });
    });
  });
}

async function batch(label: string, text: string, lines: number, dir: string): Promise<void> {
  const file = path.join(dir, 'input.txt');
  writeFileSync(file, text);
  const runs: Array<{ wall: number; cpu: number }> = [];
  for (let i = 0; i < 3; i++) runs.push(await timeBatch(file, lines));
  const wall = runs.map((r) => r.wall);
  const m = median(wall);
  console.info(
    `${label.padEnd(58)} ${fmt(lines)} lines in ${fmt(m, 2)} s: ${fmt(lines / m)} URLs/s  (median of 3; range ${fmt(lines / Math.max(...wall))}–${fmt(lines / Math.min(...wall))}; per CPU second ${fmt(lines / median(runs.map((r) => r.cpu)))})`,
  );
}

const require = createRequire(import.meta.url);
const readList = (name: string) =>
  readFileSync(path.join(ROOT, 'test/fixtures/corpus', name), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#'));
const blacklist = (require('eth-phishing-detect/src/config.json') as { blacklist: string[] }).blacklist;
const hosts = [...new Set([...readList('legit-popular.txt'), ...readList('legit-hk.txt'), ...blacklist])];

console.info(`[bench-cli] node ${process.version}, ${os.cpus().length} CPUs, ${os.loadavg()[0]!.toFixed(2)} load average (1 min)`);
console.info('Start-up: `scam-alert check URL`, whole runs, wall clock (and CPU time for node runs)');
startup('node -e 0 (floor: Node itself)', process.execPath, ['-e', '0']);
startup(`node dist/cli/scam-alert.js check ${URL_CHECKED}`, process.execPath, [BUNDLE, 'check', URL_CHECKED]);
startup(`npx scam-alert check ${URL_CHECKED}`, 'npx', ['scam-alert', 'check', URL_CHECKED]);
startup("npx -c true (floor: npm's own start-up, no package)", 'npx', ['-c', 'true']);
startup(
  'before the bundle: TypeScript through tsx at run time',
  process.execPath,
  ['--import', 'tsx', 'src/cli/bin.ts', 'check', URL_CHECKED],
  5,
);

console.info(
  `Batch: \`node dist/cli/scam-alert.js check --json - < FILE\`, start-up included, output through a pipe (${hosts.length} distinct hosts)`,
);
const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-bench-cli-'));
try {
  const once = hosts.map((h) => `https://${h}/\n`).join('');
  await batch('URL lines, every host new (corpus once)', once, hosts.length, dir);
  // IPv4 hosts take no extra label (p1.1.2.3.4 is not a host).
  const named = hosts.filter((h) => !/^[\d.]+$/.test(h));
  const passes = Array.from({ length: 10 }, (_, p) => named.map((h) => `https://p${p + 1}.${h}/\n`).join('')).join('');
  await batch('URL lines, every host new (corpus 10 times, pN.HOST)', passes, named.length * 10, dir);
  await batch('URL lines, hosts repeating (corpus 10 times)', once.repeat(10), hosts.length * 10, dir);
  const links = hosts.map((h) => `${JSON.stringify({ href: `https://${h}/`, text: h, page: 'https://mail.example/inbox/' })}\n`).join('');
  await batch('JSON link lines {"href","text","page"} (corpus 10 times)', links.repeat(10), hosts.length * 10, dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
