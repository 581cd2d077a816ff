/**
 * The popup's search: a box (focused on open) that finds agencies by any name, domain, URL
 * or email address; a pasted address gets its verdict; results are agency cards with the
 * genuine contacts (the first result in full, the others compact with "Details").
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Feed } from '../shared/feed/feed-schema';
import { translate, type UiLanguage } from '../shared/i18n/i18n';
import type { Matcher } from '../shared/match/matcher';
import { searchAgencies, type AgencyHit } from '../shared/ui/agency-search';
import type { Provenance } from '../shared/feed/trust-model';
import { provenanceText } from '../shared/ui/banner-model';
import { AgencyCard, type CopyText } from './agency-card';
import { VerdictPanel } from './verdict-panel';

export interface AgencySearchSectionProps {
  matcher: Matcher;
  feed: Feed;
  lang: UiLanguage;
  copy: CopyText;
  initialQuery?: string;
  /** Where each agency comes from (trust model); agencies from user feeds say so. */
  provenance?: Record<string, Provenance>;
}

export function AgencySearchSection({ matcher, feed, lang, copy, initialQuery = '', provenance = {} }: AgencySearchSectionProps) {
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
    <>
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
          feed={feed}
          lang={lang}
          provenance={provenance}
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
                  provenance={provenanceText(provenance[agency.id], lang)}
                  onDetails={() => setSelected(agency.id)}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
