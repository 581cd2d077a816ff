/**
 * What `scam-alert check` reads and how each input is judged (pure: no I/O).
 *
 * An input is a URL argument or one line of standard input (`check -`):
 * - a URL: a page URL, a pasted URL, or a link's href (relative ones need a base);
 * - a JSON object `{"url": URL}`: the same as a URL line;
 * - a JSON object `{"href": HREF, "text"?: TEXT, "page"?: PAGE}`: a link with its visible
 *   text, sitting on page PAGE (deceptive-link detection, `Matcher.matchLink`).
 * A line is JSON when its first non-blank character is `{`. Blank lines are skipped.
 *
 * Relative hrefs resolve the way a browser resolves them, by the WHATWG URL parser
 * (https://url.spec.whatwg.org/#concept-basic-url-parser) against the base: the line's
 * `page`, else `--base`; a relative `page` itself resolves against `--base` (as a
 * `<base href>` resolves against the document's URL). So `//pay.example/x` on an https page
 * goes to `https://pay.example/x`, `/\pay.example/` to `https://pay.example/` (a backslash is
 * a slash in special URLs), and `https:pay` on an https page stays on that page's host.
 */
import type { Matcher } from '../shared/match/matcher';
import { parseTarget } from '../shared/match/parse-target';
import { louder, type Verdict } from '../shared/match/verdict';

/** One thing to judge. */
export type CheckInput = { kind: 'url'; url: string } | { kind: 'link'; href: string; text: string; page?: string };

/** An input that could not be judged, with the reason in words. */
export interface InputError {
  error: string;
}

/** Options that apply to every input (from the command line). */
export interface JudgeOptions {
  /** `--base`: the page relative URLs and hrefs sit on (an absolute URL). */
  base?: string;
  /** `--link-text`: judge each URL (not `{"href"}` lines, which carry their own text) as a link showing TEXT. */
  linkText?: string;
  /** `--page-text`: judge each URL (not `{"href"}` lines) as a page showing TEXT. */
  pageText?: string;
}

/**
 * Turns the parsed value of a JSON line into an input (`json-line.ts`, which uses zod: it
 * is loaded when the first JSON line arrives, so URL-only runs start without it).
 */
export type JsonLineParser = (value: unknown) => CheckInput | InputError;

/** True when `line` is to be read as JSON (its first non-blank character is `{`). */
export function isJsonLine(line: string): boolean {
  return JSON_LINE.test(line);
}

const JSON_LINE = /^\s*\{/;

/**
 * Parses one line of standard input.
 *
 * @param line - the line without its line ending.
 * @param parseJson - reads a JSON line's value (`parseJsonLine` of `json-line.ts`); needed
 *   only when {@link isJsonLine} is true for the line.
 * @returns the input; `null` for a blank line; an {@link InputError} for bad JSON, or
 *   what `parseJson` says of a JSON value that is not one of the two object shapes.
 * @throws Error when the line is JSON and `parseJson` was not given (a caller's mistake).
 */
export function parseInputLine(line: string, parseJson?: JsonLineParser): CheckInput | InputError | null {
  const trimmed = line.trim();
  if (trimmed === '') return null;
  if (!trimmed.startsWith('{')) return { kind: 'url', url: trimmed };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    return { error: `bad JSON: ${(error as Error).message}` };
  }
  if (!parseJson) throw new Error('parseInputLine: a JSON line needs parseJson');
  return parseJson(value);
}

/**
 * The base an input's URL resolves against: its `page` (itself resolved against
 * `--base`), else `--base`.
 *
 * @returns the absolute base URL, undefined when there is none, or an error when `page`
 *   does not resolve to a URL.
 */
export function baseFor(input: CheckInput, base: string | undefined): string | undefined | InputError {
  if (input.kind !== 'link' || input.page === undefined) return base;
  try {
    return new URL(input.page, base).href;
  } catch {
    return { error: unparseable('page', input.page, base) };
  }
}

/** Why `raw` does not parse: relative with no base, or not a URL at all. */
function unparseable(field: string | null, raw: string, base: string | undefined): string {
  const prefix = field === null ? '' : `"${field}": `;
  if (base === undefined && URL.canParse(raw, 'https://base.invalid/'))
    return `${prefix}relative URL: give --base (or "page" in a JSON line) to resolve it`;
  return base === undefined ? `${prefix}not a URL` : `${prefix}not a URL, even against the base ${base}`;
}

/**
 * Judges one input with the matcher, as the extension would.
 *
 * @param matcher - built from the feed in use.
 * @param input - from {@link parseInputLine} or a URL argument.
 * @param options - see {@link JudgeOptions}.
 * @returns the verdict (its `url` is the URL or href as given, not resolved), or an error
 *   when the URL does not parse (alone, or against its base): an unparseable URL is not
 *   "unrelated", it was not judged at all.
 */
export function judgeInput(matcher: Matcher, input: CheckInput, options: JudgeOptions): Verdict | InputError {
  const base = baseFor(input, options.base);
  if (typeof base === 'object') return base;
  if (input.kind === 'link') {
    const v = matcher.matchLink(input.href, input.text, base);
    return unjudged(v) ? { error: unparseable('href', input.href, base) } : v;
  }
  const url = input.url;
  const asLink = options.linkText !== undefined ? matcher.matchLink(url, options.linkText, base) : matcher.matchUrl(url, base);
  if (options.pageText === undefined) return unjudged(asLink) ? { error: unparseable(null, url, base) } : asLink;
  // matchPage takes an absolute page URL: resolve it, then report the URL as given. The
  // page's text is also checked as a message: addresses, numbers and senders in it.
  const target = base === undefined ? null : parseTarget(url, base);
  const pageUrl = target?.kind === 'web' ? target.url.href : url;
  let v = louder(asLink, { ...matcher.matchPage(pageUrl, options.pageText), url });
  const inText = matcher.matchMessage(options.pageText, { pageUrl }).verdict;
  if (inText.severity !== 'none' && inText.severity !== 'safe' && matcher.matchUrl(pageUrl).verdict !== 'official') {
    v = louder(v, { ...inText, url });
  }
  return unjudged(v) ? { error: unparseable(null, url, base) } : v;
}

/**
 * True when the engine could not parse the URL at all (its only reason is
 * `unparseable-url`). A link whose href does not parse but whose text shows an official
 * domain is judged (`deceptive-link`), and so is a page judged by its text.
 */
function unjudged(v: Verdict): boolean {
  return v.reasons.length === 1 && v.reasons[0] === 'unparseable-url';
}

/** True for an {@link InputError}. */
export function isInputError(value: object): value is InputError {
  return 'error' in value;
}
