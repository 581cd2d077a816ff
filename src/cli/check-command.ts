/**
 * `scam-alert check [options] INPUT...` prints the verdict (`docs/product.md`, "Verdicts")
 * of each URL argument and, for `-`, of each line of standard input (see `check-input.ts`
 * for the line formats and how `--base` resolves relative hrefs).
 *
 * With `--json`, one JSON object per input, streamed in input order:
 * `{"url","verdict","severity","agency","reasons"}` (agency null when none; `url` as given),
 * or for an input that could not be judged `{"line":N,"input","error"}` (`"arg":N` for
 * the Nth argument). Without `--json`, readable lines (the same text as one URL always had).
 *
 * Exit status: 0 every input was judged (whatever the verdicts), 1 some input could not be
 * judged (the others still were; a summary goes to standard error) or the feed file is
 * bad, 2 bad usage. A reader that closes the pipe early (`| head`) stops the run quietly.
 */
import type { Command } from 'commander';
import { createMatcher, type Matcher } from '../shared/match/matcher';
import type { Verdict } from '../shared/match/verdict';
import {
  isInputError,
  isJsonLine,
  judgeInput,
  parseInputLine,
  type InputError,
  type JsonLineParser,
  type JudgeOptions,
} from './check-input';
import { CliError, type Io } from './io';
import { MAX_LINE_LENGTH, readLineBatches } from './line-reader';
import { loadFeedFile } from './load-feed';

export interface CheckOptions extends JudgeOptions {
  feed?: string;
  json?: boolean;
}

/** How a run went: inputs seen (blank lines excepted), and how many could not be judged. */
export interface CheckTally {
  total: number;
  failed: number;
}

/** Where an input came from: the Nth argument or line N of standard input (both 1-based). */
type Origin = { arg: number } | { line: number };

/** Characters that would let a hostile URL drive the terminal or hide itself: C0/C1 controls, bidi and zero-width marks. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;

/** `text` with the characters of {@link UNPRINTABLE} written as `\uXXXX` escapes (for terminals). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The JSON line for a verdict: exactly `{"url","verdict","severity","agency","reasons"}`. */
export function verdictJson(v: Verdict): string {
  return `${JSON.stringify({ url: v.url, verdict: v.verdict, severity: v.severity, agency: v.agency, reasons: v.reasons })}\n`;
}

