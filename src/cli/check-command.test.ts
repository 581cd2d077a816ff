import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import { createMatcher } from '../shared/match/matcher';
import { formatVerdict, printable, runChecks } from './check-command';
import type { Io } from './io';
import { main } from './main';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return runWithInput(undefined, ...argv);
}

/** Runs the CLI with `stdin` as standard input (chunks as given). */
async function runWithInput(stdin: string[] | undefined, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s), ...(stdin ? { stdin } : {}) };
  const code = await main(argv, io);
  return { code, out, err };
}

const jsonLines = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('scam-alert check', () => {
  it('prints exactly one JSON object with the five fields', async () => {
    const { code, out } = await run('check', '--json', 'https://investhk.gov.hk.secure-pay.top/');
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const parsed = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['url', 'verdict', 'severity', 'agency', 'reasons']);
    expect(parsed).toMatchObject({ verdict: 'lookalike', severity: 'danger', agency: 'investhk' });
  });

  it('prints agency null when there is none', async () => {
    const { out } = await run('check', '--json', 'https://news.example.com/');
    expect(JSON.parse(out)).toEqual({
      url: 'https://news.example.com/',
      verdict: 'unrelated',
      severity: 'none',
      agency: null,
      reasons: [],
    });
  });

  it('judges a link with its visible text, and a page with its text', async () => {
    const link = await run('check', '--json', '--link-text', 'https://www.investhk.gov.hk/en/claim', 'https://pay-portal.example/claim');
    expect(JSON.parse(link.out).verdict).toBe('deceptive-link');
    const page = await run('check', '--json', '--page-text', '【投资推广署】紧急通知：请即登入更新资料', 'https://verify-portal.example/');
    expect(JSON.parse(page.out)).toMatchObject({ verdict: 'mentions', severity: 'caution', agency: 'investhk' });
  });

  it('prints a readable line without --json', async () => {
    const { out } = await run('check', 'https://www.investhk.gov.hk/');
    expect(out).toMatch(/^official \(safe\) — agency: investhk/);
  });

  it('keeps the one-URL output byte for byte (JSON and readable)', async () => {
    expect((await run('check', '--json', 'https://investhk.gov.hk.secure-pay.top/')).out).toBe(
      '{"url":"https://investhk.gov.hk.secure-pay.top/","verdict":"lookalike","severity":"danger","agency":"investhk","reasons":["official-as-subdomain"]}\n',
    );
    expect((await run('check', 'https://www.investhk.gov.hk/')).out).toBe(
      'official (safe) — agency: investhk  https://www.investhk.gov.hk/\n  reasons: official-domain\n',
    );
    const wrapped = await run('check', 'https://www.google.com/url?q=https://investhk.gov.hk.secure-pay.top/');
    expect(wrapped.out).toBe(
      'lookalike (danger) — agency: investhk  https://www.google.com/url?q=https://investhk.gov.hk.secure-pay.top/\n' +
        '  target: https://investhk.gov.hk.secure-pay.top/\n' +
        '  reasons: unwrapped-redirect:google, official-as-subdomain\n',
    );
  });

  it('exits 2 for bad usage and 1 for a bad feed file', async () => {
    expect((await run('check')).code).toBe(2);
    expect((await run('check', '--no-such-flag', 'https://x.example/')).code).toBe(2);
    const missing = await run('check', '--feed', '/nonexistent/feed.json', 'https://x.example/');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read feed file');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-cli-'));
    const bad = path.join(dir, 'feed.json');
    writeFileSync(bad, '{"format_version": 1}');
    const invalid = await run('check', '--feed', bad, 'https://x.example/');
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/invalid feed/);
  });
});

