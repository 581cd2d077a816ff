import { describe, expect, it } from 'vitest';
import { findEmailAddresses, findWebAddresses, undisguise } from './text-addresses';

const web = (text: string) => findWebAddresses(text).map((h) => [h.text, h.value]);

describe('findWebAddresses', () => {
  it('finds URLs and bare domains with a public suffix', () => {
    expect(web('Verify at invest-hk.gov.hk.secure-update.top and pay. See https://www.investhk.gov.hk/en/ too')).toEqual([
      ['invest-hk.gov.hk.secure-update.top', 'https://invest-hk.gov.hk.secure-update.top'],
      ['https://www.investhk.gov.hk/en/', 'https://www.investhk.gov.hk/en/'],
    ]);
  });

  it.each([
    ['hxxps://investhk-gov[.]top/verify', 'https://investhk-gov.top/verify'],
    ['hXXp://investhk-gov(.)top', 'http://investhk-gov.top'],
    ['https[:]//investhk-gov{.}top/a', 'https://investhk-gov.top/a'],
    ['h**ps[://]investhk-gov[dot]top', 'https://investhk-gov.top'],
    ['investhk-gov．top', 'https://investhk-gov.top'],
    ['investhk-gov。top', 'https://investhk-gov.top'],
    ['ｉｎｖｅｓｔｈｋ－ｇｏｖ．ｔｏｐ', 'https://investhk-gov.top'],
    ['invest\u200bhk-gov.top', 'https://investhk-gov.top'],
    ['investhk-gov. top', 'https://investhk-gov.top'],
  ])('reads the disguise %s', (text, value) => {
    const [hit] = findWebAddresses(`請於 ${text} 核實`);
    expect(hit).toMatchObject({ text, value, disguised: true });
  });

  it('stops at Chinese text, fullwidth brackets and sentence punctuation', () => {
    expect(web('官網為hongkongpost.hk並只會')).toEqual([['hongkongpost.hk', 'https://hongkongpost.hk']]);
    expect(web('網站（https://www.hongkongpost.hk），請')).toEqual([['https://www.hongkongpost.hk', 'https://www.hongkongpost.hk']]);
    expect(web('(see https://example.org/a_(b)) and wsd-gov.com.')).toEqual([
      ['https://example.org/a_(b)', 'https://example.org/a_(b)'],
      ['wsd-gov.com', 'https://wsd-gov.com'],
    ]);
  });

  it('does not take file names, versions, abbreviations or sentences for addresses', () => {
    expect(web('report.pdf, v1.2, e.g. this, i.e. that, It is done. me too, Mr. Chan')).toEqual([]);
  });

  it('leaves email addresses to findEmailAddresses', () => {
    expect(web('write to enq@investhk.gov.hk')).toEqual([]);
  });
});

describe('findEmailAddresses', () => {
  it('finds addresses, also disguised', () => {
    const hits = findEmailAddresses('From: InvestHK <notice@investhk-gov.hk>; reply enq[at]investhk.gov.hk or ｅｎｑ＠investhk.gov.hk.');
    expect(hits.map((h) => [h.text, h.value])).toEqual([
      ['notice@investhk-gov.hk', 'notice@investhk-gov.hk'],
      ['enq[at]investhk.gov.hk', 'enq@investhk.gov.hk'],
      ['ｅｎｑ＠investhk.gov.hk', 'enq@investhk.gov.hk'],
    ]);
  });
});

describe('undisguise', () => {
  it('maps every output character back to the input', () => {
    const input = 'a hxxps://x[.]top b';
    const u = undisguise(input);
    expect(u.text).toBe('a https://x.top b');
    expect(u.origin).toHaveLength(u.text.length + 1);
    expect(input[u.origin[u.text.indexOf('.top')]!]).toBe('[');
  });
});
