/**
 * A strict JSON reader for feeds and signature files: RFC 8259 grammar, plus the checks
 * that `JSON.parse` does not make and a signed document needs.
 *
 * Design note. A feed is signed over the canonical form of its parsed value
 * (`canonical-json.ts`). `JSON.parse` silently keeps the last of two members with the same
 * name, so a document could show a reviewer one hotline and a reader another; RFC 8259 §4
 * leaves duplicate names undefined and RFC 8785 §3.1 (JCS) requires rejecting them before
 * canonicalising. It turns `1e400` into `Infinity`, which cannot be signed (RFC 8785
 * §3.2.2.3), and deep nesting makes recursive code overflow its stack. So before anything
 * is verified this reader walks the text once, iteratively for strings and numbers and with
 * a depth bound for containers, and fails with its own reason for each case:
 * `duplicate-key`, `too-deep`, `bad-number` (not a finite IEEE 754 double),
 * `bad-string` (a lone surrogate escape: not Unicode text, RFC 8259 §8.2) and `not-json`
 * for anything else, with the byte offset. Strings and numbers are decoded by `JSON.parse`
 * on the single token (the platform's own, well-tested decoding); objects are built with
 * `defineProperty`, so a member named `__proto__` stays plain data as with `JSON.parse`.
 */
import { FeedRejection } from './feed-rejection';

/** Deepest nesting of objects and arrays accepted (a feed needs 6: feed → agencies → agency → campaign → summary → text). */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERAL = /true|false|null/y;

/**
 * Parses JSON text strictly.
 *
 * @param text - the document (already decoded from UTF-8).
 * @param what - what the text is, for messages (`feed`, `signature file`).
 * @returns the value, as `JSON.parse` would return it.
 * @throws FeedRejection `duplicate-key`, `too-deep`, `bad-number`, `bad-string` or `not-json`.
 */
export function parseStrictJson(text: string, what = 'feed'): unknown {
  let pos = 0;
  const fail = (code: 'not-json' | 'duplicate-key' | 'too-deep' | 'bad-number' | 'bad-string', message: string): never => {
    throw new FeedRejection(code, `the ${what} ${message} (at character ${pos})`);
  };
  const skipSpace = () => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
  };
  const readString = (): string => {
    const start = pos;
    pos++; // opening quote
    for (;;) {
      if (pos >= text.length) fail('not-json', 'has an unterminated string');
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      if (c < 0x20) fail('not-json', 'has a control character inside a string');
      pos += c === 0x5c ? 2 : 1;
    }
    pos++;
    let value: string;
    try {
      value = JSON.parse(text.slice(start, pos)) as string;
    } catch {
      pos = start;
      return fail('not-json', 'has an invalid string escape');
    }
    if (LONE_SURROGATE.test(value)) {
      pos = start;
      fail('bad-string', 'has a string with a lone surrogate (not Unicode text)');
    }
    return value;
  };
  const readNumber = (): number => {
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) return fail('not-json', 'has an invalid value');
    const value = Number(m[0]);
    if (!Number.isFinite(value)) fail('bad-number', `has the number ${m[0].slice(0, 40)}, too large for a JSON reader`);
    pos += m[0].length;
    return value;
  };
  const readValue = (depth: number): unknown => {
    skipSpace();
    const c = text[pos];
    if (c === '{') {
      if (depth >= MAX_JSON_DEPTH) fail('too-deep', `nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`);
      pos++;
      const obj: Record<string, unknown> = {};
      const seen = new Set<string>();
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return obj;
      }
      for (;;) {
        skipSpace();
        if (text[pos] !== '"') fail('not-json', 'expected a member name');
        const keyAt = pos;
        const key = readString();
        if (seen.has(key)) {
          pos = keyAt;
          fail('duplicate-key', `has the member "${key.slice(0, 60)}" twice in one object`);
        }
        seen.add(key);
        skipSpace();
        if (text[pos] !== ':') fail('not-json', 'expected ":"');
        pos++;
        Object.defineProperty(obj, key, { value: readValue(depth + 1), enumerable: true, writable: true, configurable: true });
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return obj;
        }
        fail('not-json', 'expected "," or "}"');
      }
    }
    if (c === '[') {
      if (depth >= MAX_JSON_DEPTH) fail('too-deep', `nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`);
      pos++;
      const arr: unknown[] = [];
      skipSpace();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(readValue(depth + 1));
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return arr;
        }
        fail('not-json', 'expected "," or "]"');
      }
    }
    if (c === '"') return readString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return readNumber();
    LITERAL.lastIndex = pos;
    const lit = LITERAL.exec(text);
    if (lit) {
      pos += lit[0].length;
      return lit[0] === 'true' ? true : lit[0] === 'false' ? false : null;
    }
    return fail('not-json', c === undefined ? 'ends too early' : 'has an invalid value');
  };
  // A byte order mark is not JSON (RFC 8259 §8.1: "MUST NOT add a byte order mark").
  const value = readValue(0);
  skipSpace();
  if (pos < text.length) fail('not-json', 'has text after the JSON value');
  return value;
}
