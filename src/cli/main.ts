/**
 * `scam-alert`: the admin CLI. Same engine and feed code as the extension.
 *
 * Exit status: 0 when the command ran, 2 for bad usage, 1 for other errors (bad feed file,
 * an input `check` could not judge…).
 */
import { Command, CommanderError } from 'commander';
import { registerCheckCommand } from './check-command';
import { registerFeedCommand } from './feed-command';
import { CliError, createProcessIo, type Io } from './io';
import { registerMessageCommand } from './message-command';

/** Builds the command tree. Each command module adds itself. */
export function buildProgram(io: Io): Command {
  const program = new Command('scam-alert')
    .description('Agency Scam Alert admin tools: check URLs against a feed, and manage signed feeds.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();
  registerCheckCommand(program, io);
  registerMessageCommand(program, io);
  registerFeedCommand(program, io);
  return program;
}

/**
 * Runs the CLI.
 *
 * @param argv - arguments after the program name.
 * @param io - where output goes (tests pass a buffer).
 * @returns the exit status.
 */
export async function main(argv: string[], io: Io = createProcessIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
      return 2;
    }
    if (error instanceof CliError) {
      io.err(`scam-alert: ${error.message}\n`);
      return error.exitCode;
    }
    io.err(`scam-alert: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
