/**
 * The options page: feed subscriptions, sites where a warning was dismissed, the user
 * allowlist, the language, and what managed policy has set (shown as locked). One section
 * per file; this shell holds the settings, the change notice with its undo button, and the
 * page language. Pure view: the actions that talk to the background are passed in
 * (`main.tsx`), so tests can fake them.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { chooseLanguage, htmlLang, localize, translate } from '../shared/i18n/i18n';
import type { SettingsPatch, UiState } from '../shared/messaging/protocol';
import { AllowlistSection } from './allowlist-section';
import { DismissedSection } from './dismissed-section';
import { FeedsSection } from './feeds-section';
import { LanguageSection } from './language-section';
import { errorText, type OptionsActions, type SaveSettings } from './options-actions';
import { PolicySection } from './policy-section';

export { hostFromInput } from './allowlist-section';
export type { OptionsActions } from './options-actions';

interface Change {
  message: string;
  undo?: () => Promise<void>;
}

export interface OptionsViewProps {
  state: UiState;
  actions: OptionsActions;
}

/** The whole options page. */
export function OptionsView({ state, actions }: OptionsViewProps) {
  const [settings, setSettings] = useState(state.settings);
  const [change, setChange] = useState<Change | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  // The language rule is the background's (`uiLanguage`): the choice, or the browser's.
  const lang = chooseLanguage(settings.language, state.browserLanguage);
  const { policy } = state;
  const locked = new Set(policy.locked);
  const agencyName = (id: string) => {
    const agency = state.feed.agencies.find((a) => a.id === id);
    return agency ? localize(agency.names, lang) : id;
  };

  useEffect(() => {
    document.documentElement.lang = htmlLang(lang);
    document.title = translate(lang, 'optionsTitle');
  }, [lang]);
  // The removed row took the focus with it: put it on Undo, before the next key press.
  useLayoutEffect(() => {
    if (change?.undo) undoButton.current?.focus();
  }, [change]);

  const save: SaveSettings = async (patch: SettingsPatch, message, undoPatch) => {
    try {
      setSettings(await actions.updateSettings(patch));
      setChange({
        message,
        undo: undoPatch
          ? async () => {
              setSettings(await actions.updateSettings(undoPatch));
              setChange({ message: translate(lang, 'optUndone') });
            }
          : undefined,
      });
    } catch (error) {
      setChange({ message: translate(lang, 'uiError', errorText(error)) });
    }
  };

  return (
    <main class="options" lang={htmlLang(lang)}>
      <h1>{translate(lang, 'optionsTitle')}</h1>
      <div class="change" role="status" aria-live="polite">
        {change && (
          <p class="notice info">
            {change.message}{' '}
            {change.undo && (
              <button type="button" class="undo" ref={undoButton} onClick={() => void change.undo?.()}>
                {translate(lang, 'optUndo')}
              </button>
            )}
          </p>
        )}
      </div>
      <FeedsSection
        initialFeeds={state.feeds}
        lang={lang}
        locked={locked.has('feeds')}
        actions={actions}
        notPreBlocked={state.notPreBlocked ?? []}
      />
      <DismissedSection
        dismissed={settings.dismissed}
        lang={lang}
        dismissLocked={locked.has('dismissed')}
        agencyName={agencyName}
        save={save}
      />
      <AllowlistSection allowlist={settings.allowlist} lang={lang} locked={locked.has('allowlist')} save={save} />
      <LanguageSection
        preference={settings.language}
        lang={lang}
        browserLanguage={state.browserLanguage}
        locked={locked.has('language')}
        save={save}
      />
      <PolicySection policy={policy} lang={lang} />
    </main>
  );
}
