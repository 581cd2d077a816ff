/**
 * The built CLI as a process, through real pipes: the bundle is built from the current
 * sources (vite.cli.config.ts) into a temporary folder first, so this test needs no prior
 * `npm run build` and never runs a stale bundle.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import { createMatcher } from '../shared/match/matcher';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIR = mkdtempSync(path.join(os.tmpdir(), 'asa-cli-process-'));
const BUNDLE = path.join(DIR, 'cli/scam-alert.js');

beforeAll(async () => {
  await build({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.cli.config.ts'),
    logLevel: 'silent',
    build: { outDir: path.dirname(BUNDLE) },
  });
}, 120_000);
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

interface Result {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `command args`, writing `input` (chunks, honouring backpressure) to its standard input. */
function run(command: string, args: string[], input: Iterable<string> = []): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.on('error', () => undefined); // the child may stop reading (closed pipe tests)
    const chunks = input[Symbol.iterator]();
    const pump = (): void => {
      for (let next = chunks.next(); !next.done; next = chunks.next()) {
        if (!child.stdin.write(next.value)) return void child.stdin.once('drain', pump);
      }
      child.stdin.end();
    };
    pump();
  });
}

const cli = (args: string[], input?: Iterable<string>) => run(process.execPath, [BUNDLE, ...args], input);
const jsonLines = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the built CLI (dist/cli/scam-alert.js) as a process', () => {
  it('check URL prints the same verdict line as before the bundle', async () => {
    const r = await cli(['check', '--json', 'https://investhk.gov.hk.secure-pay.top/']);
    expect(r).toEqual({
      code: 0,
      out: '{"url":"https://investhk.gov.hk.secure-pay.top/","verdict":"lookalike","severity":"danger","agency":"investhk","reasons":["official-as-subdomain"]}\n',
      err: '',
    });
  });

  it('check-message reads a whole message from a pipe (UTF-8 split across writes) and prints one JSON object', async () => {
    const sms = '【投資推廣署】請於 hxxps://investhk-gov[.]top/verify 核實。查詢請致電 ３１０７ １０８０。';
    const bytes = Buffer.from(sms, 'utf8');
    const chunks = [bytes.subarray(0, 5), bytes.subarray(5, 40), bytes.subarray(40)].map((b) => b.toString('latin1'));
    const child = spawn(process.execPath, [BUNDLE, 'check-message', '--json', '--sender', '+852 6123 4567'], { cwd: ROOT });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    for (const c of chunks) child.stdin.write(Buffer.from(c, 'latin1'));
    child.stdin.end();
    const code = await new Promise((r) => child.on('close', r));
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { verdict: string; findings: Array<{ kind: string; text: string; verdict: string }> };
    expect(parsed.verdict).toBe('lookalike');
    expect(parsed.findings.map((f) => [f.kind, f.text])).toEqual([
      ['phone', '+852 6123 4567'],
      ['sender', '投資推廣署'],
      ['url', 'hxxps://investhk-gov[.]top/verify'],
      ['phone', '３１０７ １０８０'],
    ]);
  });

  it('judges as the sources do: the default feed validated at build time is the default feed', async () => {
    const matcher = createMatcher(DEFAULT_FEED);
    const urls = DEFAULT_FEED.agencies.flatMap((a) => [
      ...a.official_domains.flatMap((d) => [`https://${d}/`, `https://${d}.secure-pay.top/`, `https://${d.replace('.', '-')}.example/`]),
      ...a.scam_entries.map((e) => `https://${e.host}${e.path_prefix ?? '/'}`),
    ]);
    expect(urls.length).toBeGreaterThan(10);
    const r = await cli(['check', '--json', '-'], [urls.join('\n')]);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(jsonLines(r.out)).toEqual(
      urls.map((u) => {
        const v = matcher.matchUrl(u);
        return { url: v.url, verdict: v.verdict, severity: v.severity, agency: v.agency, reasons: v.reasons };
      }),
    );
  });

  it('loads the feed code when it is needed: --feed FILE, and feed validate', async () => {
    const file = path.join(DIR, 'feed.json');
    writeFileSync(file, JSON.stringify({ ...DEFAULT_FEED, feed_id: 'process-test' }));
    const r = await cli(['check', '--json', '--feed', file, 'https://investhk.gov.hk.secure-pay.top/']);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'lookalike', agency: 'investhk' });
    writeFileSync(file, '{"format_version": 1}');
    const bad = await cli(['check', '--feed', file, 'https://x.example/']);
    expect([bad.code, bad.err]).toEqual([1, expect.stringMatching(/invalid feed/)]);
    const validate = await cli(['feed', 'validate', file]);
    expect(validate.code).toBe(1);
    expect(validate.out).toMatch(/^error /m);
  });

  it('standard input in, JSON lines out, through pipes, in many writes', async () => {
    const lines = [
      'https://www.investhk.gov.hk/',
      '{"href":"//investhk.gov.hk.secure-pay.top/claim","text":"Claim your refund"}',
      '{"href":"/\\\\pay-portal.example/","text":"www.investhk.gov.hk"}',
      '{"url":"pay"}',
    ];
    const text = `${lines.join('\n')}\n`;
    const r = await cli(['check', '--json', '--base', 'https://mail.example/inbox/', '-'], [...text]); // one character per write
    expect([r.code, r.err]).toEqual([0, '']);
    expect(jsonLines(r.out).map((l) => [l.url, l.verdict])).toEqual([
      ['https://www.investhk.gov.hk/', 'official'],
      ['//investhk.gov.hk.secure-pay.top/claim', 'lookalike'],
      ['/\\pay-portal.example/', 'deceptive-link'],
      ['pay', 'unrelated'],
    ]);
  });

  it('exit status: 0 all judged, 1 some inputs not (the rest still run), 2 bad usage', async () => {
    expect((await cli(['check', '--json', '-'], ['https://a.example/\n'])).code).toBe(0);
    const some = await cli(['check', '--json', '-'], ['{"url":\n', 'https://a.example/\n']);
    expect(some.code).toBe(1);
    expect(jsonLines(some.out)).toEqual([
      { line: 1, input: '{"url":', error: expect.stringMatching(/^bad JSON/) },
      expect.objectContaining({ url: 'https://a.example/', verdict: 'unrelated' }),
    ]);
    expect(some.err).toBe('scam-alert: 1 of 2 inputs could not be checked\n');
    const usage = await cli(['check', '--no-such-option', '-']);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/unknown option/);
  });

  it('streams a large input through (100,000 lines in, 100,000 JSON lines out)', async () => {
    const n = 100_000;
    const block = Array.from({ length: 1_000 }, (_, i) => `https://host-${i}.example/path?q=${i}`).join('\n') + '\n';
    const r = await cli(['check', '--json', '-'], Array<string>(n / 1_000).fill(block));
    expect([r.code, r.err]).toEqual([0, '']);
    const out = r.out.split('\n');
    expect(out).toHaveLength(n + 1);
    expect(JSON.parse(out[n - 1]!)).toMatchObject({ url: 'https://host-999.example/path?q=999', verdict: 'unrelated' });
  }, 120_000);

  it('reads standard input as a stream: 100 MB of input moves memory by far less than 100 MB', async () => {
    // Report the peak resident set size on exit, without changing the program.
    const report = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss='+process.resourceUsage().maxRSS+'\\n'))`;
    const peak = async (input: string[]) => {
      const r = await run(process.execPath, ['--import', report, BUNDLE, 'check', '--json', '-'], input);
      expect(r.code).toBe(0);
      return Number(/maxrss=(\d+)/.exec(r.err)![1]) / 1024; // MiB
    };
    const small = await peak(['https://a.example/\n']);
    const blankLine = `${' '.repeat(1023)}\n`; // blank lines: skipped, so the cost measured is reading
    const big = await peak(Array<string>(1_600).fill(blankLine.repeat(64))); // 1,600 writes of 64 KiB
    expect(big - small).toBeLessThan(40);
  }, 120_000);

  it('a reader that closes the pipe (head) stops it quietly: no EPIPE error, exit 0', async () => {
    const file = path.join(DIR, 'urls.txt');
    writeFileSync(file, 'https://www.investhk.gov.hk/\n'.repeat(200_000));
    const script = `set -o pipefail; "${process.execPath}" "${BUNDLE}" check --json - < "${file}" | head -n 1`;
    const r = await run('bash', ['-c', script]);
    expect(r).toEqual({
      code: 0,
      out: '{"url":"https://www.investhk.gov.hk/","verdict":"official","severity":"safe","agency":"investhk","reasons":["official-domain"]}\n',
      err: '',
    });
  }, 60_000);

  it('an endless input stops too once the reader has gone (the CLI closes its standard input)', async () => {
    const script = `yes https://investhk.gov.hk.secure-pay.top/ | "${process.execPath}" "${BUNDLE}" check --json - | head -n 2; echo "\${PIPESTATUS[@]}" >&2`;
    const r = await run('bash', ['-c', script]);
    expect(r.out.trim().split('\n')).toHaveLength(2);
    // yes: killed by SIGPIPE (141) once the CLI closed its input; the CLI: 0; head: 0.
    expect(r.err).toBe('141 0 0\n');
  }, 60_000);
});
