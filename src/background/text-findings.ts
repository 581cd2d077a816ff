/**
 * What the content script marks besides links: dangerous addresses and numbers in a page's
 * visible text (`text-check`), and the words for a flagged `tel:` link. The page text is
 * read by `Matcher.matchMessage` (`src/shared/match/message-check.ts`): web addresses typed
 * as text (disguises included), email addresses (a webmail's From line) judged like
 * `mailto:` links, and numbers presented as an agency's that are not its numbers (reason
 * `unlisted-phone`, see docs/product.md).
 */
import type { Agency } from '../shared/feed/feed-schema';
import { localize, translate, type UiLanguage } from '../shared/i18n/i18n';
import type { Matcher } from '../shared/match/matcher';
import { isWarning, louder, type Verdict } from '../shared/match/verdict';
import type { TextFinding } from '../shared/messaging/protocol';

/** Most findings marked per `text-check` answer (a hostile page could list thousands). */
export const MAX_TEXT_FINDINGS = 200;

/** True for a verdict about a number presented as an agency's that is not one of its numbers. */
export function isUnlistedPhone(verdict: Verdict): boolean {
  return verdict.reasons.includes('unlisted-phone');
}

/**
 * The marker's words for a number presented as `agency`'s: tooltip and confirm body ("Not a
 * number of … Its genuine hotline: …") and the note shown in the marker ("Genuine: …").
 */
export function phoneWords(verdict: Verdict, agency: Agency, lang: UiLanguage): { title: string; detail: string; note: string } {
  const genuine = verdict.genuinePhones?.[0] ?? agency.hotline;
  const detail = translate(lang, 'msgUnlistedPhone', localize(agency.names, lang), genuine);
  return { title: detail, detail, note: translate(lang, 'markerGenuinePhone', genuine) };
}

/** The number a `tel:` link shows: its text when that has digits, else the href's number. */
export function shownNumber(href: string, text: string): string {
  return /\d/.test(text) ? text.trim() : decodeURIComponent(href.replace(/^\s*tel:/i, '')).trim();
}

/** Where a found address leads, for the confirm body: a URL's host, an email address as is. */
function shownHost(kind: 'url' | 'email', value: string): string {
  if (kind === 'email') return value;
  try {
    return new URL(value).hostname;
  } catch {
    return value;
  }
}

export interface PageTextFindings {
  findings: TextFinding[];
  /** The loudest verdict among the findings, or null when there are none. */
  loudest: Verdict | null;
}

/**
 * The dangerous addresses and numbers in a page's text (danger, or caution for a number
 * presented as an agency's), each with the words its marker shows.
 *
 * @param matcher - the active engine.
 * @param text - the page's text as the content script read it (at most `MAX_TEXT_CHARS`).
 * @param pageUrl - the page (pages of a government or trusted publisher list many numbers: not flagged).
 * @param lang - the UI language.
 * @param silenced - true for a host on the user's allowlist (its findings are dropped).
 */
export function pageTextFindings(
  matcher: Matcher,
  text: string,
  pageUrl: string,
  lang: UiLanguage,
  silenced: (verdict: Verdict) => boolean,
): PageTextFindings {
  const findings: TextFinding[] = [];
  let loudest: Verdict | null = null;
  for (const f of matcher.matchMessage(text, { pageUrl }).findings) {
    if (findings.length >= MAX_TEXT_FINDINGS) break;
    if (f.kind !== 'url' && f.kind !== 'email' && f.kind !== 'phone') continue;
    if (f.start < 0 || !f.verdict.agency || !isWarning(f.verdict.severity) || silenced(f.verdict)) continue;
    if (f.verdict.severity !== 'danger' && !isUnlistedPhone(f.verdict)) continue;
    const agency = matcher.agency(f.verdict.agency);
    if (!agency) continue;
    const name = localize(agency.names, lang);
    const words =
      f.kind === 'phone'
        ? phoneWords(f.verdict, agency, lang)
        : { title: translate(lang, 'markerAddressTitle', name), detail: translate(lang, 'confirmBody', shownHost(f.kind, f.value), name) };
    findings.push({ kind: f.kind, text: f.text, verdict: f.verdict, ...words });
    loudest = loudest ? louder(loudest, f.verdict) : f.verdict;
  }
  return { findings, loudest };
}
