/**
 * Accuracy on real data, with the embedded default feed:
 * - no danger or caution verdict for any legitimate hostname in `test/fixtures/corpus/`
 *   (popular sites, Hong Kong bodies) — only `unrelated`, or `official` for a listed
 *   agency's own domain;
 * - the 13.7k real phishing hostnames of eth-phishing-detect's blacklist target other
 *   brands and stay `unrelated` (exceptions, if one really imitates a listed agency, are
 *   listed below with a reason);
 * - generated lookalikes of every official domain (`testing/generate-lookalikes.ts`) are
 *   caught at ≥ 99%, for the agency they imitate.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createMatcher } from './matcher';
import { generateLookalikes } from './testing/generate-lookalikes';
import { defaultFeed } from './testing/test-feed';
import { isWarning } from './verdict';
import { readCorpus } from '../../../test/support/corpus';

const blacklist = (createRequire(import.meta.url)('eth-phishing-detect/src/config.json') as { blacklist: string[] }).blacklist;

/** Blacklisted hosts that really imitate a listed agency (none found so far): host → reason. */
const BLACKLIST_EXCEPTIONS: Record<string, string> = {};

const feed = defaultFeed();
const matcher = createMatcher(feed);
const officialHosts = feed.agencies.flatMap((a) => a.official_domains);

/** Hosts from `list` that get anything but `unrelated` (or `official` for an agency's own domain). */
function falseAlarms(list: readonly string[]): string[] {
  return list.filter((host) => {
    const v = matcher.matchUrl(`https://${host}/`);
    if (v.verdict === 'official') return !officialHosts.some((o) => host === o || host.endsWith(`.${o}`));
    return v.verdict !== 'unrelated' || isWarning(v.severity);
  });
}

describe('accuracy on real domains (default feed)', () => {
  it.each(['legit-popular.txt', 'legit-hk.txt'])('no false alarm on %s', (name) => {
    const hosts = readCorpus(name);
    expect(hosts.length).toBeGreaterThan(50);
    const alarms = falseAlarms(hosts);
    console.log(`[accuracy] ${name}: ${hosts.length} hosts, ${alarms.length} false alarms`);
    expect(alarms).toEqual([]);
  });

  it('real phishing hosts aimed at other brands stay unrelated', () => {
    expect(blacklist.length).toBeGreaterThan(13_000);
    const flagged = falseAlarms(blacklist).filter((h) => !(h in BLACKLIST_EXCEPTIONS));
    console.log(`[accuracy] eth-phishing-detect blacklist: ${blacklist.length} hosts, ${flagged.length} flagged`);
    expect(flagged).toEqual([]);
    for (const host of Object.keys(BLACKLIST_EXCEPTIONS)) expect(matcher.matchUrl(`https://${host}/`).severity).toBe('danger');
  });

  it('the legit corpus includes the near misses that matter', () => {
    const hk = readCorpus('legit-hk.txt');
    expect(hk).toEqual(expect.arrayContaining(['investing.com', 'hkpl.gov.hk']));
  });
});

describe('generated lookalikes of every official domain', () => {
  const legit = new Set([...readCorpus('legit-popular.txt'), ...readCorpus('legit-hk.txt')]);
  const generated = generateLookalikes(feed, { exclude: legit });

  it('covers every agency and every kind', () => {
    expect(new Set(generated.map((g) => g.agency))).toEqual(new Set(feed.agencies.map((a) => a.id)));
    const kinds = new Set(generated.map((g) => g.kind));
    for (const kind of ['typo', 'homoglyph', 'embedding', 'official-as-subdomain', 'tld-swap', 'private-suffix', 'wrapper', 'mailto']) {
      expect(kinds).toContain(kind);
    }
  });

  it('are caught at ≥ 99%, as lookalikes of the right agency', () => {
    const byKind = new Map<string, { caught: number; total: number }>();
    const missed: string[] = [];
    for (const g of generated) {
      const v = matcher.matchLink(g.url, 'Click here', 'https://mail.example/inbox');
      const caught = v.verdict === 'lookalike' && v.agency === g.agency;
      const k = byKind.get(g.kind) ?? { caught: 0, total: 0 };
      k.total++;
      if (caught) k.caught++;
      else missed.push(g.url);
      byKind.set(g.kind, k);
    }
    const caught = generated.length - missed.length;
    const rate = caught / generated.length;
    const detail = [...byKind].map(([kind, k]) => `${kind} ${k.caught}/${k.total}`).join(', ');
    console.log(`[accuracy] generated lookalikes: ${caught}/${generated.length} caught (${(rate * 100).toFixed(2)}%): ${detail}`);
    if (missed.length > 0) console.log(`[accuracy] first misses: ${missed.slice(0, 10).join(' ')}`);
    expect(generated.length).toBeGreaterThan(5000);
    expect(rate).toBeGreaterThanOrEqual(0.99);
  });
});
