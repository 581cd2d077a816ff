/**
 * The real-domain corpora of `test/fixtures/corpus/` (sources in its README): one hostname per
 * line, `#` comments, read lower-cased. For the accuracy tests and the benchmarks.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const DIR = resolve(import.meta.dirname, '../fixtures/corpus');

/**
 * The hostnames of one corpus file.
 *
 * @param name - a file in `test/fixtures/corpus/` (`legit-popular.txt`, `legit-hk.txt`).
 * @throws Error when the file does not exist.
 */
export function readCorpus(name: string): string[] {
  return readFileSync(resolve(DIR, name), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#'));
}
