/**
 * The options page: feed subscriptions (status, add, remove, check now), sites where a
 * banner was dismissed and the user allowlist (each removal can be undone), the language,
 * and what managed policy has set (shown as locked). Pure view: the actions that talk to
 * the background are passed in (`main.tsx`), so tests can fake them.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { htmlLang, localize, resolveLanguage, translate, type LanguagePreference, type UiLanguage } from '../shared/i18n/i18n';
import type { FeedStatus, UiState, UiToBackground } from '../shared/messaging/protocol';
import type { Settings } from '../shared/settings/settings';
import { formatDateTime } from '../shared/ui/feed-freshness';

type SettingsPatch = UiToBackground['settings-update']['request']['patch'];
type FeedResult = UiToBackground['feed-subscribe']['response'];

/** What the options page can ask the background to do. */
export interface OptionsActions {
  subscribe(url: string, publicKey: string): Promise<FeedResult>;
  unsubscribe(url: string): Promise<FeedResult>;
  checkNow(): Promise<{ feeds: FeedStatus[] }>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
}

interface Change {
  message: string;
  undo?: () => Promise<void>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The host of what the user typed (a host or a URL), lower case; null when it is not one. */
export function hostFromInput(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    const host = url.hostname.toLowerCase().replace(/\.$/, '');
    return /^[^.\s]+(\.[^.\s]+)+$/.test(host) ? host : null;
  } catch {
    return null;
  }
}

