/**
 * Text folding for name matching: NFKC (fullwidth ＩｎｖｅｓｔＨＫ → InvestHK, per Unicode
 * UAX #15), invisible characters removed (zero-width space/joiners, soft hyphen, word
 * joiner, BOM), lower case, runs of white space collapsed to one space.
 */

const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/**
 * Folds `text` for matching.
 *
 * @param text - any visible text.
 * @returns the folded text; its length may differ from the input's.
 */
export function foldText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().replace(/\s+/g, ' ');
}

/** True for a character that can be part of a Latin word (letters, digits). */
export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch) && !isCjk(ch);
}

/** True for Han, Hiragana, Katakana and Hangul characters, where words have no spaces. */
export function isCjk(ch: string): boolean {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(ch);
}
