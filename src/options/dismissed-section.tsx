/** Options: the sites where the user dismissed a warning, each of which can be shown again (with undo). */
import { translate, type UiLanguage } from '../shared/i18n/i18n';
import type { Settings } from '../shared/settings/settings';
import { formatDateTime } from '../shared/ui/feed-freshness';
import type { SaveSettings } from './options-actions';

export interface DismissedSectionProps {
  dismissed: Settings['dismissed'];
  lang: UiLanguage;
  /** Managed policy does not let users dismiss warnings. */
  dismissLocked: boolean;
  agencyName: (id: string) => string;
  save: SaveSettings;
}

export function DismissedSection({ dismissed, lang, dismissLocked, agencyName, save }: DismissedSectionProps) {
  const sites = Object.entries(dismissed);
  return (
    <section aria-labelledby="dismissed-heading" class="dismissed">
      <h2 id="dismissed-heading">{translate(lang, 'optDismissedHeading')}</h2>
      <p class="muted">{translate(lang, 'optDismissedHint')}</p>
      {dismissLocked && <p class="notice none locked">{translate(lang, 'optDismissedLocked')}</p>}
      {sites.length === 0 ? (
        <p class="empty">{translate(lang, 'optEmpty')}</p>
      ) : (
        <ul class="plain rows">
          {sites.map(([host, agencies]) => (
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
                onClick={() => {
                  const rest = { ...dismissed };
                  delete rest[host];
                  void save({ dismissed: rest }, translate(lang, 'optRemovedHost', host), { dismissed });
                }}
              >
                {translate(lang, 'optDismissedRestore')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
