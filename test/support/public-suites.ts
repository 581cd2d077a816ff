/**
 * Lookalike cases from other detectors' public test suites (`test/fixtures/public-suites/`,
 * see its README): Chromium's lookalike heuristics unit tests and eth-phishing-detect's test
 * lists, each case with the verdict that suite expects. Each group is judged against the
 * targets that its suite protects (a feed listing them by official domain), so the figures
 * say how our rules fare on cases someone else wrote. Used by the accuracy test and the bench.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Feed, FeedInput } from '../../src/shared/feed/feed-schema';
import { parseFeed } from '../../src/shared/feed/validate-feed';
import { createMatcher, type Matcher } from '../../src/shared/match/matcher';
import { isWarning } from '../../src/shared/match/verdict';

const FILE = resolve(import.meta.dirname, '../fixtures/public-suites/lookalike-suites.tsv');

/** One case of a public suite. */
export interface SuiteCase {
  group: string;
  host: string;
  expected: 'lookalike' | 'legit';
  /** The one official domain of the case (edit-distance and character-swap pairs), or null. */
  target: string | null;
}

/** Every case, in file order. */
export function suiteCases(): SuiteCase[] {
  return readFileSync(FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((line) => {
      const [group, host, expected, target] = line.split('\t') as [string, string, 'lookalike' | 'legit', string];
      return { group, host, expected, target: target === '-' ? null : target };
    });
}

const require = createRequire(import.meta.url);

/** The targets each group protects, as agencies (id → official domains). */
function groupTargets(group: string): Record<string, string[]> {
  if (group === 'target-embedding') {
    return {
      google: ['google.com', 'google.co.uk'],
      highengagement: ['highengagement.com', 'highengagement.co.uk'],
      inthesubdomain: ['highengagement.inthesubdomain.com'],
      highengagementwithwww: ['highengagementwithwww.com'],
      office: ['office.com'],
      jobs: ['jobs.com'],
      weather: ['weather.com'],
      vk: ['vk.com'],
      hp: ['hp.com'],
      hoteles: ['hoteles.com'],
    };
  }
  if (group === 'combo-squatting') {
    const brands = [
      'google.com',
      'youtube.com',
      'sample.com',
      'example.com',
      'vices.com',
      'engagedsite.com',
      'len.com',
      'testcombo.org',
      'highs.com',
    ];
    return Object.fromEntries(brands.map((d) => [d.split('.')[0]!, [d]]));
  }
  if (group.startsWith('eth-')) {
    const fuzzylist = (require('eth-phishing-detect/src/config.json') as { fuzzylist: string[] }).fuzzylist;
    return Object.fromEntries(fuzzylist.map((d) => [d.replace(/[^a-z0-9]/g, '-'), [d]]));
  }
  throw new Error(`no targets for group ${group}`);
}

/** A measurement feed listing `targets` by official domain only. */
export function targetsFeed(targets: Record<string, string[]>): Feed {
  const input: FeedInput = {
    format_version: 1,
    feed_id: 'public-suite',
    sequence: 1,
    issued_at: '2026-01-01T00:00:00Z',
    expires_at: '2036-01-01T00:00:00Z',
    refresh_interval_minutes: 360,
    publisher: { name: { en: 'Public test suites (test only)' } },
    agencies: Object.entries(targets).map(([id, domains]) => ({
      id,
      names: { en: id },
      official_domains: domains,
      hotline: '18222',
      website: `https://${domains[0]}/`,
      promise: { en: 'Test feed.' },
      campaign: { kind: 'phishing', since: '2025-01-01', status: 'active', summary: { en: 'Test feed.' } },
    })),
  };
  return parseFeed(input);
}

/** Targets of one case: its own single official domain, or its group's. */
function caseTargets(c: SuiteCase): Record<string, string[]> {
  return c.target ? { target: [c.target] } : groupTargets(c.group);
}

/** Result of one detector on the suites. */
export interface SuiteScore {
  caught: number;
  lookalikes: number;
  falseAlarms: number;
  legit: number;
  missed: SuiteCase[];
  alarms: SuiteCase[];
}

function scoreWith(flags: (c: SuiteCase) => boolean): SuiteScore {
  const cases = suiteCases();
  const positives = cases.filter((c) => c.expected === 'lookalike');
  const negatives = cases.filter((c) => c.expected === 'legit');
  const missed = positives.filter((c) => !flags(c));
  const alarms = negatives.filter((c) => flags(c));
  return {
    caught: positives.length - missed.length,
    lookalikes: positives.length,
    falseAlarms: alarms.length,
    legit: negatives.length,
    missed,
    alarms,
  };
}

/**
 * Our engine: a case is flagged when its URL verdict warns.
 *
 * @param create - builds a matcher from a feed (another version of the engine, to compare).
 */
export function engineSuiteScore(create: (feed: Feed) => Pick<Matcher, 'matchUrl'> = createMatcher): SuiteScore {
  const matchers = new Map<string, Pick<Matcher, 'matchUrl'>>();
  return scoreWith((c) => {
    const key = c.target ?? c.group;
    let matcher = matchers.get(key);
    if (!matcher) matchers.set(key, (matcher = create(targetsFeed(caseTargets(c)))));
    return isWarning(matcher.matchUrl(`https://${c.host}/`).severity);
  });
}

interface PhishingDetectorLike {
  check(hostname: string): { result: boolean };
}

/** eth-phishing-detect's fuzzy matcher given the same targets (fuzzylist and allowlist). */
export function ethSuiteScore(): SuiteScore {
  const PhishingDetector = require('eth-phishing-detect/src/detector') as new (config: unknown) => PhishingDetectorLike;
  const toAscii = (host: string) => new URL(`https://${host}/`).hostname;
  return scoreWith((c) => {
    const domains = Object.values(caseTargets(c)).flat();
    const detector = new PhishingDetector([
      { name: 'suite', version: 1, allowlist: domains, blocklist: [], fuzzylist: domains, tolerance: 3 },
    ]);
    return detector.check(toAscii(c.host)).result;
  });
}
