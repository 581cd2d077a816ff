/**
 * The real-world accuracy set (`test/fixtures/real-world/`, see its README): phishing hosts
 * that public advisories named as imitating Hong Kong bodies, legitimate hosts (the bodies'
 * own, other government sites, similar-sounding real businesses), and the feed that lists
 * those bodies by official domain only. Shared by the accuracy test and `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { FeedInput } from '../../src/shared/feed/feed-schema';
import { parseFeed } from '../../src/shared/feed/validate-feed';
import type { Feed } from '../../src/shared/feed/feed-schema';
import { createMatcher } from '../../src/shared/match/matcher';
import { isWarning } from '../../src/shared/match/verdict';

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = resolve(ROOT, 'test/fixtures/real-world');

/** One host of the set with the body it imitates (phishing) or what it is (legitimate). */
export interface SetHost {
  host: string;
  label: string;
  source: string;
}

/** Which part of the set: `dev` is used while developing; `holdout` is measured only at the end. */
export type SetPart = 'dev' | 'holdout';

function readTsv(name: string): SetHost[] {
  return readFileSync(resolve(DIR, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [host, label, source] = line.split('\t') as [string, string, string];
      return { host: host.trim().toLowerCase(), label, source };
    });
}

/** The phishing hosts of one part. */
export function phishingHosts(part: SetPart): SetHost[] {
  return readTsv(`phishing-${part}.tsv`);
}

/**
 * The legitimate hosts of one part, plus (in both parts) the Hong Kong bodies of
 * `test/fixtures/corpus/legit-hk.txt`, split by the same rule as the TSV files.
 */
export function legitHosts(part: SetPart): SetHost[] {
  const hk = readFileSync(resolve(ROOT, 'test/fixtures/corpus/legit-hk.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#'))
    .filter((host) => (fnv1a(host) % 3 === 0) === (part === 'holdout'))
    .map((host) => ({ host, label: 'legit-hk corpus', source: 'test/fixtures/corpus/README.md' }));
  return [...readTsv(`legit-${part}.tsv`), ...hk];
}

/** 32-bit FNV-1a of a string's UTF-8 bytes: the rule that split the set (hash mod 3 = 0 is held out). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

interface Body {
  id: string;
  name: string;
  official_domains: string[];
  source: string;
}

/** The bodies of the set (id, name, official domains, source). */
export function bodies(): Body[] {
  return (JSON.parse(readFileSync(resolve(DIR, 'bodies.json'), 'utf8')) as { bodies: Body[] }).bodies;
}

/**
 * A feed listing the set's bodies by official domain only: no `brand_tokens`, no aliases,
 * placeholder contacts (the Anti-Scam Helpline), campaigns active. For measurement only.
 */
export function realWorldFeed(): Feed {
  const input: FeedInput = {
    format_version: 1,
    feed_id: 'real-world-set',
    sequence: 1,
    issued_at: '2026-01-01T00:00:00Z',
    expires_at: '2036-01-01T00:00:00Z',
    refresh_interval_minutes: 360,
    publisher: { name: { en: 'Real-world accuracy set (test only)' } },
    agencies: bodies().map((b) => ({
      id: b.id,
      names: { en: b.name },
      official_domains: b.official_domains,
      hotline: '18222',
      website: `https://www.${b.official_domains[0]}/`,
      promise: { en: 'Test feed.' },
      campaign: { kind: 'phishing', since: '2025-01-01', status: 'active', summary: { en: 'Test feed.' } },
    })),
  };
  return parseFeed(input);
}

/** Recall and false alarms of one detector on one part of the set. */
export interface SetScore {
  caught: number;
  phishing: number;
  falseAlarms: number;
  legit: number;
  missed: string[];
  alarms: string[];
}

/** Scores `flags` (true = the detector warns about the host) on one part. */
export function score(part: SetPart, flags: (host: string) => boolean): SetScore {
  const phishing = phishingHosts(part);
  const legit = legitHosts(part);
  const missed = phishing.filter((h) => !flags(h.host)).map((h) => h.host);
  const alarms = legit.filter((h) => flags(h.host)).map((h) => h.host);
  return {
    caught: phishing.length - missed.length,
    phishing: phishing.length,
    falseAlarms: alarms.length,
    legit: legit.length,
    missed,
    alarms,
  };
}

/** Our engine on the set's feed: a host is flagged when its URL verdict warns. */
export function engineFlags(): (host: string) => boolean {
  const matcher = createMatcher(realWorldFeed());
  return (host) => isWarning(matcher.matchUrl(`https://${host}/`).severity);
}

interface PhishingDetectorLike {
  check(hostname: string): { result: boolean; type: string };
}

/**
 * eth-phishing-detect's fuzzy matcher given the same bodies: its `fuzzylist` is the bodies'
 * official domains, its allowlist the same domains (so their subdomains pass), default tolerance.
 */
export function ethFlags(): (host: string) => boolean {
  const require = createRequire(import.meta.url);
  const PhishingDetector = require('eth-phishing-detect/src/detector') as new (config: unknown) => PhishingDetectorLike;
  const domains = bodies().flatMap((b) => b.official_domains);
  const detector = new PhishingDetector([
    { name: 'real-world-set', version: 1, allowlist: domains, blocklist: [], fuzzylist: domains, tolerance: 3 },
  ]);
  return (host) => detector.check(host).result;
}
