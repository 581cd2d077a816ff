/**
 * UI strings and language choice. The catalogs are the extension's `_locales/<locale>/messages.json`
 * (the format of `browser.i18n`), imported here so that every context can render any of
 * the three languages on request, not only the browser's: Chrome's own `i18n.getMessage`
 * cannot switch language, and has no zh_HK fallback to zh_TW.
 */
import en from '../../../public/_locales/en/messages.json' with { type: 'json' };
import zhHans from '../../../public/_locales/zh_CN/messages.json' with { type: 'json' };
import zhHant from '../../../public/_locales/zh_TW/messages.json' with { type: 'json' };
import type { FeedLanguage, LocalizedText } from '../feed/feed-schema';

/** The languages of the UI; the same as the feed's. */
export type UiLanguage = FeedLanguage;
/** What the user chose in the options: follow the browser, or one language. */
export type LanguagePreference = 'browser' | UiLanguage;

export type MessageKey = keyof typeof en;
interface CatalogEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
const CATALOGS: Record<UiLanguage, Record<string, CatalogEntry>> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

/**
 * Maps a BCP 47 locale (`navigator.language`, `i18n.getUILanguage()`) to a UI language:
 * zh-HK, zh-TW, zh-MO and zh-Hant-* → `zh-Hant`; other Chinese (zh-CN, zh-SG, zh-Hans-*, zh)
 * → `zh-Hans`; everything else → `en`.
 */
export function languageFromLocale(locale: string | undefined): UiLanguage {
  const l = (locale ?? '').toLowerCase().replace(/_/g, '-');
  if (!l.startsWith('zh')) return 'en';
  if (/\bhant\b|^zh-(hk|tw|mo)\b/.test(l)) return 'zh-Hant';
  return 'zh-Hans';
}

/**
 * The browser's language: the user's first preferred language (`navigator.language`,
 * what the browser sends in Accept-Language), available in pages and service workers.
 * Preferred over `i18n.getUILanguage()`, which reports the UI pack in use (often English
 * when the browser has no pack for zh-HK).
 */
export function browserLocale(): string | undefined {
  return globalThis.navigator?.languages?.[0] ?? globalThis.navigator?.language;
}

/** The language to use: the preference, or the browser's when it is `browser`. */
export function resolveLanguage(preference: LanguagePreference, browserLocale: string | undefined): UiLanguage {
  return chooseLanguage(preference, languageFromLocale(browserLocale));
}

/**
 * The language to use, given the browser's language already resolved (the background
 * resolves it once for every surface; the options page re-applies a new preference with it).
 */
export function chooseLanguage(preference: LanguagePreference, browserLanguage: UiLanguage): UiLanguage {
  return preference === 'browser' ? browserLanguage : preference;
}

/**
 * A UI string in `lang`, with `$1`…`$9` placeholders filled from `substitutions`
 * (the `browser.i18n` catalog format). Falls back to English, then to the key.
 */
export function translate(lang: UiLanguage, key: MessageKey | string, ...substitutions: string[]): string {
  const entry = CATALOGS[lang][key] ?? (CATALOGS.en as Record<string, CatalogEntry>)[key];
  if (!entry) return key;
  let message = entry.message;
  for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
    const value = placeholder.content.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
    message = message.split(`$${name.toUpperCase()}$`).join(value);
  }
  return message;
}

/** True when the catalog has `key` (e.g. a reason code that has a plain-words text). */
export function hasMessage(key: string): boolean {
  return key in CATALOGS.en;
}

/**
 * Feed text in `lang`, falling back from one Chinese script to the other, then to English.
 */
export function localize(text: LocalizedText, lang: UiLanguage): string {
  if (lang === 'zh-Hant') return text['zh-Hant'] ?? text['zh-Hans'] ?? text.en;
  if (lang === 'zh-Hans') return text['zh-Hans'] ?? text['zh-Hant'] ?? text.en;
  return text.en;
}

/** The `lang` attribute value for a UI language. */
export function htmlLang(lang: UiLanguage): string {
  return lang === 'zh-Hant' ? 'zh-HK' : lang === 'zh-Hans' ? 'zh-CN' : 'en';
}
