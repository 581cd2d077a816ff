import { describe, expect, it } from 'vitest';
import en from '../../../public/_locales/en/messages.json' with { type: 'json' };
import zhHans from '../../../public/_locales/zh_CN/messages.json' with { type: 'json' };
import zhHant from '../../../public/_locales/zh_TW/messages.json' with { type: 'json' };
import { languageFromLocale, localize, resolveLanguage, translate } from './i18n';

describe('languageFromLocale', () => {
  it.each([
    ['zh-HK', 'zh-Hant'],
    ['zh-TW', 'zh-Hant'],
    ['zh_MO', 'zh-Hant'],
    ['zh-Hant-HK', 'zh-Hant'],
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['en-GB', 'en'],
    ['fr', 'en'],
    [undefined, 'en'],
  ] as const)('%s → %s', (locale, lang) => {
    expect(languageFromLocale(locale)).toBe(lang);
  });

  it('lets the preference override the browser', () => {
    expect(resolveLanguage('zh-Hans', 'en-US')).toBe('zh-Hans');
    expect(resolveLanguage('browser', 'zh-HK')).toBe('zh-Hant');
  });
});

describe('catalogs', () => {
  it('have the same keys in every language', () => {
    expect(Object.keys(zhHant).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(zhHans).sort()).toEqual(Object.keys(en).sort());
  });

  it('use only key characters that Chrome accepts ([A-Za-z0-9_])', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('keep the same placeholders in every language', () => {
    for (const [key, entry] of Object.entries(en) as Array<[string, { placeholders?: object; message: string }]>) {
      const names = Object.keys(entry.placeholders ?? {});
      for (const catalog of [zhHant, zhHans] as Array<Record<string, { message: string }>>) {
        for (const name of names) expect(catalog[key]!.message, key).toContain(`$${name.toUpperCase()}$`);
      }
    }
  });
});

describe('translate and localize', () => {
  it('fills placeholders in order', () => {
    expect(translate('en', 'bannerCallHotline', 'Invest Hong Kong', '3107 1000')).toBe('Call Invest Hong Kong on 3107 1000');
    expect(translate('zh-Hant', 'bannerCallHotline', '投資推廣署', '3107 1000')).toBe('致電投資推廣署熱線 3107 1000');
  });

  it('falls back to the key for an unknown message', () => {
    expect(translate('en', 'noSuchKey')).toBe('noSuchKey');
  });

  it('falls back between Chinese scripts before English', () => {
    expect(localize({ en: 'x', 'zh-Hant': '繁' }, 'zh-Hans')).toBe('繁');
    expect(localize({ en: 'x' }, 'zh-Hant')).toBe('x');
  });
});
