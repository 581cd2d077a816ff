/**
 * Synthetic feeds for the scaling benchmark: `n` agencies with made-up but word-like
 * names (deterministic pseudo-random syllables), each with two official domains, two
 * brand tokens, names in three languages and an alias, plus the three real agencies of
 * the default feed.
 */
import type { FeedInput } from '../../src/shared/feed/feed-schema';
import { defaultFeedInput } from '../../src/shared/match/testing/test-feed';

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'tor',
  'ven',
  'sha',
  'qui',
  'ber',
  'dax',
  'nul',
  'pho',
  'rin',
  'sel',
  'tua',
  'wex',
  'yor',
  'zan',
  'gri',
];
const HAN = '港貿發局稅務署運輸消防環保衞生房屋土地勞工福利教育';

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same feed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A feed document with the default feed's agencies plus `n` generated ones.
 *
 * @param n - number of generated agencies (0 or more).
 * @returns a feed input for `parseFeed` (official domains and tokens are unique).
 */
export function feedWithAgencies(n: number): FeedInput {
  const input = defaultFeedInput();
  const random = prng(n * 7919 + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const used = new Set<string>();
  for (let i = 0; input.agencies.length < n + 3; i++) {
    let token = '';
    while (token.length < 7) token += pick(SYLLABLES);
    token += String.fromCharCode(97 + (i % 26));
    if (used.has(token)) continue;
    used.add(token);
    const han = Array.from({ length: 4 }, () => pick([...HAN])).join('') + '署';
    input.agencies.push({
      ...structuredClone(input.agencies[0]!),
      id: `agency-${i}-${token}`,
      names: { en: `${token[0]!.toUpperCase()}${token.slice(1)} Authority`, 'zh-Hant': han, 'zh-Hans': han },
      aliases: [`${token.toUpperCase()}A`],
      official_domains: [`${token}.gov.hk`, `${token}-authority.hk`],
      brand_tokens: [token, `${token}auth`],
      scam_entries: [{ host: `${token}-claim.example` }],
    });
  }
  return input;
}
