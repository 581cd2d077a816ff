/**
 * Reads a byte stream (standard input) as lines, a batch per chunk read, holding at most
 * one chunk plus one partial line in memory: a 10 GB input streams through in constant
 * memory, and a line with no end (a hostile or broken input) is cut at `maxLength`
 * characters instead of filling memory.
 *
 * Lines end at `\n`; a `\r` before it is dropped (CRLF files). Bytes are decoded as UTF-8
 * (invalid sequences become U+FFFD, a leading byte order mark is dropped). The last line
 * needs no newline.
 */

/** One line of input. */
export interface InputLine {
  /** 1-based line number in the stream. */
  number: number;
  /** The line without its line ending (its first `maxLength` characters when `tooLong`). */
  text: string;
  /** The line was longer than `maxLength` characters; the rest was discarded. */
  tooLong?: boolean;
}

/** Bytes (or, in tests, text) arriving in chunks: `process.stdin`, or an array of chunks. */
export type ChunkSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** Default longest line kept, in UTF-16 code units: 1 Mi, beyond any real URL or link text. */
export const MAX_LINE_LENGTH = 1 << 20;

/**
 * Yields the lines of `source`, in order, one batch (possibly empty) per chunk read, so the
 * caller can write one output block per batch and wait for its reader before reading on.
 *
 * @param source - a byte stream (`process.stdin`) or string chunks (tests).
 * @param maxLength - longest line kept, in UTF-16 code units; longer lines are cut and
 *   flagged `tooLong`.
 */
export async function* readLineBatches(
  source: ChunkSource,
  maxLength: number = MAX_LINE_LENGTH,
): AsyncGenerator<InputLine[], void, undefined> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let overflow = false;
  let number = 0;
  let first = true;
  const finish = (text: string): InputLine => {
    number += 1;
    let line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (first) {
      first = false;
      if (line.startsWith('\ufeff')) line = line.slice(1);
    }
    return overflow ? { number, text: line, tooLong: true } : { number, text: line };
  };
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const batch: InputLine[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      if (!overflow) pending += text.slice(start, Math.min(nl, start + maxLength - pending.length + 1));
      if (pending.length > maxLength) overflow = true;
      batch.push(finish(overflow ? pending.slice(0, maxLength) : pending));
      pending = '';
      overflow = false;
      start = nl + 1;
    }
    if (!overflow && start < text.length) {
      pending += text.slice(start, start + maxLength - pending.length + 1);
      if (pending.length > maxLength) {
        overflow = true;
        pending = pending.slice(0, maxLength);
      }
    }
    yield batch;
  }
  const rest = decoder.decode();
  if (rest && !overflow) pending += rest;
  if (pending.length > maxLength) {
    overflow = true;
    pending = pending.slice(0, maxLength);
  }
  if (pending !== '' || overflow) yield [finish(pending)];
}
