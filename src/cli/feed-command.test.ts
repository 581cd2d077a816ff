import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import json from '../shared/feed/default-feed.json' with { type: 'json' };
import { main } from './main';

const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-feed-cli-'));
const at = (name: string) => path.join(dir, name);

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

function writeFeed(name: string, change: (f: Record<string, unknown>) => void = () => undefined): string {
  const value = structuredClone(json) as Record<string, unknown>;
  value.feed_id = 'cli-test';
  // Readers refuse a feed valid for more than 90 days: issued yesterday, valid 60 days.
  value.issued_at = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  value.expires_at = new Date(Date.now() + 60 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  change(value);
  writeFileSync(at(name), JSON.stringify(value, null, 2));
  return at(name);
}

beforeAll(async () => {
  expect((await run('feed', 'keygen', '--out', at('key'))).code).toBe(0);
  expect((await run('feed', 'keygen', '--out', at('other'))).code).toBe(0);
});

describe('scam-alert feed', () => {
  it('--help on the group and every command exits 0', async () => {
    for (const cmd of [[], ['keygen'], ['validate'], ['sign'], ['verify'], ['diff'], ['check']]) {
      const r = await run('feed', ...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Usage: scam-alert feed/);
    }
  });

  it('keygen writes a secret key (mode 600) and a public key, and refuses to overwrite', async () => {
    expect(statSync(at('key.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(at('key.pub'), 'utf8').trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const again = await run('feed', 'keygen', '--out', at('key'));
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/exists; pass --force/);
  });

  it('keygen --out keys/NAME creates the missing folders (mode 700), as in the admin guide', async () => {
    const prefix = at('keys/nested/cert-2026');
    const r = await run('feed', 'keygen', '--out', prefix);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(statSync(`${prefix}.key`).mode & 0o777).toBe(0o600);
    expect(statSync(`${prefix}.pub`).mode & 0o777).toBe(0o644);
    expect(statSync(at('keys')).mode & 0o777).toBe(0o700);
    expect(statSync(at('keys/nested')).mode & 0o777).toBe(0o700);
    // A file where a folder should be: a clear error, exit 1.
    writeFileSync(at('plain-file'), '');
    const blocked = await run('feed', 'keygen', '--out', at('plain-file/k'));
    expect([blocked.code, blocked.err]).toEqual([1, expect.stringMatching(/cannot create the folder .*(EEXIST|ENOTDIR)/)]);
  });

  it('keygen --force replaces a key as 0600 even over a 0644 file, and leaves no temporary file', async () => {
    const prefix = at('forced');
    writeFileSync(`${prefix}.key`, 'old', { mode: 0o644 });
    chmodSync(`${prefix}.key`, 0o644);
    expect((await run('feed', 'keygen', '--out', prefix)).code).toBe(1);
    expect(readFileSync(`${prefix}.key`, 'utf8')).toBe('old');
    expect(existsSync(`${prefix}.pub`)).toBe(false); // refused before writing either file
    expect((await run('feed', 'keygen', '--out', prefix, '--force')).code).toBe(0);
    expect(statSync(`${prefix}.key`).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(`${prefix}.key`, 'utf8')).format).toBe('scam-alert-feed-private-key/1');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never writes through a symbolic link: keygen (with or without --force) and sign', async () => {
    const victim = at('victim.txt');
    writeFileSync(victim, 'precious');
    chmodSync(victim, 0o644);
    symlinkSync(victim, at('linked.key'));
    for (const force of [[], ['--force']]) {
      const r = await run('feed', 'keygen', '--out', at('linked'), ...force);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(force.length ? /linked\.key is a symbolic link; not written/ : /linked\.key exists/);
    }
    // A dangling link is not followed either (it would create the file where it points).
    symlinkSync(at('nowhere.key'), at('dangling.key'));
    expect((await run('feed', 'keygen', '--out', at('dangling'))).code).toBe(1);
    expect((await run('feed', 'keygen', '--out', at('dangling'), '--force')).code).toBe(1);
    expect(existsSync(at('nowhere.key'))).toBe(false);

    const file = writeFeed('linked-sig.json', (f) => (f.sequence = 3));
    symlinkSync(victim, `${file}.sig`);
    const sign = await run('feed', 'sign', file, '--key', at('key.key'));
    expect([sign.code, sign.err]).toEqual([1, expect.stringMatching(/\.sig is a symbolic link; not written/)]);
    symlinkSync(victim, at('out.sig'));
    expect((await run('feed', 'sign', file, '--key', at('key.key'), '--out', at('out.sig'), '--force')).code).toBe(1);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(statSync(victim).mode & 0o777).toBe(0o644);
    expect(lstatSync(at('linked.key')).isSymbolicLink()).toBe(true);
  });

  it('validate: ok, then every publishing problem with exit 1', async () => {
    expect((await run('feed', 'validate', writeFeed('ok.json'))).code).toBe(0);
    const dup = writeFeed('dup.json', (f) => (f.agencies as unknown[]).push(structuredClone((f.agencies as unknown[])[0])));
    const r = await run('feed', 'validate', dup);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/duplicate agency id/);
    expect(r.out).toMatch(/already an official domain/);
    const expired = await run('feed', 'validate', at('ok.json'), '--now', '2099-01-01T00:00:00Z');
    expect(expired.code).toBe(1);
    expect(expired.out).toMatch(/expired/);
    const notAbove = await run('feed', 'validate', at('ok.json'), '--published', at('ok.json'));
    expect(notAbove.out).toMatch(/not above the published sequence/);
    expect((await run('feed', 'validate', at('missing.json'))).code).toBe(1);
    expect((await run('feed', 'validate')).code).toBe(2);
    expect((await run('feed', 'validate', at('ok.json'), '--now', 'yesterday')).code).toBe(2);
  });

  it('sign then verify; tampering, an untrusted key and a replay are rejected', async () => {
    const file = writeFeed('v2.json', (f) => (f.sequence = 2));
    expect((await run('feed', 'sign', file, '--key', at('key.key'))).code).toBe(0);
    const ok = await run('feed', 'verify', file, '--pubkey', at('key.pub'), '--published', at('ok.json'));
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/ok: cli-test sequence 2 signed by key [0-9a-f]{16}/);
    const untrusted = await run('feed', 'verify', file, '--pubkey', at('other.pub'));
    expect([untrusted.code, untrusted.err]).toEqual([1, expect.stringMatching(/untrusted-key/)]);
    const replay = await run('feed', 'verify', file, '--pubkey', at('key.pub'), '--published', file);
    expect(replay.err).toMatch(/not-newer/);
    writeFileSync(file, readFileSync(file, 'utf8').replace('3107 1000', '3107 1001'));
    const tampered = await run('feed', 'verify', file, '--pubkey', at('key.pub'));
    expect([tampered.code, tampered.err]).toEqual([1, expect.stringMatching(/bad-signature/)]);
  });

  it('sign with two keys (rotation): either public key verifies', async () => {
    const file = writeFeed('rot.json');
    expect((await run('feed', 'sign', file, '--key', at('key.key'), '--key', at('other.key'))).code).toBe(0);
    expect((await run('feed', 'verify', file, '--pubkey', at('other.pub'))).code).toBe(0);
    expect((await run('feed', 'verify', file, '--pubkey', at('key.pub'))).code).toBe(0);
  });

  it('sign refuses an invalid feed', async () => {
    const bad = writeFeed('bad.json', (f) => (f.sequence = 0));
    const r = await run('feed', 'sign', bad, '--key', at('key.key'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not valid; not signed/);
  });

  it('validate and sign apply exactly the reader’s rules: bytes, duplicate keys, public suffixes, lifetime', async () => {
    const ok = readFileSync(writeFeed('reader-ok.json'), 'utf8');
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['latin1.json', Buffer.concat([Buffer.from(ok.slice(0, -2)), Buffer.from([0xe9]), Buffer.from('}\n')]), /not UTF-8/],
      ['huge.json', ok.replace('{', `{"padding": "${'x'.repeat(1024 * 1024)}",`), /over the 1048576-byte limit/],
      ['dup.json', ok.replace('"feed_id": "cli-test"', '"feed_id": "shown", "feed_id": "cli-test"'), /twice/],
      ['com.json', ok.replace('"investhk.gov.hk"', '"com"'), /public suffix/],
      ['forever.json', ok.replace(/"expires_at": "[^"]+"/, '"expires_at": "2099-01-01T00:00:00Z"'), /90-day limit/],
      [
        'prefix.json',
        readFileSync(
          writeFeed(
            'prefix-src.json',
            (f) => ((f.agencies as Array<Record<string, unknown>>)[0]!.scam_entries = [{ host: 'pages.example.net', path_prefix: '/a?b' }]),
          ),
          'utf8',
        ),
        /query or fragment/,
      ],
    ];
    for (const [name, text, why] of cases) {
      writeFileSync(at(name), text);
      const v = await run('feed', 'validate', at(name));
      expect({ name, code: v.code }).toEqual({ name, code: 1 });
      expect(v.out).toMatch(why);
      const s = await run('feed', 'sign', at(name), '--key', at('key.key'), '--out', at(`${name}.sig`));
      expect({ name, code: s.code }).toEqual({ name, code: 1 });
      expect(s.err).toMatch(/not signed/);
    }
  });

  it('verify refuses a small-order --pubkey', async () => {
    const identity = Buffer.from([1, ...new Array(31).fill(0)]).toString('base64');
    const r = await run('feed', 'verify', writeFeed('any.json'), '--pubkey', identity);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/small-order/);
  });

  it('diff lists added agencies and domains', async () => {
    const next = writeFeed('next.json', (f) => {
      const agencies = f.agencies as Array<Record<string, unknown>>;
      agencies.push({
        ...structuredClone(agencies[0]!),
        id: 'new-office',
        official_domains: ['new-office.gov.hk'],
        brand_tokens: ['newoffice'],
      });
    });
    const r = await run('feed', 'diff', at('ok.json'), next);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\+ agency new-office/);
    expect(r.out).toMatch(/domains added: new-office.gov.hk/);
    expect((await run('feed', 'diff', at('ok.json'), at('ok.json'))).out).toBe('no changes\n');
  });

  it('check prints one verdict per URL against the given feed', async () => {
    const r = await run('feed', 'check', at('ok.json'), 'https://investhk.gov.hk.secure-pay.top/', 'https://example.org/', '--json');
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.verdict)).toEqual(['lookalike', 'unrelated']);
  });
});