describe('scam-alert check, many inputs', () => {
  it('judges every URL argument, in order, one JSON line each', async () => {
    const { code, out } = await run(
      'check',
      '--json',
      'https://www.investhk.gov.hk/',
      'https://investhk.gov.hk.secure-pay.top/',
      'https://example.org/',
    );
    expect(code).toBe(0);
    expect(jsonLines(out).map((l) => l.verdict)).toEqual(['official', 'lookalike', 'unrelated']);
  });

  it('"-" reads URL lines and JSON lines from standard input, chunk boundaries anywhere', async () => {
    const input =
      'https://www.investhk.gov.hk/\r\n' +
      '\n' +
      '{"url":"https://investhk.gov.hk.secure-pay.top/"}\n' +
      '{"href":"//pay-portal.example/claim","text":"www.investhk.gov.hk","page":"https://mail.example/inbox/"}\n' +
      '/relative/on/base\n';
    const chunks = [input.slice(0, 7), input.slice(7, 60), input.slice(60, 61), input.slice(61)];
    const { code, out, err } = await runWithInput(chunks, 'check', '--json', '--base', 'https://mail.example/', '-');
    expect([code, err]).toEqual([0, '']);
    expect(jsonLines(out)).toEqual([
      { url: 'https://www.investhk.gov.hk/', verdict: 'official', severity: 'safe', agency: 'investhk', reasons: ['official-domain'] },
      {
        url: 'https://investhk.gov.hk.secure-pay.top/',
        verdict: 'lookalike',
        severity: 'danger',
        agency: 'investhk',
        reasons: ['official-as-subdomain'],
      },
      {
        url: '//pay-portal.example/claim',
        verdict: 'deceptive-link',
        severity: 'danger',
        agency: 'investhk',
        reasons: ['text-shows-official-domain'],
      },
      { url: '/relative/on/base', verdict: 'unrelated', severity: 'none', agency: null, reasons: [] },
    ]);
  });

  it('mixes arguments and standard input in the order given', async () => {
    const { out } = await runWithInput(
      ['https://b.example/\nhttps://c.example/\n'],
      'check',
      '--json',
      'https://a.example/',
      '-',
      'https://d.example/',
    );
    expect(jsonLines(out).map((l) => l.url)).toEqual([
      'https://a.example/',
      'https://b.example/',
      'https://c.example/',
      'https://d.example/',
    ]);
  });

  it('bad lines get an error object in place, the rest still run, and the exit status is 1', async () => {
    const input = [
      'https://www.investhk.gov.hk/',
      '{"url": ',
      '/no-base',
      '{"href":"x","txt":"y"}',
      'https://exa mple.com/',
      'https://example.org/',
    ];
    const { code, out, err } = await runWithInput([input.join('\n')], 'check', '--json', '-', 'https://[::1/');
    expect(code).toBe(1);
    const lines = jsonLines(out);
    expect(lines.map((l) => l.line ?? l.arg ?? l.verdict)).toEqual(['official', 2, 3, 4, 5, 'unrelated', 2]);
    expect(lines[1]).toEqual({ line: 2, input: '{"url": ', error: expect.stringMatching(/^bad JSON/) });
    expect(lines[2]).toEqual({ line: 3, input: '/no-base', error: expect.stringMatching(/^relative URL: give --base/) });
    expect(lines[3]).toEqual({ line: 4, input: '{"href":"x","txt":"y"}', error: 'unknown field "txt"' });
    expect(lines[4]).toEqual({ line: 5, input: 'https://exa mple.com/', error: 'not a URL' });
    expect(lines[6]).toEqual({ arg: 2, input: 'https://[::1/', error: 'not a URL' });
    expect(err).toBe('scam-alert: 5 of 7 inputs could not be checked\n');
  });

  it('a single URL that does not parse is an error too (exit 1), not an "unrelated" verdict', async () => {
    const r = await run('check', '--json', 'not a url');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      arg: 1,
      input: 'not a url',
      error: 'relative URL: give --base (or "page" in a JSON line) to resolve it',
    });
  });

  it('readable output for many inputs: one block per input, errors in place', async () => {
    const { code, out } = await runWithInput(['https://www.investhk.gov.hk/\n/pay\n'], 'check', '-', 'https://example.org/');
    expect(code).toBe(1);
    expect(out).toBe(
      'official (safe) — agency: investhk  https://www.investhk.gov.hk/\n' +
        '  reasons: official-domain\n' +
        'error — line 2: relative URL: give --base (or "page" in a JSON line) to resolve it\n' +
        '  input: /pay\n' +
        'unrelated (none)  https://example.org/\n',
    );
  });

  it('exit 2 for bad usage: "-" twice, no standard input, a --base that is not absolute', async () => {
    expect((await runWithInput([''], 'check', '-', '-')).code).toBe(2);
    expect((await run('check', '-')).code).toBe(2);
    const base = await run('check', '--base', '/inbox/', 'pay');
    expect([base.code, base.err]).toEqual([2, 'scam-alert: --base: "/inbox/" is not an absolute URL\n']);
  });

  it('an overlong line is an error of its own; the lines around it run', async () => {
    const long = `https://a.example/${'x'.repeat(1 << 20)}`;
    const { code, out } = await runWithInput(['https://www.investhk.gov.hk/\n', long, '\nhttps://example.org/\n'], 'check', '--json', '-');
    expect(code).toBe(1);
    const lines = jsonLines(out);
    expect(lines.map((l) => l.verdict ?? l.error)).toEqual(['official', `line longer than ${1 << 20} characters`, 'unrelated']);
    expect((lines[1]!.input as string).length).toBeLessThan(2_100);
  });

  it('feed check takes standard input and --base too', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-cli-'));
    const feed = path.join(dir, 'feed.json');
    writeFileSync(feed, JSON.stringify(DEFAULT_FEED));
    const r = await runWithInput(
      ['//investhk.gov.hk.secure-pay.top/\n'],
      'feed',
      'check',
      feed,
      '--json',
      '--base',
      'https://mail.example/',
      '-',
    );
    expect(r.code).toBe(0);
    expect(jsonLines(r.out)).toMatchObject([{ verdict: 'lookalike', agency: 'investhk' }]);
  });
});

