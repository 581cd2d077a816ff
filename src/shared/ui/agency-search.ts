/**
 * # Agency search for the popup
 *
 * Someone holding a suspicious SMS types or pastes whatever they have: a name in any
 * language (投資推廣署, 投资推广署, InvestHK, "invest hong kong"), part of one, a misspelt
 * one, an official domain, a URL or an email address. This module turns that into either
 * a *verdict* (for a URL, email address or domain, judged by the same matcher as the
 * banner) or a ranked list of agencies. Pure: no DOM, no `browser.*`.
 *
 * ## Ranking (higher score first; ties keep feed order)
 * Every agency has candidate texts: its names in every language, its aliases, its official
 * domains and their first labels, its brand tokens. Texts are folded (`foldText`: NFKC,
 * lower case) and Chinese ones also in Simplified script (OpenCC), so 投資推廣署 and
 * 投资推广署 are the same. Each candidate is scored against the query, best score wins:
 * - 100 the whole candidate (spaces and punctuation ignored: "investhongkong");
 * -  80 the candidate starts with the query;
 * -  70 a word of the candidate starts with the query ("kong" in "Invest Hong Kong");
 * -  60 the candidate contains the query;
 * -  40/30 a Latin query within 1 edit (4–7 letters) or 2 edits (8+) of the start of a
 *    candidate ("invst hk", "hongkonpost"), Damerau-Levenshtein;
 * -  up to 30 a Chinese query sharing most of its characters with the candidate (in any
 *    order, ≥ 60 %: "推廣署投資" or a wrong character).
 * Queries under 2 characters (Latin) match only by prefix, to keep the list quiet.
 */
import { hkToSimplified } from '../match/hk-to-simplified';
import type { Agency } from '../feed/feed-schema';
import { damerauLevenshtein } from '../match/damerau-levenshtein';
import type { Matcher } from '../match/matcher';
import { foldText, isCjk } from '../match/normalize-text';
import type { Verdict } from '../match/verdict';

/** One agency in the results, with the score that ranked it. */
export interface AgencyHit {
  agency: Agency;
  score: number;
}

/** What the search box shows for a query. */
export type SearchResult =
  | { kind: 'empty' }
  /** A URL, email address or domain: the matcher's verdict, and the agency it concerns first. */
  | { kind: 'target'; target: string; verdict: Verdict; hits: AgencyHit[] }
  /** A name (or part of one): agencies ranked best first; empty when nothing matched. */
  | { kind: 'names'; hits: AgencyHit[] };

/** Folds a text for comparison: NFKC, lower case, Simplified script, single spaces, trimmed. */
export function foldForSearch(text: string): string {
  const folded = foldText(text).trim();
  return [...folded].some(isCjk) ? hkToSimplified(folded) : folded;
}

/** The text without spaces and punctuation: "Invest Hong Kong" → "investhongkong". */
function compact(folded: string): string {
  return folded.replace(/[^\p{L}\p{N}]/gu, '');
}

/** All candidate texts of an agency, folded. */
export function candidateTexts(agency: Agency): string[] {
  const texts = [
    agency.names.en,
    agency.names['zh-Hant'],
    agency.names['zh-Hans'],
    ...agency.aliases,
    ...agency.official_domains,
    ...agency.official_domains.map((d) => d.split('.')[0] ?? d),
    ...(agency.brand_tokens ?? []),
  ].filter((t): t is string => !!t);
  return [...new Set(texts.map(foldForSearch))];
}

/** The score of one candidate text for a folded query (0: no match). See the design note. */
export function scoreCandidate(query: string, candidate: string): number {
  const q = compact(query);
  const c = compact(candidate);
  if (!q || !c) return 0;
  if (q === c) return 100;
  if (c.startsWith(q)) return 80;
  const cjk = [...q].some(isCjk);
  if (!cjk && q.length < 2) return 0;
  const words = candidate.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.some((w) => w.startsWith(q)) || candidate.includes(` ${query.trim()}`)) return 70;
  if (c.includes(q)) return 60;
  if (cjk) {
    const have = [...c];
    const chars = [...q];
    const shared = chars.filter((ch) => have.includes(ch)).length;
    const ratio = shared / chars.length;
    return chars.length >= 2 && ratio >= 0.6 ? Math.round(30 * ratio) : 0;
  }
  if (q.length < 4) return 0;
  const max = q.length >= 8 ? 2 : 1;
  // Compare with the candidate's start of about the same length (a typed prefix with a typo).
  let best = max + 1;
  for (let len = Math.max(1, q.length - max); len <= Math.min(c.length, q.length + max); len++) {
    best = Math.min(best, damerauLevenshtein(q, c.slice(0, len), max));
  }
  return best <= max ? 50 - 10 * best : 0;
}

/** Agencies matching a name query, best first. */
export function rankAgencies(query: string, agencies: readonly Agency[]): AgencyHit[] {
  const q = foldForSearch(query);
  if (!q) return [];
  const hits: AgencyHit[] = [];
  for (const agency of agencies) {
    const score = Math.max(0, ...candidateTexts(agency).map((c) => scoreCandidate(q, c)));
    if (score > 0) hits.push({ agency, score });
  }
  // Array.prototype.sort is stable: ties keep feed order.
  return hits.sort((a, b) => b.score - a.score);
}

const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"'「」（）]+/i;
const EMAIL = /^(?:mailto:)?[^\s@/]+@[^\s@/]+\.[^\s@/]+$/i;
const DOMAIN_LIKE = /^[^\s/@]+\.[\p{L}]{2,}(?:[/:?#]\S*)?$/iu;

/**
 * The URL to judge when the query is (or contains) a URL, an email address or a domain:
 * `https://…` for a bare domain, `mailto:…` for an email address; null for a name.
 */
export function targetOf(query: string): string | null {
  const q = query.trim();
  if (!q) return null;
  if (EMAIL.test(q)) return q.toLowerCase().startsWith('mailto:') ? q : `mailto:${q}`;
  const inText = URL_IN_TEXT.exec(q)?.[0];
  if (inText) return /^https?:/i.test(inText) ? inText.replace(/[.,;:!?)]+$/, '') : `https://${inText.replace(/[.,;:!?)]+$/, '')}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(q) && !/^[^:]+\.[^:]+:\d/.test(q)) return q;
  if (DOMAIN_LIKE.test(q)) return `https://${q}`;
  return null;
}

/**
 * Searches the feed's agencies for `query`.
 *
 * @param query - what the user typed or pasted.
 * @param matcher - the matcher built from the same feed (`createMatcher(feed)`); its agencies are searched.
 * @returns `empty` for a blank query; `target` with a verdict for a URL, email or domain;
 *   otherwise `names` with the ranked agencies.
 */
export function searchAgencies(query: string, matcher: Matcher): SearchResult {
  if (!query.trim()) return { kind: 'empty' };
  const target = targetOf(query);
  if (target) {
    const verdict = matcher.matchUrl(target);
    const agency = verdict.agency ? matcher.agency(verdict.agency) : undefined;
    return { kind: 'target', target, verdict, hits: agency ? [{ agency, score: 100 }] : [] };
  }
  return { kind: 'names', hits: rankAgencies(query, matcher.agencies) };
}
