import { describe, expect, it } from 'vitest';
import { PHONE_METADATA } from './data/phone-metadata';
import { findPhoneNumbers, findShortNumbers, foldChineseDigits, phoneKey } from './phone-numbers';
import { phoneMetadataFromSource } from './testing/phone-metadata-source';

describe('phone metadata', () => {
  it('is the HK/MO/CN part of the pinned libphonenumber-js metadata (regenerate with scripts/generate-phone-metadata.ts)', () => {
    expect(JSON.parse(JSON.stringify(PHONE_METADATA))).toEqual(phoneMetadataFromSource());
  });
});

describe('findPhoneNumbers', () => {
  const keys = (text: string) => findPhoneNumbers(text).map((h) => [h.text, h.key]);

  it.each([
    ['Questions? Call 3107 1080', '3107 1080'],
    ['call 31071080 now', '31071080'],
    ['hotline +852 3107-1080.', '+852 3107-1080'],
    ['(852) 3107 1080', '(852) 3107 1080'],
    ['(+852)31071080', '(+852)31071080'],
    ['+852-3107-1080', '+852-3107-1080'],
    ['熱線：３１０７　１０８０。', '３１０７　１０８０'],
    ['請致電３１０７１０８０查詢', '３１０７１０８０'],
    ['致電三一零七 一零八零查詢', '三一零七 一零八零'],
  ])('%s → +85231071080', (text, written) => {
    expect(keys(text)).toEqual([[written, '+85231071080']]);
  });

  it('keeps offsets of the text as given (fullwidth and Chinese numerals included)', () => {
    const text = '查詢：二九二一 二二二二或 ３１０７ １０００';
    for (const hit of findPhoneNumbers(text)) expect(text.slice(hit.start, hit.end)).toBe(hit.text);
    expect(findPhoneNumbers(text).map((h) => h.key)).toEqual(['+85229212222', '+85231071000']);
  });

  it('reads Macao and mainland numbers with their country codes', () => {
    expect(keys('+853 2833 3333 or +86 138 0013 8000')).toEqual([
      ['+853 2833 3333', '+85328333333'],
      ['+86 138 0013 8000', '+8613800138000'],
    ]);
  });

  it('leaves dates, amounts, short runs of Chinese numerals and invalid numbers alone', () => {
    expect(keys('Pay HK$38 by 2025-02-23 (or 23/02/2025); ref 1234 5678; 一二三四 people; 5,000港元')).toEqual([]);
  });
});

describe('phoneKey', () => {
  it('normalises feed and tel: numbers to E.164, short numbers to digits', () => {
    expect(phoneKey('3107 1000')).toBe('+85231071000');
    expect(phoneKey('+852 3107 1000')).toBe('+85231071000');
    expect(phoneKey('tel:+85231071000')).toBe('+85231071000');
    expect(phoneKey('tel:%2B852-3107-1000')).toBe('+85231071000');
    expect(phoneKey('18222')).toBe('18222');
    expect(phoneKey('hello')).toBeNull();
  });
});

describe('findShortNumbers', () => {
  it('finds a listed short number as digits, with a space inside, not inside longer numbers', () => {
    const hits = findShortNumbers('Helpline 18222; 「一八 二二二」; ref 182223; １８２２２', ['18222']);
    expect(hits.map((h) => h.text)).toEqual(['18222', '一八 二二二', '１８２２２']);
  });
});

describe('foldChineseDigits', () => {
  it('folds runs of five or more numerals only, keeping the length', () => {
    const text = '一二 people, 二九二一二二二二';
    expect(foldChineseDigits(text)).toBe('一二 people, 29212222');
  });
});
