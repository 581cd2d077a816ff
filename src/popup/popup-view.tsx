/**
 * The popup: the current tab's verdict, a search box (focused on open) that finds agencies
 * by any name, domain, URL or email address, agency cards, the general helplines and the
 * feed's freshness. Pure view over a `UiState`; `main.tsx` fetches the state.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { htmlLang, translate, type UiLanguage } from '../shared/i18n/i18n';
import { createMatcher, type Matcher } from '../shared/match/matcher';
import type { Verdict } from '../shared/match/verdict';
import type { UiState } from '../shared/messaging/protocol';
import { searchAgencies, type AgencyHit } from '../shared/ui/agency-search';
import { bannerModel } from '../shared/ui/banner-model';
import { feedFreshness, formatDateTime } from '../shared/ui/feed-freshness';
import { AgencyCard, HelpContacts, safeHref, type CopyText } from './agency-card';
import type { Feed } from '../shared/feed/feed-schema';

/** The verdict for a page or a pasted address, in plain words. */
export function VerdictPanel({
  verdict,
  matcher,
  feed,
  lang,
  heading,
  headingId,
  noneText,
}: {
  /** Text when there is nothing to say (no verdict, or a verdict without severity). */
  noneText: string;
  verdict: Verdict | null;
  matcher: Matcher;
  feed: Feed;
  lang: UiLanguage;
  heading: string;
  headingId: string;
}) {
  const agency = verdict?.agency ? matcher.agency(verdict.agency) : undefined;
  const model = verdict ? bannerModel(verdict, agency, feed.help, lang) : null;
  const severity = model?.severity ?? 'none';
  return (
    <section
      class={`notice verdict ${severity}`}
      aria-labelledby={headingId}
      data-severity={severity}
      data-verdict={verdict?.verdict ?? ''}
    >
      <h2 id={headingId} class="verdict-heading">
        {heading}
      </h2>
      {model ? (
        <>
          <p class="verdict-title">
            <span class="tag">{translate(lang, `severity_${model.severity}`)}</span> <strong>{model.title}</strong>
          </p>
          {model.reasons.length > 0 && (
            <ul class="reasons">
              {model.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          {model.severity !== 'safe' && (
            <>
              <p class="promise">{model.promise}</p>
              <p class="todo">{model.whatToDo}</p>
              <ul class="actions">
                {model.actions.map((a) => (
                  <li key={a.href}>
                    <a href={safeHref(a.href)} target={a.href.startsWith('http') ? '_blank' : undefined} rel="noopener noreferrer">
                      {a.label}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <p class="verdict-none">{noneText}</p>
      )}
    </section>
  );
}

/** When the feed was issued and checked, with a warning when stale or expired. */
export function FreshnessNote({ state, lang, now }: { state: Pick<UiState, 'feed' | 'feeds'>; lang: UiLanguage; now: number }) {
  const f = feedFreshness(state.feed, state.feeds, now);
  return (
    <footer class="freshness" data-state={f.state}>
      {f.state === 'expired' && (
        <p class="notice danger" role="alert">
          {translate(lang, 'feedExpired', formatDateTime(f.expiresAt, lang))}
        </p>
      )}
      {f.state === 'stale' && (
        <p class="notice caution" role="status">
          {translate(lang, 'feedStale')}
        </p>
      )}
      <p class="muted">
        {translate(lang, 'feedIssued', formatDateTime(f.issuedAt, lang))}
        {' · '}
        {f.embeddedOnly
          ? translate(lang, 'feedBuiltIn')
          : f.lastCheckedAt
            ? translate(lang, 'feedChecked', formatDateTime(f.lastCheckedAt, lang))
            : translate(lang, 'feedNeverChecked')}
      </p>
    </footer>
  );
}

/** Writes to the clipboard with the asynchronous Clipboard API. */
export const clipboardCopy: CopyText = async (text) => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
};

export interface PopupViewProps {
  state: UiState;
  /** Clock for freshness and campaign status (ms since the epoch). */
  now?: number;
  copy?: CopyText;
  /** Link to the options page. */
  optionsHref?: string;
  onOpenOptions?: () => void;
  initialQuery?: string;
}

/** The whole popup. */
export function PopupView({
  state,
  now = Date.now(),
  copy = clipboardCopy,
  optionsHref,
  onOpenOptions,
  initialQuery = '',
}: PopupViewProps) {
  const lang = state.language;
  const matcher = useMemo(() => createMatcher(state.feed, { now: () => now }), [state.feed, now]);
  const [query, setQuery] = useState(initialQuery);
  const [selected, setSelected] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  // "Details" replaces itself with the full card: move the focus there, not to the body.
  // (Agency ids are [a-z0-9-] by the feed schema: safe in a selector.)
  useEffect(() => {
    if (selected) document.querySelector<HTMLElement>(`article[data-agency="${selected}"]`)?.focus();
  }, [selected]);
  const result = useMemo(() => searchAgencies(query, matcher), [query, matcher]);
  const hits: AgencyHit[] =
    result.kind === 'empty'
      ? [...matcher.agencies]
          .map((agency) => ({ agency, score: matcher.isCampaignActive(agency) ? 1 : 0 }))
          .sort((a, b) => b.score - a.score)
      : result.hits;
  const fullId = result.kind === 'empty' ? selected : (selected ?? hits[0]?.agency.id ?? null);
  const announce =
    result.kind === 'empty'
      ? ''
      : result.kind === 'names' && hits.length === 0
        ? translate(lang, 'popupNoResults', query.trim())
        : translate(lang, 'popupResultsCount', String(hits.length));

  return (
    <main class="popup" lang={htmlLang(lang)}>
      <h1 class="visually-hidden">{translate(lang, 'extName')}</h1>
      <VerdictPanel
        verdict={state.tabVerdict}
        matcher={matcher}
        feed={state.feed}
        lang={lang}
        heading={translate(lang, 'popupThisPage')}
        headingId="tab-verdict-heading"
        noneText={translate(
          lang,
          !state.tabVerdict
            ? 'popupTabUnknown'
            : state.tabVerdict.reasons.includes('user-allowlist')
              ? 'popupTabAllowlisted'
              : 'popupTabNone',
        )}
      />
      <div class="search" role="search">
        <label for="q">{translate(lang, 'popupSearchLabel')}</label>
        <input
          id="q"
          ref={input}
          type="search"
          value={query}
          autoComplete="off"
          spellcheck={false}
          placeholder={translate(lang, 'popupSearchPlaceholder')}
          aria-describedby="q-hint"
          onInput={(e) => {
            setQuery((e.currentTarget as HTMLInputElement).value);
            setSelected(null);
          }}
        />
        <p id="q-hint" class="muted hint">
          {translate(lang, 'popupSearchHint')}
        </p>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {result.kind === 'target' && (
        <VerdictPanel
          verdict={result.verdict}
          matcher={matcher}
          feed={state.feed}
          lang={lang}
          heading={translate(lang, 'popupTargetHeading', result.target.replace(/^mailto:/i, ''))}
          headingId="target-verdict-heading"
          noneText={translate(lang, 'popupTargetUnrelated')}
        />
      )}
      {result.kind === 'names' && hits.length === 0 && <p class="no-results">{translate(lang, 'popupNoResults', query.trim())}</p>}
      {hits.length > 0 && (
        <section class="results" aria-labelledby="results-heading">
          <h2 id="results-heading" class={result.kind === 'empty' ? '' : 'visually-hidden'}>
            {translate(lang, result.kind === 'empty' ? 'popupAllAgencies' : 'popupResultsCount', String(hits.length))}
          </h2>
          <ul class="plain">
            {hits.map(({ agency }) => (
              <li key={agency.id}>
                <AgencyCard
                  agency={agency}
                  lang={lang}
                  active={matcher.isCampaignActive(agency)}
                  copy={copy}
                  compact={agency.id !== fullId}
                  onDetails={() => setSelected(agency.id)}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
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