/** Formats a verdict for people: one line, then the target and reasons, indented. */
export function formatVerdict(v: Verdict): string {
  const lines = [`${v.verdict} (${v.severity})${v.agency ? ` — agency: ${v.agency}` : ''}  ${printable(v.url)}`];
  if (v.target) lines.push(`  target: ${printable(v.target)}`);
  if (v.reasons.length > 0) lines.push(`  reasons: ${v.reasons.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** Error inputs are echoed up to this many characters (a cut line can be 1 Mi long). */
const ECHO_LIMIT = 2_000;

/** The JSON line for an input that could not be judged: `{"line"|"arg":N,"input","error"}`. */
export function errorJson(origin: Origin, input: string, error: string): string {
  return `${JSON.stringify({ ...origin, input: echo(input), error })}\n`;
}

/** Formats an input that could not be judged, for people. */
export function formatError(origin: Origin, input: string, error: string): string {
  const where = 'line' in origin ? `line ${origin.line}` : `argument ${origin.arg}`;
  return `error — ${where}: ${error}\n  input: ${printable(echo(input))}\n`;
}

function echo(input: string): string {
  return input.length > ECHO_LIMIT ? `${input.slice(0, ECHO_LIMIT)}…` : input;
}

/**
 * Judges every input and writes one result per input, in order, streaming: standard input
 * is read a chunk at a time, each chunk's results are written in one block, and the next
 * chunk is read only once the output has taken it (so memory stays flat however large
 * the input, and a slow reader slows the run instead of filling memory).
 *
 * @param matcher - built from the feed in use.
 * @param inputs - URL arguments; `-` (at most once) stands for the lines of standard input.
 * @param options - `--json` and the {@link JudgeOptions}.
 * @param io - output; `io.stdin` for `-`; `io.ready()` for backpressure and a closed pipe.
 * @returns the tally. Stops early (tally so far) when the output's reader has gone.
 * @throws CliError (exit 2) when `-` is given twice or there is no standard input.
 */
export async function runChecks(matcher: Matcher, inputs: string[], options: CheckOptions, io: Io): Promise<CheckTally> {
  if (inputs.filter((i) => i === '-').length > 1) throw new CliError('"-" (standard input) can be given once', 2);
  const tally: CheckTally = { total: 0, failed: 0 };
  let out = '';
  const emit = (origin: Origin, raw: string, result: Verdict | InputError): void => {
    tally.total += 1;
    if (isInputError(result)) {
      tally.failed += 1;
      out += options.json ? errorJson(origin, raw, result.error) : formatError(origin, raw, result.error);
    } else {
      out += options.json ? verdictJson(result) : formatVerdict(result);
    }
  };
  /** Writes what was produced; false when the reader has gone. */
  const flush = async (): Promise<boolean> => {
    if (out !== '') io.out(out);
    out = '';
    return io.ready ? io.ready() : true;
  };

  for (const [index, arg] of inputs.entries()) {
    if (arg !== '-') {
      emit({ arg: index + 1 }, arg, judgeInput(matcher, { kind: 'url', url: arg }, options));
      if (!(await flush())) return tally;
      continue;
    }
    if (!io.stdin) throw new CliError('no standard input to read', 2);
    let parseJson: JsonLineParser | undefined;
    for await (const batch of readLineBatches(io.stdin)) {
      if (!parseJson && batch.some((line) => isJsonLine(line.text))) parseJson = (await import('./json-line')).parseJsonLine;
      for (const line of batch) {
        const origin = { line: line.number };
        if (line.tooLong) {
          emit(origin, line.text, { error: `line longer than ${MAX_LINE_LENGTH} characters` });
          continue;
        }
        const parsed = parseInputLine(line.text, parseJson);
        if (parsed === null) continue;
        emit(origin, line.text, isInputError(parsed) ? parsed : judgeInput(matcher, parsed, options));
      }
      if (!(await flush())) return tally; // leaving the loop closes standard input
    }
  }
  return tally;
}

/** Checks `--base`: an absolute URL. @throws CliError (exit 2) otherwise. */
export function checkBaseOption(base: string | undefined): void {
  if (base !== undefined && !URL.canParse(base)) throw new CliError(`--base: "${base}" is not an absolute URL`, 2);
}

/** Runs a check command: judges the inputs, then fails (exit 1) with a summary when some could not be judged. */
export async function checkCommand(inputs: string[], options: CheckOptions, io: Io): Promise<void> {
  checkBaseOption(options.base);
  const matcher = createMatcher(await loadFeedFile(options.feed));
  const tally = await runChecks(matcher, inputs, options, io);
  if (tally.failed > 0) throw new CliError(`${tally.failed} of ${tally.total} inputs could not be checked`);
}

/** The options `check` and `feed check` share. */
export function addCheckOptions(command: Command): Command {
  return command
    .option('--base <url>', 'the page links sit on: relative and scheme-relative URLs resolve against it as in a browser')
    .option('--link-text <text>', 'judge each URL as a link whose visible text is TEXT (deceptive-link detection)')
    .option('--page-text <text>', 'judge each URL as a page showing TEXT (mentions of agencies)')
    .option('--json', 'print one JSON object per input {"url","verdict","severity","agency","reasons"} (errors: {"line","input","error"})');
}

export function registerCheckCommand(program: Command, io: Io): void {
  const command = program
    .command('check')
    .description(
      'Print the verdict for each URL. "-" reads standard input: one URL per line, or JSON lines {"url"} / {"href","text","page"} (a link, its visible text, its page). Exit: 0 all judged, 1 some input could not be, 2 bad usage.',
    )
    .argument('<inputs...>', 'URLs to check (page URLs, or link hrefs with --link-text); "-" for standard input')
    .option('--feed <file>', 'feed JSON file (default: the embedded default feed)');
  addCheckOptions(command).action((inputs: string[], options: CheckOptions) => checkCommand(inputs, options, io));
}
