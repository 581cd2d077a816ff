/**
 * # Web addresses and email addresses in plain text
 *
 * SMS, chat and webmail show addresses as text, and scam messages write them so that
 * filters miss them while a person still reads an address. Security advisories write them
 * the same way on purpose ("defanged"). Both are read here:
 * - `hxxp://`, `hxxps://`, `h**ps://`, `[:]`, `[://]` → `http(s)://`;
 * - `[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`, `{dot}` → `.`; `[@]`, `[at]`, `(at)` → `@`;
 * - fullwidth letters, digits and signs (`ｗｓｄ－ｇｏｖ．ｃｏｍ`, `＠`) by NFKC;
 * - the ideographic full stop `。`, halfwidth `｡` and fullwidth `．` between two letters or
 *   digits of an address → `.`;
 * - zero-width and formatting characters inside an address are dropped;
 * - a space after a dot when a lower-case top-level domain follows (`wsd-gov. com`).
 * The text is first rewritten that way ({@link undisguise}, with a map back to the input's
 * offsets), then searched with plain patterns. A bare domain (no scheme, no `www.`) counts
 * only when its last label is a public suffix in the ICANN section of the Public Suffix List
 * (tldts), so `report.pdf`, `v1.2` or `e.g.` are not addresses. Hosts in plain text are
 * Latin letters, digits and hyphens (IDN hosts in Han script only after `http(s)://`):
 * Chinese text has no spaces, and a Han character next to an address is the sentence, not
 * the address.
 */
import { parse } from 'tldts';

/** An address found in text. Offsets are UTF-16 indexes into the text as given. */
export interface AddressHit {
  start: number;
  end: number;
  /** As written in the text. */
  text: string;
  /** Undisguised: `https://…` for a web address (a scheme added when it had none), or `user@host`. */
  value: string;
  /** True when the text disguised it (`hxxps`, `[.]`, fullwidth dots…). */
  disguised: boolean;
}

/** Text rewritten by {@link undisguise}, with `origin[i]` the input offset of output unit `i` (and `origin[length]` the input's length). */
export interface UndisguisedText {
  text: string;
  origin: number[];
}

