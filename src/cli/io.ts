/** Output, input and errors for CLI commands, so tests can capture them. */
import type { ChunkSource } from './line-reader';

export interface Io {
  /** Writes to standard output. Output after the reader has gone (closed pipe) is dropped. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Standard input as a byte stream (read by `check -`). Absent: there is none. */
  stdin?: ChunkSource;
  /**
   * Waits until standard output has taken what was written (backpressure: a stream producer
   * calls it before producing more). Resolves `false` once the reader has gone (a closed
   * pipe: `scam-alert check - | head`), so the producer stops. Absent: output never blocks.
   */
  ready?(): Promise<boolean>;
}

/** The stream shape `createProcessIo` needs (process.stdout / process.stderr). */
type OutStream = NodeJS.WritableStream & { writableNeedDrain?: boolean; destroyed?: boolean };

/**
 * The process's standard streams as an {@link Io}. A closed standard output (EPIPE: the
 * reader of a pipe exited) is not an error: output stops quietly and `ready()` resolves
 * `false`. Any other write error is reported once on standard error and also stops output;
 * `failed()` then tells the caller to exit with status 1.
 */
export function createProcessIo(
  stdout: OutStream = process.stdout,
  stderr: OutStream = process.stderr,
  stdin: () => ChunkSource = () => process.stdin,
): Io & { failed(): boolean } {
  let gone = false;
  let failed = false;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (gone) return;
    gone = true;
    if (error.code !== 'EPIPE') {
      failed = true;
      stderr.write(`scam-alert: cannot write to standard output: ${error.code ?? error.message}\n`);
    }
  });
  // A closed standard error has nobody to tell; ignore its errors.
  stderr.on('error', () => undefined);
  return {
    out: (text) => {
      if (!gone) stdout.write(text);
    },
    err: (text) => void stderr.write(text),
    // Opened only when read: a run that reads no standard input never touches it.
    get stdin() {
      return stdin();
    },
    ready: async () => {
      if (!gone && stdout.writableNeedDrain) await settled(stdout, ['drain', 'close', 'error']);
      return !gone && !stdout.destroyed;
    },
    failed: () => failed,
  };
}

/** Resolves at the first of `events` on `stream` (never rejects), then removes its listeners. */
function settled(stream: NodeJS.EventEmitter, events: string[]): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const e of events) stream.off(e, done);
      resolve();
    };
    for (const e of events) stream.on(e, done);
  });
}

/** An error the CLI reports as `scam-alert: message` with `exitCode` (1 by default; 2 for usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
