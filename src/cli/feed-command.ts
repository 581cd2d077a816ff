/**
 * `scam-alert feed keygen|validate|sign|verify|diff|check`: the feed admin's tools, on the
 * same `src/shared/feed` code the extension runs, so a feed that passes here is accepted
 * there. Exit status: 0 ok, 1 problems found (invalid feed, bad signature, …), 2 bad usage.
 *
 * This file registers the commands; their work is in `feed-actions.ts`, imported when one
 * runs (start-up of other commands does not pay for the feed schema).
 */
import type { Command } from 'commander';
import { addCheckOptions, checkCommand, type CheckOptions } from './check-command';
import type { Io } from './io';

const actions = () => import('./feed-actions');

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Registers the `feed` command group. */
export function registerFeedCommand(program: Command, io: Io): void {
  const feed = program
    .command('feed')
    .description('Manage signed feeds: keygen, validate, sign, verify, diff, check.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();

  feed
    .command('keygen')
    .description(
      'Create an Ed25519 signing key: PREFIX.key (secret, mode 600) and PREFIX.pub (base64 public key for readers and policy). Missing folders are created (mode 700); symbolic links are never written through.',
    )
    .requiredOption('--out <prefix>', 'path prefix of the two files, e.g. keys/cert-2026')
    .option('--force', 'replace existing files')
    .action(async (options: { out: string; force?: boolean }) => (await actions()).keygen(io, options));

  feed
    .command('validate')
    .description(
      "Check a feed before publishing with the reader's rules: bytes (UTF-8, size, duplicate keys), schema, duplicate ids, public suffixes, path prefixes, official/scam overlaps, lifetime and expiry, and sequence above the published one.",
    )
    .argument('<feed>', 'feed JSON file')
    .option('--published <file>', 'the feed currently published: the new sequence must be above its sequence')
    .option('--now <iso>', 'judge expiry at this time instead of now')
    .option('--json', 'print {"ok","problems","warnings"} as JSON')
    .action(async (file: string, options: { published?: string; now?: string; json?: boolean }) =>
      (await actions()).validate(io, file, options),
    );

  feed
    .command('sign')
    .description(
      'Validate a feed, then write its detached signature (FEED.sig by default). Give --key twice to sign with an old and a new key while rotating.',
    )
    .argument('<feed>', 'feed JSON file')
    .requiredOption('--key <file>', 'private key file from `feed keygen` (repeatable)', collect)
    .option('--out <file>', 'signature file (default: FEED.sig)')
    .option('--now <iso>', 'judge expiry at this time instead of now')
    .option('--force', 'replace an existing signature file (default: yes for FEED.sig)')
    .action(async (file: string, options: { key: string[]; out?: string; now?: string; force?: boolean }) =>
      (await actions()).sign(io, file, options),
    );

  feed
    .command('verify')
    .description('Verify a feed as the extension does: signature by a trusted key, schema, expiry (and sequence above --published).')
    .argument('<feed>', 'feed JSON file')
    .requiredOption('--pubkey <key>', 'trusted public key: base64 or a .pub file (repeatable)', collect)
    .option('--sig <file>', 'signature file (default: FEED.sig)')
    .option('--published <file>', 'the feed readers have now: the sequence must be above it')
    .option('--now <iso>', 'judge expiry at this time instead of now')
    .action(async (file: string, options: { pubkey: string[]; sig?: string; published?: string; now?: string }) =>
      (await actions()).verify(io, file, options),
    );

  feed
    .command('diff')
    .description('Show what changed between two feeds: agencies and domains added, removed, changed.')
    .argument('<old>', 'old feed JSON file')
    .argument('<new>', 'new feed JSON file')
    .option('--json', 'print the diff as JSON')
    .action(async (oldFile: string, newFile: string, options: { json?: boolean }) => (await actions()).diff(io, oldFile, newFile, options));

  const check = feed
    .command('check')
    .description(
      'Print the verdict of each URL against a given feed (test a feed before publishing); "-" reads URLs or JSON lines from standard input, as `check` does.',
    )
    .argument('<feed>', 'feed JSON file')
    .argument('<inputs...>', 'URLs to check; "-" for standard input');
  addCheckOptions(check).action(async (file: string, inputs: string[], options: CheckOptions) =>
    checkCommand(inputs, { ...options, feed: file }, io),
  );
}
