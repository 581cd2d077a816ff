/**
 * Options: the user allowlist (sites marked as false alarms), add and remove with undo.
 * Entries are hosts or registrable domains, never a public suffix (`allowlistEntry`, the
 * same rule the background applies). Locked, with its entries not counting, when managed
 * policy sets `allowDismiss: false` or `allowUserAllowlist: false`.
 */
import { useState } from 'preact/hooks';
import { allowlistEntry, classifyHost } from '../shared/feed/domain-rules';
import { translate, type UiLanguage } from '../shared/i18n/i18n';
import type { SaveSettings } from './options-actions';

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

export interface AllowlistSectionProps {
  allowlist: string[];
  lang: UiLanguage;
  /** Managed policy locks the allowlist. */
  locked: boolean;
  save: SaveSettings;
}

export function AllowlistSection({ allowlist, lang, locked, save }: AllowlistSectionProps) {
  const [input, setInput] = useState('');
  const [error, setError] = useState('');

  const onAdd = async (event: Event) => {
    event.preventDefault();
    const typed = hostFromInput(input);
    const host = typed ? allowlistEntry(typed).host : undefined;
    if (!typed || !host) {
      const written = typed ?? input.trim();
      const suffix = written !== '' && classifyHost(written).kind === 'public-suffix';
      setError(suffix ? translate(lang, 'optAllowPublicSuffix', written) : translate(lang, 'optAllowInvalid'));
      return;
    }
    setError('');
    setInput('');
    await save({ allowlist: [...allowlist.filter((h) => h !== host), host] }, translate(lang, 'optAddedHost', host), { allowlist });
  };

  return (
    <section aria-labelledby="allow-heading" class="allowlist">
      <h2 id="allow-heading">{translate(lang, 'optAllowHeading')}</h2>
      <p class="muted">{translate(lang, 'optAllowHint')}</p>
      {locked && (
        <p id="allow-locked" class="notice none locked">
          <span aria-hidden="true">🔒 </span>
          {translate(lang, 'optAllowLocked')}
        </p>
      )}
      {allowlist.length === 0 ? (
        <p class="empty">{translate(lang, 'optEmpty')}</p>
      ) : (
        <ul class="plain rows">
          {allowlist.map((host) => (
            <li key={host} data-host={host}>
              <span class="host">{host}</span>
              <button
                type="button"
                aria-label={translate(lang, 'optAllowRemoveLabel', host)}
                disabled={locked}
                onClick={() =>
                  void save({ allowlist: allowlist.filter((h) => h !== host) }, translate(lang, 'optRemovedHost', host), { allowlist })
                }
              >
                {translate(lang, 'optAllowRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="add-allow" onSubmit={(e) => void onAdd(e)}>
        <label for="allow-host">{translate(lang, 'optAllowAddLabel')}</label>
        <div class="inline">
          <input
            id="allow-host"
            type="text"
            inputMode="url"
            value={input}
            disabled={locked}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'allow-error' : undefined}
            onInput={(e) => setInput(e.currentTarget.value)}
          />
          <button type="submit" disabled={locked}>
            {translate(lang, 'optAllowAdd')}
          </button>
        </div>
        {error && (
          <p id="allow-error" class="error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
