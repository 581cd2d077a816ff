/**
 * Path prefixes of scam entries (`scam_entries[].path_prefix`): one normal form shared by
 * the matcher and the declarativeNetRequest rules, so a URL written differently cannot
 * slip past one of them.
 *
 * Design note. A scam page on a shared host is reachable under many spellings of its path:
 * `/investhk`, `/INVESTHK`, `/%69nvesthk` (RFC 3986 §2.3: a percent-encoded unreserved
 * character is the character), `/a/../investhk`, `/申請` or `/%E7%94%B3%E8%AB%8B`. The
 * normal form is the one a browser would request, then folded:
 * 1. the WHATWG URL parser's path (`new URL('https://h' + path).pathname`): dot segments
 *    resolved, `\` read as `/`, non-ASCII characters UTF-8 percent-encoded;
 * 2. percent-encoded unreserved characters decoded (RFC 3986 §6.2.2.2);
 * 3. lower case (hex digits of the remaining escapes included): matching ignores case, as
 *    many shared hosts serve paths case-insensitively and a scammer picks what works.
 * The result is ASCII only, so it can go into a declarativeNetRequest `regexFilter` (which
 * Chromium rejects with any non-ASCII character, failing the whole rule update).
 * Browsers do not decode `%69` themselves before matching rules (checked in Chromium:
 * `test/e2e/trust-model.test.ts`), so the rules catch those spellings with a separate
 * rule per host (`encodedPathRegex` in `shared/dnr/block-rules.ts`).
 * Pure: no `browser.*`, no DOM.
 */

/**
 * Longest path prefix accepted, in characters of its normal form. Browsers also bound each
 * rule's compiled regex (Chromium: RE2 with a 2 KB memory budget; measured: a host of 18
 * characters leaves room for a prefix of 79), so a long prefix on a long host may still not
 * be pre-blocked: the rule is then isolated and reported, and the banner still warns.
 */
export const MAX_PATH_PREFIX_CHARS = 200;

const UNRESERVED_ESCAPE = /%(?:[46][1-9a-f]|[57][0-9a]|3[0-9]|2[de]|5f|7e)/gi;

/** Decodes percent-encoded unreserved characters (ALPHA, DIGIT, `-`, `.`, `_`, `~`). */
function decodeUnreserved(path: string): string {
  return path.replace(UNRESERVED_ESCAPE, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
}

/**
 * The normal form of a URL path, as compared with path prefixes.
 *
 * @param pathname - a URL's path as the WHATWG parser gives it (`url.pathname`).
 */
export function normalizeUrlPath(pathname: string): string {
  return decodeUnreserved(pathname).toLowerCase();
}

/**
 * The normal form of a feed's path prefix, or why it cannot be one.
 *
 * @param prefix - `path_prefix` as written in the feed.
 * @returns `{ prefix }` (ASCII, starts with `/`) or `{ problem }` in plain words: not
 *   starting with `/`, a query or fragment, white space or control characters, covering the
 *   whole host, longer than {@link MAX_PATH_PREFIX_CHARS}.
 */
export function normalizePathPrefix(prefix: string): { prefix: string; problem?: undefined } | { prefix?: undefined; problem: string } {
  if (!prefix.startsWith('/')) return { problem: `"${prefix.slice(0, 40)}" must start with "/"` };
  if (/[?#]/.test(prefix)) return { problem: `"${prefix.slice(0, 40)}" has a query or fragment; a path prefix is a path only` };
  if (/[\s\p{Cc}]/u.test(prefix)) return { problem: `"${prefix.slice(0, 40)}" has white space or control characters` };
  let pathname: string;
  try {
    pathname = new URL(`https://path-prefix.invalid${prefix}`).pathname;
  } catch {
    return { problem: `"${prefix.slice(0, 40)}" is not a URL path` };
  }
  const normal = normalizeUrlPath(pathname);
  if (normal === '/') return { problem: `"${prefix.slice(0, 40)}" covers the whole host; list the host without a path prefix` };
  if (normal.length > MAX_PATH_PREFIX_CHARS) {
    return {
      problem: `"${prefix.slice(0, 40)}…" is ${normal.length} characters once normalised, over the ${MAX_PATH_PREFIX_CHARS}-character limit`,
    };
  }
  return { prefix: normal };
}

/**
 * True when a URL's path starts with a scam entry's path prefix, both in normal form.
 *
 * @param pathname - the URL's path (`url.pathname`).
 * @param prefix - `path_prefix` as written in the feed; a prefix that has no normal form
 *   (a feed that skipped validation) falls back to a plain case-insensitive comparison.
 */
export function pathHasPrefix(pathname: string, prefix: string): boolean {
  const normal = normalizePathPrefix(prefix).prefix ?? prefix.toLowerCase();
  return normalizeUrlPath(pathname).startsWith(normal);
}
