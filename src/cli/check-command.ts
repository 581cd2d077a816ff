/**
 * `scam-alert check [--feed FILE] [--link-text TEXT] [--page-text TEXT] [--json] URL`
 * prints one verdict (`docs/product.md`, "Verdicts"). With `--json`, exactly one JSON
 * object `{"url","verdict","severity","agency","reasons"}` (agency null when none).
 */
import type { Command } from 'commander';
import { createMatcher } from '../shared/match/matcher';
import { louder, type Verdict } from '../shared/match/verdict';
import type { Io } from './io';
import { loadFeedFile } from './load-feed';

interface CheckOptions {
  feed?: string;
  linkText?: string;
  pageText?: string;
  json?: boolean;
}

/**
 * The verdict the check command prints.
 *
 * @param url - the URL (a page URL, or a link's href with `linkText`).
 * @param options - `linkText` judges URL as a link with that visible text; `pageText`
 *   judges URL as a page showing that text. Both may be given: the louder verdict wins.
 */
export function checkVerdict(matcher: ReturnType<typeof createMatcher>, url: string, options: CheckOptions): Verdict {
  const asLink = options.linkText !== undefined ? matcher.matchLink(url, options.linkText) : matcher.matchUrl(url);
  if (options.pageText === undefined) return asLink;
  return louder(asLink, matcher.matchPage(url, options.pageText));
}

/** Formats a verdict for people: one line, then the reasons. */
export function formatVerdict(v: Verdict): string {
  const lines = [`${v.verdict} (${v.severity})${v.agency ? ` — agency: ${v.agency}` : ''}  ${v.url}`];
  if (v.target) lines.push(`  target: ${v.target}`);
  if (v.reasons.length > 0) lines.push(`  reasons: ${v.reasons.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export function registerCheckCommand(program: Command, io: Io): void {
  program
    .command('check')
    .description('Print the verdict for a URL (optionally as a link with visible text, or a page with text).')
    .argument('<url>', 'the URL to check (page URL, or a link href with --link-text)')
    .option('--feed <file>', 'feed JSON file (default: the embedded default feed)')
    .option('--link-text <text>', 'judge URL as a link whose visible text is TEXT (deceptive-link detection)')
    .option('--page-text <text>', 'judge URL as a page showing TEXT (mentions of agencies)')
    .option('--json', 'print exactly one JSON object {"url","verdict","severity","agency","reasons"}')
    .action(async (url: string, options: CheckOptions) => {
      const matcher = createMatcher(await loadFeedFile(options.feed));
      const v = checkVerdict(matcher, url, options);
      if (options.json) {
        io.out(`${JSON.stringify({ url: v.url, verdict: v.verdict, severity: v.severity, agency: v.agency, reasons: v.reasons })}\n`);
      } else {
        io.out(formatVerdict(v));
      }
    });
}
