/**
 * The UI language, decided in one place for every surface: the in-page banner and link
 * markers, the interstitial, the popup and the options page all get it from here (through
 * their messages), so they never disagree.
 */
import browser from 'webextension-polyfill';
import { browserLocale, chooseLanguage, languageFromLocale, type UiLanguage } from '../shared/i18n/i18n';
import type { Settings } from '../shared/settings/settings';

/** The browser's own language: its first preferred language, else its UI language. */
export function browserLanguage(): UiLanguage {
  return languageFromLocale(browserLocale() ?? browser.i18n.getUILanguage());
}

/** The language to show: the user's choice in the settings, or the browser's. */
export function uiLanguage(settings: Pick<Settings, 'language'>): UiLanguage {
  return chooseLanguage(settings.language, browserLanguage());
}
