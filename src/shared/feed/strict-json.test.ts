import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseStrictJson } from './strict-json';

describe('parseStrictJson', () => {
  it('reads what JSON.parse reads, for valid documents', () => {
    for (const text of ['{}', '[]', '0', '-1.5e3', '"a\\u00e9\\n"', 'true', 'null', ' {"a":[1,{"b":null}],"c":"\\ud83d\\ude00"} ']) {
      expect(parseStrictJson(text)).toEqual(JSON.parse(text));
    }
  });

  it('keeps a "__proto__" member as data, as JSON.parse does', () => {
    const value = parseStrictJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['{"a":1,"a":2}', 'duplicate-key'],
    ['{"a":1,"\\u0061":2}', 'duplicate-key'],
    [`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`, 'too-deep'],
    ['1e400', 'bad-number'],
    ['[-1e309]', 'bad-number'],
    ['"\\udc00"', 'bad-string'],
    ['{"a":1,}', 'not-json'],
    ["{'a':1}", 'not-json'],
    ['NaN', 'not-json'],
    ['01', 'not-json'],
    ['"a\tb"', 'not-json'],
    ['\ufeff{}', 'not-json'],
    ['{} x', 'not-json'],
    ['', 'not-json'],
  ])('%s → %s', (text, code) => {
    expect(() => parseStrictJson(text)).toThrow(expect.objectContaining({ code }));
  });

  it('handles a deep bomb without overflowing the stack', () => {
    expect(() => parseStrictJson('['.repeat(1_000_000))).toThrow(expect.objectContaining({ code: 'too-deep' }));
  });
});