describe('streaming', () => {
  const matcher = createMatcher(DEFAULT_FEED);

  it('reads the next chunk only once the output has taken the last one (backpressure)', async () => {
    const events: string[] = [];
    async function* stdin(): AsyncGenerator<string> {
      for (let i = 0; i < 3; i++) {
        events.push(`read ${i}`);
        yield `https://c${i}.example/\n`;
      }
    }
    let release: (() => void) | undefined;
    const io: Io = {
      out: (s) => void events.push(`out ${JSON.parse(s).url}`),
      err: () => undefined,
      stdin: stdin(),
      ready: () => {
        events.push('ready?');
        return new Promise((resolve) => (release = () => resolve(true)));
      },
    };
    const done = runChecks(matcher, ['-'], { json: true }, io);
    for (let i = 0; i < 3; i++) {
      await vi.waitFor(() => expect(release).toBeDefined());
      expect(events.at(-1)).toBe('ready?');
      const go = release!;
      release = undefined;
      go();
    }
    expect(await done).toEqual({ total: 3, failed: 0 });
    expect(events).toEqual([
      'read 0',
      'out https://c0.example/',
      'ready?',
      'read 1',
      'out https://c1.example/',
      'ready?',
      'read 2',
      'out https://c2.example/',
      'ready?',
    ]);
  });

  it('stops reading and closes standard input when the reader has gone (closed pipe)', async () => {
    let pulled = 0;
    let closed = false;
    async function* stdin(): AsyncGenerator<string> {
      try {
        for (;;) {
          pulled += 1;
          yield 'https://www.investhk.gov.hk/\n';
        }
      } finally {
        closed = true;
      }
    }
    let writes = 0;
    const io: Io = {
      out: () => void (writes += 1),
      err: () => undefined,
      stdin: stdin(),
      ready: async () => writes < 3,
    };
    expect(await runChecks(matcher, ['-', 'https://never.example/'], { json: true }, io)).toEqual({ total: 3, failed: 0 });
    expect([pulled, writes, closed]).toEqual([3, 3, true]);
  });
});

describe('readable output is safe for a terminal', () => {
  it('escapes control, bidi and zero-width characters of hostile URLs', () => {
    expect(printable('https://a.example/\u001b]0;owned\u0007\u202eexe.pdf\u200b')).toBe(
      'https://a.example/\\u001b]0;owned\\u0007\\u202eexe.pdf\\u200b',
    );
    expect(printable('https://例子.example/ü')).toBe('https://例子.example/ü');
    const v = createMatcher(DEFAULT_FEED).matchUrl('https://a.example/\u001b[2J');
    expect(formatVerdict(v)).not.toContain('\u001b');
  });
});

describe('scam-alert check-message', () => {
  const sms =
    'InvestHK: your client record expires today. Verify at invest-hk.gov.hk.secure-update.top and pay the HK$38 fee. Questions? Call 3107 1080';

  it('reads standard input and prints one JSON object with every finding', async () => {
    const { code, out } = await runWithInput([sms.slice(0, 50), sms.slice(50)], 'check-message', '--json');
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const parsed = JSON.parse(out) as Record<string, unknown> & { findings: Array<Record<string, unknown>> };
    expect(Object.keys(parsed)).toEqual(['verdict', 'severity', 'agency', 'reasons', 'findings']);
    expect(parsed).toMatchObject({ verdict: 'lookalike', severity: 'danger', agency: 'investhk' });
    expect(parsed.findings.map((f) => [f.kind, f.text, f.verdict])).toEqual([
      ['mention', 'InvestHK', 'mentions'],
      ['url', 'invest-hk.gov.hk.secure-update.top', 'lookalike'],
      ['phone', '3107 1080', 'mentions'],
    ]);
    expect(parsed.findings[2]).toMatchObject({
      severity: 'caution',
      reasons: ['unlisted-phone'],
      genuine_phones: ['3107 1000'],
      start: 128,
      end: 137,
    });
  });

  it('reads a file, takes --sender, and prints a readable summary', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-msg-'));
    const file = path.join(dir, 'sms.txt');
    writeFileSync(file, '香港郵政：您的包裹未能派遞，請於 hongkongpost.hk 查詢。');
    const { code, out } = await run('check-message', '--sender', 'HKPOST', file);
    expect(code).toBe(0);
    expect(out).toMatch(/^message: mentions \(caution\) — agency: hongkongpost/);
    expect(out).toContain('sender [sender]: HKPOST — mentions (caution) hongkongpost');
    expect(out).toContain('reasons: sender-not-registered');
    expect(out).toContain('url: hongkongpost.hk — official (safe) hongkongpost');
  });

  it('exit 1 for an unreadable file, 2 for bad usage', async () => {
    expect((await run('check-message', '/nonexistent/sms.txt')).code).toBe(1);
    expect((await run('check-message', 'a', 'b')).code).toBe(2);
  });

  it('check --page-text also judges the numbers and addresses in the page text', async () => {
    const { out } = await run('check', '--json', '--page-text', 'Invest Hong Kong hotline: 3107 1080', 'https://blog.example/');
    expect(JSON.parse(out)).toMatchObject({ verdict: 'mentions', severity: 'caution', agency: 'investhk', reasons: ['unlisted-phone'] });
  });
});
