/** Options: the UI language (same as the browser, or one of the three). */
import { chooseLanguage, htmlLang, translate, type LanguagePreference, type UiLanguage } from '../shared/i18n/i18n';
import type { SaveSettings } from './options-actions';

export interface LanguageSectionProps {
  preference: LanguagePreference;
  lang: UiLanguage;
  /** The language "same as the browser" stands for. */
  browserLanguage: UiLanguage;
  locked: boolean;
  save: SaveSettings;
}

export function LanguageSection({ preference, lang, browserLanguage, locked, save }: LanguageSectionProps) {
  const choices: Array<[LanguagePreference, string]> = [
    ['browser', translate(lang, 'optLangBrowser')],
    ['en', translate(lang, 'optLangEn')],
    ['zh-Hant', translate(lang, 'optLangHant')],
    ['zh-Hans', translate(lang, 'optLangHans')],
  ];
  return (
    <section aria-labelledby="lang-heading" class="language">
      <h2 id="lang-heading">{translate(lang, 'optLanguageHeading')}</h2>
      <fieldset disabled={locked}>
        <legend class="visually-hidden">{translate(lang, 'optLanguageHeading')}</legend>
        {choices.map(([value, label]) => (
          <label class="radio" key={value} lang={value === 'browser' ? undefined : htmlLang(value)}>
            <input
              type="radio"
              name="language"
              value={value}
              checked={preference === value}
              onChange={() => void save({ language: value }, translate(chooseLanguage(value, browserLanguage), 'optLanguageSaved'))}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
