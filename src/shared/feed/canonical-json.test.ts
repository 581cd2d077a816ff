import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalJson, CanonicalJsonError } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('serialises the RFC 8785 §3.2.2 example exactly', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts members by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const text = canonicalJson(input);
    const positions = ['"\\r"', '"1"', '"\u0080"', '"\u00f6"', '"\u20ac"', '"\ud83d\ude00"', '"\ufb33"'].map((k) => text.indexOf(`${k}:`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('ignores whitespace and member order of the source text', () => {
    const a = JSON.parse('{ "b": [1, 2, {"y": 1, "x": "é"}],\n  "a": true }');
    const b = JSON.parse('{"a":true,"b":[1,2,{"x":"é","y":1}]}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":true,"b":[1,2,{"x":"é","y":1}]}');
  });

  it('keeps array order and encodes as UTF-8', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect([...canonicalBytes('投資')]).toEqual([...new TextEncoder().encode('"投資"')]);
  });

  it('rejects lone surrogates, NaN, Infinity and non-JSON types', () => {
    expect(() => canonicalJson({ a: '\ud800' })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson([Number.NaN])).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(Infinity)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(10n)).toThrow(CanonicalJsonError);
  });
});
