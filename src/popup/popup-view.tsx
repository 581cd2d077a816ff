/**
 * The popup: the current tab's verdict, the agency search with the genuine contacts, the
 * message check, the general helplines and the feed's freshness. One section per file; this shell builds the
 * matcher from the active feed and lays the sections out. Pure view over a `UiState`;
 * `main.tsx` fetches the state.
 */
import { useMemo } from 'preact/hooks';
import { htmlLang, translate } from '../shared/i18n/i18n';
import { createRankedMatcher } from '../shared/feed/ranked-matcher';
import { lazyMatcher } from '../shared/match/lazy-matcher';
import type { UiState } from '../shared/messaging/protocol';
import { HelpContacts, type CopyText } from './agency-card';
import { AgencySearchSection } from './agency-search-section';
import { clipboardCopy } from './clipboard-copy';
import { FreshnessNote } from './freshness-note';
import { MessageCheckSection } from './message-check-section';
import { VerdictPanel } from './verdict-panel';

export { FreshnessNote } from './freshness-note';
export { VerdictPanel } from './verdict-panel';

export interface PopupViewProps {
  state: UiState;
  /** Clock for freshness and campaign status (ms since the epoch). */
  now?: number;
  copy?: CopyText;
  /** Link to the options page. */
  optionsHref?: string;
  onOpenOptions?: () => void;
  initialQuery?: string;
  /** A message already in the "Check a message" box (tests, the demo). */
  initialMessage?: string;
  /** The extension's version, for reports. */
  extensionVersion?: string;
}

/** The whole popup. */
export function PopupView({
  state,
  now = Date.now(),
  copy = clipboardCopy,
  optionsHref,
  onOpenOptions,
  initialQuery = '',
  initialMessage = '',
  extensionVersion = '',
}: PopupViewProps) {
  const lang = state.language;
  // The trust model's ranking, as in the background: a user feed's agency never outranks a higher one.
  const provenance = state.provenance ?? {};
  const matcher = useMemo(() => {
    const lower = new Set(Object.entries(provenance).flatMap(([id, p]) => (p.source === 'user' ? [id] : [])));
    // Built on first need (a URL or a message to check): a name search shows hotlines at once.
    return lazyMatcher(state.feed, () => createRankedMatcher(state.feed, lower, { now: () => now }), { now: () => now });
  }, [state.feed, provenance, now]);
  const tab = state.tabVerdict;
  return (
    <main class="popup" lang={htmlLang(lang)}>
      <h1 class="visually-hidden">{translate(lang, 'extName')}</h1>
      <VerdictPanel
        verdict={tab}
        matcher={matcher}
        feed={state.feed}
        lang={lang}
        provenance={provenance}
        heading={translate(lang, 'popupThisPage')}
        headingId="tab-verdict-heading"
        noneText={translate(
          lang,
          !tab ? 'popupTabUnknown' : tab.reasons.includes('user-allowlist') ? 'popupTabAllowlisted' : 'popupTabNone',
        )}
      />
      <AgencySearchSection
        matcher={matcher}
        feed={state.feed}
        lang={lang}
        copy={copy}
        initialQuery={initialQuery}
        provenance={provenance}
      />
      <MessageCheckSection
        matcher={matcher}
        feed={state.feed}
        lang={lang}
        copy={copy}
        reportAddress={state.policy.reportAddress ?? state.feed.report_address ?? null}
        extensionVersion={extensionVersion}
        initialMessage={initialMessage}
      />
      <HelpContacts help={state.feed.help} lang={lang} copy={copy} />
      <FreshnessNote state={state} lang={lang} now={now} />
      {optionsHref && (
        <p class="options-link">
          <a
            href={optionsHref}
            target="_blank"
            rel="noopener"
            onClick={(e) => {
              if (onOpenOptions) {
                e.preventDefault();
                onOpenOptions();
              }
            }}
          >
            {translate(lang, 'popupOpenOptions')}
          </a>
        </p>
      )}
    </main>
  );
}
