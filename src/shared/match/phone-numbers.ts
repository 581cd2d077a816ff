/**
 * # Phone numbers in text
 *
 * Finds the telephone numbers a message or a page shows, in any of the ways Hong Kong
 * numbers are written: `3107 1000`, `31071000`, `+852 3107-1000`, `(852) 3107 1000`,
 * `(+852)31071000`, fullwidth digits and spaces (`３１０７`, U+3000 between groups), and Chinese numerals as news
 * reports and scripts spell them out (`二九二一 二二二二`). The hard part (which digit runs
 * are numbers, per region's numbering plan) is Google's libphonenumber through the pinned
 * `libphonenumber-js` (`findPhoneNumbersInText`, "valid" leniency) with metadata for
 * Hong Kong, Macao and mainland China only (`data/phone-metadata.ts`, ~4 KB instead of the
 * 83 KB of all regions). Numbers without a country code are read as Hong Kong numbers.
 *
 * What we add around it:
 * - Chinese numerals 〇零一二…九 in runs of five or more become digits (same length, so
 *   offsets stay those of the input); shorter runs are words (一二 is "one or two").
 * - Dates written with dashes, slashes or dots (`2025-02-23`: libphonenumber reads its
 *   digits as a valid 8-digit Hong Kong number) are not numbers.
 * - Short numbers a feed lists (the Anti-Scam Helpline `18222`) are not in any numbering
 *   plan's "valid" patterns: {@link findShortNumbers} looks for those exact digits.
 * Keys: every number is compared by its E.164 form (`+85231071000`); a short number by its
 * digits (`18222`).
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { PHONE_METADATA } from './data/phone-metadata';

/** A number found in text. Offsets are UTF-16 indexes into the text as given. */
export interface PhoneHit {
  start: number;
  end: number;
  /** The number as written. */
  text: string;
  /** The comparison key: E.164 (`+85231071000`), or the digits of a short number. */
  key: string;
}

const CHINESE_DIGITS: Readonly<Record<string, string>> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const CHINESE_DIGIT_RUN = /[〇零一二三四五六七八九](?:[ \u3000-]?[〇零一二三四五六七八九]){4,}/g;
const DATE_LIKE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})$/;
/** Digits in any script libphonenumber reads (ASCII, fullwidth) or that we fold (Chinese numerals). */
const HAS_DIGIT = /[0-9０-９〇零一二三四五六七八九]/;

/**
 * `text` with Chinese numerals in runs of five or more (spaces allowed between) written as
 * ASCII digits. Same length as `text`: offsets carry over.
 */
export function foldChineseDigits(text: string): string {
  return text.replace(CHINESE_DIGIT_RUN, (run) => run.replace(/[〇零一二三四五六七八九]/g, (c) => CHINESE_DIGITS[c]!));
}

/**
 * The comparison key of a number as a feed or a `tel:` link writes it.
 *
 * @param number - `3107 1000`, `+852 3107 1000`, `tel:+85231071000`, `18222`…
 * @returns E.164 for a number valid in the metadata's regions (no country code = Hong
 *   Kong); the bare digits for a short number (3–6 digits); null otherwise.
 */
export function phoneKey(number: string): string | null {
  const raw = number.replace(/^tel:/i, '').split(/[;,]/)[0]!.trim();
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // keep raw
  }
  const folded = foldChineseDigits(decoded.normalize('NFKC'));
  const parsed = parsePhoneNumberFromString(folded, { defaultCountry: 'HK' }, PHONE_METADATA);
  if (parsed?.isValid()) return parsed.number;
  const digits = folded.replace(/[\s().-]/g, '');
  return /^\d{3,6}$/.test(digits) ? digits : null;
}

/**
 * Every phone number in `text` (see the module note), in order.
 *
 * @param text - any text; scanning is skipped when it has no digit at all.
 * @returns hits with offsets into `text`.
 */
export function findPhoneNumbers(text: string): PhoneHit[] {
  if (!HAS_DIGIT.test(text)) return [];
  const folded = foldChineseDigits(text);
  const hits: PhoneHit[] = [];
  for (const found of findPhoneNumbersInText(folded, { defaultCountry: 'HK' }, PHONE_METADATA)) {
    const written = text.slice(found.startsAt, found.endsAt);
    if (DATE_LIKE.test(folded.slice(found.startsAt, found.endsAt).normalize('NFKC'))) continue;
    hits.push({ start: found.startsAt, end: found.endsAt, text: written, key: found.number.number });
  }
  return hits;
}

/**
 * Occurrences of given short numbers (3–6 digits, e.g. `18222`) in `text`: the digits in
 * order with at most one space or dash between any two, not inside a longer digit run.
 *
 * @param text - any text.
 * @param shortKeys - digit strings from {@link phoneKey}.
 */
export function findShortNumbers(text: string, shortKeys: readonly string[]): PhoneHit[] {
  if (shortKeys.length === 0 || !HAS_DIGIT.test(text)) return [];
  const folded = foldChineseDigits(text).replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const hits: PhoneHit[] = [];
  for (const key of shortKeys) {
    const pattern = new RegExp(`(?<![0-9])${[...key].join('[ \\u3000-]?')}(?![0-9]|[ \\u3000-][0-9])`, 'g');
    for (const m of folded.matchAll(pattern)) {
      hits.push({ start: m.index, end: m.index + m[0].length, text: text.slice(m.index, m.index + m[0].length), key });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