const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;
/** Bracketed dots, colons and at-signs, tried at each position (longest first). */
const TOKENS: ReadonlyArray<[RegExp, string]> = [
  [/^\[:\/\/\]/, '://'],
  [/^\[:\]/, ':'],
  [/^(?:\[\s?(?:\.|dot)\s?\]|\(\s?(?:\.|dot)\s?\)|\{\s?(?:\.|dot)\s?\})/i, '.'],
  [/^(?:\[(?:@|at)\]|\((?:@|at)\))/i, '@'],
];
/** Characters at which a disguise may start (everything else is copied as it is). */
const SPECIAL =
  /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff[({\u3002\uff61\uff0e\uff01-\uff5e]|[hH](?=[xX*]{2}[pP])|(?<=[a-z0-9]\.) (?=[a-z])/g;
const SCHEME_DISGUISE = /^h(?:xx|XX|\*\*|tt)p(s?)(?=\[?:)/;
const ADDRESS_CHAR = /[A-Za-z0-9-]/;
const WIDE_DOTS = new Set(['\u3002', '\uff61', '\uff0e']);

/**
 * Rewrites the disguises of the module note in `input`.
 *
 * @param input - any text.
 * @returns the rewritten text and its offset map.
 */
export function undisguise(input: string): UndisguisedText {
  // Output units in an array (reading the end of a growing string would flatten it each time).
  const out: string[] = [];
  const origin: number[] = [];
  const push = (s: string, at: number) => {
    for (const unit of s) {
      out.push(unit);
      origin.push(at);
    }
  };
  /** The last `n` output units (chunks are read from the end; the output is never joined here). */
  const tailText = (n: number): string => {
    let acc = '';
    for (let k = out.length - 1; k >= 0 && acc.length < n; k--) acc = out[k]! + acc;
    return acc.slice(-n);
  };
  for (let i = 0; i < input.length;) {
    // Copy the run of ordinary characters up to the next one that may start a disguise.
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(input)?.index ?? input.length;
    if (next > i) {
      out.push(input.slice(i, next));
      for (let k = i; k < next; k++) origin.push(k);
      i = next;
      if (i >= input.length) break;
    }
    const ch = input[i]!;
    if (INVISIBLE.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '[' || ch === '(' || ch === '{') {
      const rest = input.slice(i, i + 8);
      const token = TOKENS.find(([re]) => re.test(rest));
      if (token) {
        const length = token[0].exec(rest)![0].length;
        push(token[1], i);
        i += length;
        continue;
      }
    }
    if ((ch === 'h' || ch === 'H') && !ADDRESS_CHAR.test(input[i - 1] ?? ' ')) {
      const m = SCHEME_DISGUISE.exec(input.slice(i, i + 8));
      if (m && m[0] !== 'http' && m[0] !== 'https') {
        push(`http${m[1]}`, i);
        i += m[0].length;
        continue;
      }
    }
    if (WIDE_DOTS.has(ch)) {
      const after = (input[i + 1] ?? ' ').normalize('NFKC');
      if (/[A-Za-z0-9]/.test(tailText(1)) && /^[A-Za-z0-9]/.test(after)) {
        push('.', i);
        i += 1;
        continue;
      }
    }
    if (ch === ' ' && /[a-z0-9]\.$/.test(tailText(2))) {
      // Only after something that already looks like an address (a dot or hyphen in it),
      // so that "… done. me too" stays a sentence.
      const before = /[A-Za-z0-9.-]*$/.exec(tailText(200).slice(0, -1))![0];
      const tld = /^[a-z]{2,12}(?![A-Za-z0-9-])/.exec(input.slice(i + 1, i + 14))?.[0];
      if (tld && /[.-]/.test(before) && parse(`x.${tld}`).isIcann) {
        i += 1; // drop the space
        continue;
      }
    }
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) {
      push(ch.normalize('NFKC'), i);
      i += 1;
      continue;
    }
    out.push(ch);
    origin.push(i);
    i += 1;
  }
  origin.push(input.length);
  return { text: out.join(''), origin };
}

/** Characters that end an address in text (white space, quotes, CJK text and punctuation). */
const END = String.raw`\s<>"'\u0060\u00a0\u2018-\u201f\u3000-\u303f\uff00-\uffef\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const LABEL = String.raw`[a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff](?:[a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff-]{0,61}[a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])?`;
const HOST = String.raw`(?:${LABEL}\.)+${LABEL}`;
const PATH = String.raw`(?:[/?#][^${END}]*)?`;
const WEB = new RegExp(String.raw`(?<![\w.-])(?:(?:https?|ftp):\/\/[^${END}/?#]+${PATH}|${HOST}(?::\d{2,5})?${PATH})`, 'giu');
const MAILBOX_BEFORE = /[a-z0-9][a-z0-9._%+-]{0,63}$/i;
const MAIL_HOST = new RegExp(String.raw`${HOST}(?![\w-])`, 'iuy');
/** Punctuation that ends a sentence rather than an address. */
const TRAILING = /[.,;:!?'")\]}>*]+$/;

/** `raw` without the sentence's punctuation after it; a `)` stays when the address opened it. */
function trimEnd(raw: string): string {
  let out = raw;
  for (;;) {
    const last = out[out.length - 1];
    if (last === ')' && (out.match(/\(/g)?.length ?? 0) >= (out.match(/\)/g)?.length ?? 0)) return out;
    if (last === undefined || !TRAILING.test(last)) return out;
    out = out.slice(0, -1);
  }
}

function hit(input: string, u: UndisguisedText, start: number, end: number, value: string): AddressHit {
  const from = u.origin[start]!;
  const to = u.origin[end - 1]! + 1;
  const written = input.slice(from, to);
  return { start: from, end: to, text: written, value, disguised: written !== u.text.slice(start, end) };
}

/** True when the host's last label is a public suffix of the ICANN section (tldts). */
function hasPublicSuffix(host: string): boolean {
  const parsed = parse(host.toLowerCase());
  return parsed.isIcann === true && parsed.domain !== null;
}

/**
 * Email addresses in `text`, undisguised (see the module note), in order.
 *
 * @param text - any text.
 */
export function findEmailAddresses(text: string, undisguised: UndisguisedText = undisguise(text)): AddressHit[] {
  const u = undisguised.text;
  const hits: AddressHit[] = [];
  // Look only around each "@": the mailbox before it, the host after it.
  for (let at = u.indexOf('@'); at >= 0; at = u.indexOf('@', at + 1)) {
    const left = MAILBOX_BEFORE.exec(u.slice(Math.max(0, at - 64), at));
    if (!left) continue;
    const start = at - left[0].length;
    if (start > 0 && /[\w.%+-]/.test(u[start - 1]!)) continue;
    MAIL_HOST.lastIndex = at + 1;
    const host = MAIL_HOST.exec(u);
    if (!host) continue;
    const value = trimEnd(u.slice(start, host.index + host[0].length));
    const domain = value.slice(value.lastIndexOf('@') + 1);
    if (!domain || !hasPublicSuffix(domain)) continue;
    hits.push(hit(text, undisguised, start, start + value.length, value));
  }
  return hits;
}

/**
 * Web addresses and bare domains in `text`, undisguised (see the module note), in order,
 * leaving out those inside an email address.
 *
 * @param text - any text.
 * @returns hits whose `value` is an absolute URL (`https://` added to a bare domain or a
 *   `www.` address).
 */
export function findWebAddresses(text: string, undisguised: UndisguisedText = undisguise(text)): AddressHit[] {
  const emails = findEmailAddresses(text, undisguised);
  const hits: AddressHit[] = [];
  for (const m of undisguised.text.matchAll(WEB)) {
    const raw = trimEnd(m[0]);
    const start = m.index;
    const end = start + raw.length;
    if (emails.some((e) => undisguised.origin[start]! < e.end && undisguised.origin[end - 1]! >= e.start)) continue;
    const hasScheme = /^[a-z]+:\/\//i.test(raw);
    const host = hasScheme ? raw.replace(/^[a-z]+:\/\//i, '').split(/[/?#:]/)[0]! : raw.split(/[/?#:]/)[0]!;
    if (!hasScheme && !hasPublicSuffix(host)) continue;
    if (!host.includes('.') && !hasScheme) continue;
    const value = hasScheme ? raw : `https://${raw}`;
    if (!URL.canParse(value)) continue;
    hits.push(hit(text, undisguised, start, end, value));
  }
  return hits;
}
