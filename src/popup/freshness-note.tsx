/** The popup's footer: when the feed was issued and checked, with a warning when stale or expired. */
import { translate, type UiLanguage } from '../shared/i18n/i18n';
import type { UiState } from '../shared/messaging/protocol';
import { feedFreshness, formatDateTime } from '../shared/ui/feed-freshness';

export function FreshnessNote({ state, lang, now }: { state: Pick<UiState, 'feed' | 'feeds'>; lang: UiLanguage; now: number }) {
  const f = feedFreshness(state.feed, state.feeds, now);
  // Feeds past their expiry no longer count (trust model): say which.
  const expired = state.feeds.filter((s) => s.source !== 'embedded' && s.state === 'expired').map((s) => s.feedId ?? s.url ?? '');
  return (
    <footer class="freshness" data-state={f.state}>
      {f.state === 'expired' && (
        <p class="notice danger" role="alert">
          {translate(lang, 'feedExpired', formatDateTime(f.expiresAt, lang))}
        </p>
      )}
      {expired.length > 0 && (
        <p class="notice caution expired-feeds" role="status">
          {translate(lang, 'feedSomeExpired', expired.join(', '))}
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
