/**
 * Options: the feed subscriptions — each feed's status (publisher, what the trust model did
 * not take from it, expiry), remove, check now, and adding a feed by URL and public key:
 * first a preview of what it would add (agencies, official domains, contacts), then a
 * confirmation; a feed the background refuses is explained in plain words and nothing is
 * subscribed. Locked (with an explanation) when managed policy manages feeds.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { localize, translate, type UiLanguage } from '../shared/i18n/i18n';
import type { FeedChange, FeedPreview, FeedStatus } from '../shared/messaging/protocol';
import { formatDateTime } from '../shared/ui/feed-freshness';
import { errorText, type OptionsActions } from './options-actions';

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
      {feed.state === 'expired' && feed.expiresAt && (
        <p class="notice caution expired-note">{translate(lang, 'optFeedExpiredNote', formatDateTime(feed.expiresAt, lang))}</p>
      )}
      <dl>
        <Field name={translate(lang, 'optFeedSource')}>{translate(lang, `optFeedSource_${feed.source}`)}</Field>
        {feed.publisher && (
          <Field
            name={translate(lang, 'optFeedPublisher')}
          >{`${localize(feed.publisher, lang)}${feed.feedId ? ` (${feed.feedId})` : ''}`}</Field>
        )}
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
      {feed.conflicts && feed.conflicts.length > 0 && (
        <div class="conflicts">
          <p class="label">{translate(lang, 'optFeedConflicts')}</p>
          <ul>
            {feed.conflicts.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
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

/** What a feed would add, before the person confirms (or why it cannot be added). */
function PreviewPanel({
  preview,
  lang,
  busy,
  onConfirm,
  onCancel,
}: {
  preview: FeedPreview;
  lang: UiLanguage;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const agencies = preview.agencies ?? [];
  return (
    <section
      class={`feed-preview notice ${preview.ok ? 'info' : 'danger'}`}
      aria-labelledby="feed-preview-heading"
      data-ok={String(preview.ok)}
    >
      <h3 id="feed-preview-heading">
        {preview.ok ? translate(lang, 'optFeedPreviewHeading') : translate(lang, 'optFeedRefused', preview.error ?? '')}
      </h3>
      {preview.publisher && (
        <p class="preview-publisher">
          {translate(
            lang,
            'optFeedPreviewPublisher',
            localize(preview.publisher, lang),
            preview.feedId ?? '',
            String(preview.sequence ?? ''),
            preview.expiresAt ? formatDateTime(preview.expiresAt, lang) : '',
          )}
        </p>
      )}
      {preview.agencies && (
        <>
          <p>
            {agencies.length > 0
              ? translate(lang, 'optFeedPreviewAgencies', String(agencies.length))
              : translate(lang, 'optFeedPreviewNoAgencies')}
          </p>
          <ul class="preview-agencies">
            {agencies.map((a) => (
              <li key={a.id} data-agency={a.id}>
                <strong>{localize(a.names, lang)}</strong>
                <br />
                {translate(lang, 'optFeedPreviewDomains', a.officialDomains.join(', '))}
                <br />
                {translate(lang, 'optFeedPreviewContacts', a.hotline, a.email ?? translate(lang, 'optNone'), a.website)}
              </li>
            ))}
          </ul>
          <p>{translate(lang, 'optFeedPreviewScamEntries', String(preview.scamEntries ?? 0))}</p>
        </>
      )}
      {preview.conflicts && preview.conflicts.length > 0 && (
        <ul class="preview-conflicts">
          {preview.conflicts.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      {preview.ok && <p class="preview-warning">{translate(lang, 'optFeedPreviewWarning')}</p>}
      <p class="buttons">
        {preview.ok && (
          <button type="button" class="primary confirm-feed" disabled={busy} onClick={onConfirm}>
            {translate(lang, 'optFeedPreviewConfirm')}
          </button>
        )}{' '}
        <button type="button" class="cancel-feed" disabled={busy} onClick={onCancel}>
          {translate(lang, 'optFeedPreviewCancel')}
        </button>
      </p>
    </section>
  );
}

export interface FeedsSectionProps {
  initialFeeds: FeedStatus[];
  lang: UiLanguage;
  /** Managed policy manages the feeds: no adding or removing. */
  locked: boolean;
  actions: Pick<OptionsActions, 'preview' | 'subscribe' | 'unsubscribe' | 'checkNow'>;
  /** What the browser cannot block in advance (plain words). */
  notPreBlocked?: string[];
}

export function FeedsSection({ initialFeeds, lang, locked, actions, notPreBlocked = [] }: FeedsSectionProps) {
  const [feeds, setFeeds] = useState(initialFeeds);
  const [feedMessage, setFeedMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedUrl, setFeedUrl] = useState('');
  const [feedKey, setFeedKey] = useState('');
  const [preview, setPreview] = useState<FeedPreview | null>(null);

  const feedAction = async (run: () => Promise<FeedChange | { feeds: FeedStatus[] }>, ok: string, failKey: string) => {
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

  // Step 1: the preview (nothing is subscribed yet).
  const onAddFeed = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setFeedMessage(null);
    setPreview(null);
    try {
      setPreview(await actions.preview(feedUrl.trim(), feedKey.trim()));
    } catch (error) {
      setFeedMessage({ text: translate(lang, 'optFeedAddFailed', errorText(error)), error: true });
    } finally {
      setBusy(false);
    }
  };

  // Step 2: the person confirmed what the feed would add.
  const onConfirm = async () => {
    const added = await feedAction(
      () => actions.subscribe(feedUrl.trim(), feedKey.trim()),
      translate(lang, 'optFeedAdded'),
      'optFeedAddFailed',
    );
    setPreview(null);
    if (added) {
      setFeedUrl('');
      setFeedKey('');
    }
  };

  return (
    <section aria-labelledby="feeds-heading" class="feeds">
      <h2 id="feeds-heading">{translate(lang, 'optFeedsHeading')}</h2>
      {locked && (
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
            canRemove={!locked && !busy}
            lockedHint={locked ? 'feeds-locked' : null}
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
        <fieldset disabled={locked} aria-describedby={locked ? 'feeds-locked' : undefined}>
          <legend class="visually-hidden">{translate(lang, 'optFeedAddHeading')}</legend>
          <label for="feed-url">{translate(lang, 'optFeedAddUrl')}</label>
          <input id="feed-url" type="url" required value={feedUrl} onInput={(e) => setFeedUrl(e.currentTarget.value)} />
          <label for="feed-key">{translate(lang, 'optFeedAddKey')}</label>
          <textarea id="feed-key" rows={2} required value={feedKey} onInput={(e) => setFeedKey(e.currentTarget.value)} />
          <button type="submit" class="primary add-feed-submit" disabled={busy}>
            {busy && !preview ? translate(lang, 'optFeedPreviewing') : translate(lang, 'optFeedPreviewButton')}
          </button>
        </fieldset>
      </form>
      <div class="feed-preview-area" role="status" aria-live="polite">
        {preview && (
          <PreviewPanel preview={preview} lang={lang} busy={busy} onConfirm={() => void onConfirm()} onCancel={() => setPreview(null)} />
        )}
      </div>
      {notPreBlocked.length > 0 && (
        <div class="not-pre-blocked">
          <h3>{translate(lang, 'optRulesRefusedHeading')}</h3>
          <ul>
            {notPreBlocked.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
