/**
 * `scam-alert check-message [--feed FILE] [--sender ID] [--json] [FILE|-]` checks a whole
 * message (an SMS, an email, a chat message) as the popup's "Check a message" does
 * (`Matcher.matchMessage`, `src/shared/match/message-check.ts`): every web address (also
 * disguised: `hxxps`, `[.]`…), email address, phone number, sender and agency mention in
 * it, each with its verdict, and the message's verdict (the loudest).
 *
 * Input: the file FILE, or standard input for `-` or no argument; UTF-8, at most
 * {@link MAX_MESSAGE_CHARS} characters. `--sender` gives the sender shown beside the message
 * (an SMS sender ID such as `#HKPost`, a phone number or an email address).
 *
 * Output with `--json`: exactly one JSON object
 * `{"verdict","severity","agency","reasons","findings":[{"kind","text","start","end","value","sender","verdict","severity","agency","reasons","genuine_phones"}]}`
 * (offsets are UTF-16 indexes into the message, -1 for `--sender`; `genuine_phones` only for
 * a number flagged `unlisted-phone`). Without `--json`, a readable summary.
 *
 * Exit status: 0 when the message was checked (whatever the verdict), 1 when the input
 * cannot be read or is too long, or the feed file is bad, 2 bad usage.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createMatcher } from '../shared/match/matcher';
import type { MessageCheck, MessageFinding } from '../shared/match/message-check';
import { printable } from './check-command';
import { CliError, type Io } from './io';
import type { ChunkSource } from './line-reader';
import { loadFeedFile } from './load-feed';

/** Longest message read (UTF-16 code units): far beyond any SMS or email body. */
export const MAX_MESSAGE_CHARS = 1 << 20;

export interface MessageOptions {
  feed?: string;
  sender?: string;
  json?: boolean;
}

/** Reads all of `source` as UTF-8 text. @throws CliError (exit 1) past {@link MAX_MESSAGE_CHARS}. */
export async function readAll(source: ChunkSource): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text.length > MAX_MESSAGE_CHARS) throw new CliError(`message longer than ${MAX_MESSAGE_CHARS} characters`);
  }
  text += decoder.decode();
  return text.replace(/^\ufeff/, '');
}

function findingJson(f: MessageFinding): Record<string, unknown> {
  return {
    kind: f.kind,
    text: f.text,
    start: f.start,
    end: f.end,
    value: f.value,
    sender: f.sender === true,
    verdict: f.verdict.verdict,
    severity: f.verdict.severity,
    agency: f.verdict.agency,
    reasons: f.verdict.reasons,
    ...(f.verdict.genuinePhones ? { genuine_phones: f.verdict.genuinePhones } : {}),
  };
}

/** The JSON line for a checked message (see the module note). */
export function messageJson(check: MessageCheck): string {
  const v = check.verdict;
  return `${JSON.stringify({ verdict: v.verdict, severity: v.severity, agency: v.agency, reasons: v.reasons, findings: check.findings.map(findingJson) })}\n`;
}

/** A readable summary: the message's verdict, then one line per finding. */
export function formatMessage(check: MessageCheck): string {
  const v = check.verdict;
  const lines = [`message: ${v.verdict} (${v.severity})${v.agency ? ` — agency: ${v.agency}` : ''}`];
  if (v.reasons.length > 0) lines.push(`  reasons: ${v.reasons.join(', ')}`);
  for (const f of check.findings) {
    const who = f.sender ? ' [sender]' : '';
    lines.push(
      `${f.kind}${who}: ${printable(f.text)} — ${f.verdict.verdict} (${f.verdict.severity})${f.verdict.agency ? ` ${f.verdict.agency}` : ''}`,
    );
    if (f.verdict.reasons.length > 0) lines.push(`  reasons: ${f.verdict.reasons.join(', ')}`);
    if (f.verdict.genuinePhones) lines.push(`  genuine: ${f.verdict.genuinePhones.join(', ')}`);
  }
  if (check.findings.length === 0) lines.push('nothing found: no address, number, sender or agency name');
  return `${lines.join('\n')}\n`;
}

/** Runs `check-message`. */
export async function checkMessageCommand(input: string | undefined, options: MessageOptions, io: Io): Promise<void> {
  let text: string;
  if (input === undefined || input === '-') {
    if (!io.stdin) throw new CliError('no standard input to read', 2);
    text = await readAll(io.stdin);
  } else {
    try {
      text = await readFile(input, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    if (text.length > MAX_MESSAGE_CHARS) throw new CliError(`message longer than ${MAX_MESSAGE_CHARS} characters`);
    text = text.replace(/^\ufeff/, '');
  }
  const matcher = createMatcher(await loadFeedFile(options.feed));
  const check = matcher.matchMessage(text, { sender: options.sender });
  io.out(options.json ? messageJson(check) : formatMessage(check));
}

export function registerMessageCommand(program: Command, io: Io): void {
  program
    .command('check-message')
    .description(
      'Check a whole message (SMS, email, chat): every web address (also disguised), email address, phone number, sender and agency name in it, with verdicts. Reads FILE, or standard input for "-" or no FILE. Exit: 0 checked, 1 unreadable input or bad feed, 2 bad usage.',
    )
    .argument('[file]', 'the message as a UTF-8 text file; "-" or nothing for standard input')
    .option('--feed <file>', 'feed JSON file (default: the embedded default feed)')
    .option('--sender <id>', 'the sender shown beside the message: an SMS sender ID (#HKPost), a phone number or an email address')
    .option('--json', 'print one JSON object {"verdict","severity","agency","reasons","findings":[…]}')
    .action((file: string | undefined, options: MessageOptions) => checkMessageCommand(file, options, io));
}
