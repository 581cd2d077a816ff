import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

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