function Field({ name, children }: { name: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function FeedCard({
  feed,
  lang,
  canRemove,
  lockedHint,
  onRemove,
}: {
  feed: FeedStatus;
  lang: UiLanguage;
  canRemove: boolean;
  lockedHint: string | null;
  onRemove: (url: string) => void;
}) {
  const none = translate(lang, 'optNone');
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : none);
  const title = feed.url ?? translate(lang, 'optFeedEmbedded');
  return (
    <li class={`feed ${feed.state}`} data-source={feed.source} data-url={feed.url ?? ''}>
      <h3>{title}</h3>
      <dl>
        <Field name={translate(lang, 'optFeedSource')}>{translate(lang, `optFeedSource_${feed.source}`)}</Field>
        <Field name={translate(lang, 'optFeedState')}>
          <span class={`tag state-${feed.state}`}>{translate(lang, `optFeedState_${feed.state.replace('-', '_')}`)}</span>
        </Field>
        <Field name={translate(lang, 'optFeedKeys')}>{feed.keyIds.length ? feed.keyIds.join(', ') : none}</Field>
        <Field name={translate(lang, 'optFeedSequence')}>{feed.sequence ?? none}</Field>
        <Field name={translate(lang, 'optFeedIssued')}>{when(feed.issuedAt)}</Field>
        <Field name={translate(lang, 'optFeedExpires')}>{when(feed.expiresAt)}</Field>
        <Field name={translate(lang, 'optFeedLastCheck')}>{when(feed.lastCheckedAt)}</Field>
        <Field name={translate(lang, 'optFeedLastError')}>{feed.lastError ?? none}</Field>
      </dl>
      {feed.source === 'user' && feed.url && (
        <button
          type="button"
          class="remove-feed"
          aria-label={translate(lang, 'optFeedRemoveLabel', feed.url)}
          disabled={!canRemove}
          aria-describedby={lockedHint ?? undefined}
          onClick={() => feed.url && onRemove(feed.url)}
        >
          {translate(lang, 'optFeedRemove')}
        </button>
      )}
    </li>
  );
}

export interface OptionsViewProps {
  state: UiState;
  actions: OptionsActions;
  /** The browser's locale, to resolve "same as the browser". */
  browserLocale?: string;
}

/** The whole options page. */
export function OptionsView({ state, actions, browserLocale = navigator.language }: OptionsViewProps) {
  const [feeds, setFeeds] = useState(state.feeds);
  const [settings, setSettings] = useState(state.settings);
  const [change, setChange] = useState<Change | null>(null);
  const [feedMessage, setFeedMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedUrl, setFeedUrl] = useState('');
  const [feedKey, setFeedKey] = useState('');
  const [allowInput, setAllowInput] = useState('');
  const [allowError, setAllowError] = useState('');
  const undoButton = useRef<HTMLButtonElement>(null);
  const lang = resolveLanguage(settings.language, browserLocale);
  const policy = state.policy;
  const locked = new Set(policy.locked);
  const feedsLocked = locked.has('feeds') || !policy.allowUserFeeds;
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

  const save = async (patch: SettingsPatch, message: string, undoPatch?: SettingsPatch) => {
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

  const feedAction = async (run: () => Promise<FeedResult | { feeds: FeedStatus[] }>, ok: string, failKey: string) => {
    setBusy(true);
    setFeedMessage(null);
    try {
      const result = await run();
      setFeeds(result.feeds);
      const failed = 'ok' in result && !result.ok;
      // Subscribed, but the first download failed: say so (the updater tries again later).
      const warning = 'ok' in result && result.ok && result.error ? translate(lang, 'optFeedAddedWithError', result.error) : null;
      setFeedMessage(
        failed ? { text: translate(lang, failKey, result.error ?? ''), error: true } : { text: warning ?? ok, error: warning !== null },
      );
      return !failed;
    } catch (error) {
      setFeedMessage({ text: translate(lang, failKey, errorText(error)), error: true });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const onAddFeed = async (event: Event) => {
    event.preventDefault();
    const added = await feedAction(
      () => actions.subscribe(feedUrl.trim(), feedKey.trim()),
      translate(lang, 'optFeedAdded'),
      'optFeedAddFailed',
    );
    if (added) {
      setFeedUrl('');
      setFeedKey('');
    }
  };

  const onAddAllow = async (event: Event) => {
    event.preventDefault();
    const host = hostFromInput(allowInput);
    if (!host) {
      setAllowError(translate(lang, 'optAllowInvalid'));
      return;
    }
    setAllowError('');
    setAllowInput('');
    const before = settings.allowlist;
    await save({ allowlist: [...before.filter((h) => h !== host), host] }, translate(lang, 'optAddedHost', host), { allowlist: before });
  };

  const languageChoices: Array<[LanguagePreference, string]> = [
    ['browser', translate(lang, 'optLangBrowser')],
    ['en', translate(lang, 'optLangEn')],
    ['zh-Hant', translate(lang, 'optLangHant')],
    ['zh-Hans', translate(lang, 'optLangHans')],
  ];
  const dismissed = Object.entries(settings.dismissed);
  const policyNothing =
    policy.locked.length === 0 && policy.allowUserFeeds && policy.allowDismiss && policy.refreshIntervalMinutes === null;

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

      <section aria-labelledby="feeds-heading" class="feeds">
        <h2 id="feeds-heading">{translate(lang, 'optFeedsHeading')}</h2>
        {feedsLocked && (
          <p id="feeds-locked" class="notice none locked">
            <span aria-hidden="true">🔒 </span>
            {translate(lang, 'optFeedsLocked')}
          </p>
        )}
        <ul class="plain feed-list">
          {feeds.map((feed) => (
            <FeedCard
              key={`${feed.source}:${feed.url ?? ''}`}
              feed={feed}
              lang={lang}
              canRemove={!locked.has('feeds') && !busy}
              lockedHint={locked.has('feeds') ? 'feeds-locked' : null}
              onRemove={(url) => void feedAction(() => actions.unsubscribe(url), translate(lang, 'optFeedRemoved'), 'optFeedRemoveFailed')}
            />
          ))}
        </ul>
        <p>
          <button
            type="button"
            class="check-now"
            disabled={busy}
            onClick={() => void feedAction(() => actions.checkNow(), translate(lang, 'optFeedChecked'), 'uiError')}
          >
            {busy ? translate(lang, 'optFeedChecking') : translate(lang, 'optFeedCheckNow')}
          </button>
        </p>
        <div role="status" aria-live="polite" class="feed-message">
          {feedMessage && <p class={`notice ${feedMessage.error ? 'danger' : 'safe'}`}>{feedMessage.text}</p>}
        </div>
        <form class="add-feed" onSubmit={(e) => void onAddFeed(e)} aria-labelledby="add-feed-heading">
          <h3 id="add-feed-heading">{translate(lang, 'optFeedAddHeading')}</h3>
          <fieldset disabled={feedsLocked} aria-describedby={feedsLocked ? 'feeds-locked' : undefined}>
            <legend class="visually-hidden">{translate(lang, 'optFeedAddHeading')}</legend>
            <label for="feed-url">{translate(lang, 'optFeedAddUrl')}</label>
            <input id="feed-url" type="url" required value={feedUrl} onInput={(e) => setFeedUrl(e.currentTarget.value)} />
            <label for="feed-key">{translate(lang, 'optFeedAddKey')}</label>
            <textarea id="feed-key" rows={2} required value={feedKey} onInput={(e) => setFeedKey(e.currentTarget.value)} />
            <button type="submit" class="primary add-feed-submit" disabled={busy}>
              {translate(lang, 'optFeedAdd')}
            </button>
          </fieldset>
        </form>
      </section>

      <section aria-labelledby="dismissed-heading" class="dismissed">
        <h2 id="dismissed-heading">{translate(lang, 'optDismissedHeading')}</h2>
        <p class="muted">{translate(lang, 'optDismissedHint')}</p>
        {!policy.allowDismiss && <p class="notice none locked">{translate(lang, 'optDismissedLocked')}</p>}
        {dismissed.length === 0 ? (
          <p class="empty">{translate(lang, 'optEmpty')}</p>
        ) : (
          <ul class="plain rows">
            {dismissed.map(([host, agencies]) => (
              <li key={host} data-host={host}>
                <span class="host">{host}</span>
                <span class="muted">
                  {Object.entries(agencies)
                    .map(([id, at]) => `${agencyName(id)} (${formatDateTime(at, lang)})`)
                    .join(', ')}
                </span>
                <button
                  type="button"
                  aria-label={translate(lang, 'optDismissedRestoreLabel', host)}
                  disabled={locked.has('dismissed')}
                  onClick={() => {
                    const rest = { ...settings.dismissed };
                    delete rest[host];
                    void save({ dismissed: rest }, translate(lang, 'optRemovedHost', host), { dismissed: settings.dismissed });
                  }}
                >
                  {translate(lang, 'optDismissedRestore')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="allow-heading" class="allowlist">
        <h2 id="allow-heading">{translate(lang, 'optAllowHeading')}</h2>
        <p class="muted">{translate(lang, 'optAllowHint')}</p>
        {settings.allowlist.length === 0 ? (
          <p class="empty">{translate(lang, 'optEmpty')}</p>
        ) : (
          <ul class="plain rows">
            {settings.allowlist.map((host) => (
              <li key={host} data-host={host}>
                <span class="host">{host}</span>
                <button
                  type="button"
                  aria-label={translate(lang, 'optAllowRemoveLabel', host)}
                  disabled={locked.has('allowlist')}
                  onClick={() =>
                    void save({ allowlist: settings.allowlist.filter((h) => h !== host) }, translate(lang, 'optRemovedHost', host), {
                      allowlist: settings.allowlist,
                    })
                  }
                >
                  {translate(lang, 'optAllowRemove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form class="add-allow" onSubmit={(e) => void onAddAllow(e)}>
          <label for="allow-host">{translate(lang, 'optAllowAddLabel')}</label>
          <div class="inline">
            <input
              id="allow-host"
              type="text"
              inputMode="url"
              value={allowInput}
              disabled={locked.has('allowlist')}
              aria-invalid={allowError ? true : undefined}
              aria-describedby={allowError ? 'allow-error' : undefined}
              onInput={(e) => setAllowInput(e.currentTarget.value)}
            />
            <button type="submit" disabled={locked.has('allowlist')}>
              {translate(lang, 'optAllowAdd')}
            </button>
          </div>
          {allowError && (
            <p id="allow-error" class="error">
              {allowError}
            </p>
          )}
        </form>
      </section>

      <section aria-labelledby="lang-heading" class="language">
        <h2 id="lang-heading">{translate(lang, 'optLanguageHeading')}</h2>
        <fieldset disabled={locked.has('language')}>
          <legend class="visually-hidden">{translate(lang, 'optLanguageHeading')}</legend>
          {languageChoices.map(([value, label]) => (
            <label class="radio" key={value} lang={value === 'zh-Hant' ? 'zh-HK' : value === 'zh-Hans' ? 'zh-CN' : undefined}>
              <input
                type="radio"
                name="language"
                value={value}
                checked={settings.language === value}
                onChange={() => void save({ language: value }, translate(resolveLanguage(value, browserLocale), 'optLanguageSaved'))}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
      </section>

      <section aria-labelledby="policy-heading" class="policy">
        <h2 id="policy-heading">{translate(lang, 'optPolicyHeading')}</h2>
        {policyNothing ? (
          <p>{translate(lang, 'optPolicyNone')}</p>
        ) : (
          <ul class="plain">
            {policy.locked.map((name) => (
              <li key={name} class="locked">
                <span aria-hidden="true">🔒 </span>
                {translate(
                  lang,
                  'optPolicyLocked',
                  translate(lang, `optPolicyKey_${name}`) === `optPolicyKey_${name}` ? name : translate(lang, `optPolicyKey_${name}`),
                )}
              </li>
            ))}
            <li>
              {translate(lang, 'optPolicyUserFeeds')}: {translate(lang, policy.allowUserFeeds ? 'optAllowed' : 'optNotAllowed')}
            </li>
            <li>
              {translate(lang, 'optPolicyDismiss')}: {translate(lang, policy.allowDismiss ? 'optAllowed' : 'optNotAllowed')}
            </li>
            {policy.refreshIntervalMinutes !== null && (
              <li>{translate(lang, 'optPolicyRefresh', String(policy.refreshIntervalMinutes))}</li>
            )}
          </ul>
        )}
      </section>
    </main>
  );
}
