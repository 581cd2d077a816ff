/**
 * Reads a feed file for the CLI (JSON text → validated feed). The validation code (zod) is
 * imported only when a file is read: with the embedded default feed (validated when the
 * CLI is built, see `vite.cli.config.ts`) `scam-alert check` starts without it.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import type { Feed } from '../shared/feed/feed-schema';
import { CliError } from './io';

/**
 * The feed at `path`, or the embedded default feed when `path` is undefined.
 *
 * @throws CliError (exit 1) when the file cannot be read, is not JSON, or is not a valid feed.
 */
export async function loadFeedFile(path: string | undefined): Promise<Feed> {
  if (path === undefined) return DEFAULT_FEED;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read feed file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`feed file ${path} is not JSON: ${(error as Error).message}`);
  }
  const { FeedValidationError, parseFeed } = await import('../shared/feed/validate-feed');
  try {
    return parseFeed(json);
  } catch (error) {
    if (error instanceof FeedValidationError) throw new CliError(`feed file ${path}: ${error.message}`);
    throw error;
  }
}
