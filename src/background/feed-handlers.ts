/**
 * Feed subscription messages from the options page: `feed-preview`, `feed-subscribe`,
 * `feed-unsubscribe`, `feed-check-now` (the dispatcher has checked the sender and the
 * payload). Policy wins: users cannot add feeds when the policy sets `allowUserFeeds: false`,
 * nor remove a feed the policy set.
 *
 * Adding a feed (trust model, `docs/feed-format.md`): the options page first asks for a
 * preview — the background downloads and checks the feed exactly as an update, without
 * storing it, and merges it with the feeds in use to see what it would add and what it
 * tries that the trust model refuses. The person confirms; `feed-subscribe` checks it all
 * again and refuses (nothing subscribed) a feed that is rejected or that tries to speak for
 * an agency the person already has.
 */
import type { Handlers } from './message-dispatcher';
import type { FeedPreview, PreviewAgency, RequestOf, ResponseOf } from '../shared/messaging/protocol';
import { acceptFeedUpdate, type AcceptedUpdate } from '../shared/feed/accept-update';
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import { asRejection } from '../shared/feed/feed-rejection';
import { checkFeedUrl } from '../shared/feed/feed-url';
import { mergeFeeds, type FeedConflict } from '../shared/feed/merge-feeds';
import { decodePublicKey } from '../shared/feed/signature';
import { feedStatuses } from './feed-status';
import { policyValue } from '../shared/settings/managed-policy';
import { getEngine } from './engine-state';
import { loadPolicy } from './feed-policy';
import { loadBindings, loadFeedStore } from './feed-store';
import { checkFeeds, downloadFeed, feedsOf, forgetFeed, reservedIds, subscriptions } from './feed-updater';
import { loadSettings, updateSettings } from './settings-store';

type Examined =
  | { ok: false; error: string; code: string; accepted?: AcceptedUpdate; conflicts?: FeedConflict[]; url?: string }
  | { ok: true; accepted: AcceptedUpdate; conflicts: []; url: string };

/** Downloads and checks a feed the person wants to add, and merges it with the feeds in use (nothing stored). */
async function examine(req: { url: string; publicKey: string }): Promise<Examined> {
  const [policy, settings, store, bindings] = await Promise.all([loadPolicy(), loadSettings(), loadFeedStore(), loadBindings()]);
  if (policyValue(policy, 'allowUserFeeds') === false) {
    return { ok: false, code: 'policy', error: 'Your organisation’s policy does not allow adding feeds.' };
  }
  const checked = checkFeedUrl(req.url);
  if (checked.url === undefined) return { ok: false, code: 'insecure-url', error: checked.problem };
  const url = checked.url;
  if (policyValue(policy, 'feedUrls').includes(url)) {
    return { ok: false, code: 'policy', error: 'This feed is already set by your organisation’s policy.' };
  }
  try {
    decodePublicKey(req.publicKey);
  } catch (error) {
    return { ok: false, code: 'weak-key', error: `The public key is not valid: ${(error as Error).message}` };
  }
  const subs = subscriptions(policy, settings).filter((s) => s.url !== url);
  let accepted: AcceptedUpdate;
  try {
    const download = await downloadFeed(url, null);
    if (download.status !== 200) throw new Error('unexpected 304');
    accepted = await acceptFeedUpdate({
      body: download.body,
      signature: download.signature,
      trustedKeys: [req.publicKey.trim()],
      previous: null,
      floor: DEFAULT_FEED,
      source: 'user',
      reservedIds: reservedIds(subs, store),
      bindings: Object.fromEntries(Object.entries(bindings).map(([id, b]) => [id, b.keys])),
      now: Date.now(),
    });
  } catch (error) {
    const rejection = asRejection(error);
    return { ok: false, code: rejection.code, error: rejection.message };
  }
  const others = feedsOf(subs, store).filter((f) => f.url !== url);
  const merged = mergeFeeds([...others, getEngineEmbedded(), { feed: accepted.feed, source: 'user', url }], { now: Date.now() });
  const conflicts = merged.conflicts.filter((c) => c.url === url && c.source === 'user');
  if (conflicts.length > 0) {
    return {
      ok: false,
      code: conflicts[0]!.reason,
      error: `it tries to speak for what you already have: ${conflicts.map((c) => c.message).join('; ')}`,
      accepted,
      conflicts,
      url,
    };
  }
  return { ok: true, accepted, conflicts: [], url };
}

function getEngineEmbedded() {
  return getEngine().sources.find((s) => s.source === 'embedded') ?? { feed: DEFAULT_FEED, source: 'embedded' as const, url: null };
}

function previewOf(examined: Examined): FeedPreview {
  const base: FeedPreview = examined.ok ? { ok: true } : { ok: false, error: examined.error, code: examined.code };
  const accepted = examined.accepted;
  if (!accepted) return base;
  const { feed } = accepted;
  const refused = new Set((examined.conflicts ?? []).map((c) => c.agency));
  const agencies: PreviewAgency[] = feed.agencies
    .filter((a) => !refused.has(a.id))
    .map((a) => ({
      id: a.id,
      names: a.names,
      officialDomains: a.official_domains,
      hotline: a.hotline,
      email: a.email ?? null,
      website: a.website,
      scamEntries: a.scam_entries.length,
    }));
  return {
    ...base,
    feedId: feed.feed_id,
    publisher: feed.publisher.name,
    sequence: feed.sequence,
    expiresAt: feed.expires_at,
    agencies,
    scamEntries: feed.agencies.reduce((n, a) => n + a.scam_entries.length, 0),
    conflicts: (examined.conflicts ?? []).map((c) => c.message),
  };
}

async function preview(req: RequestOf<'feed-preview'>): Promise<ResponseOf<'feed-preview'>> {
  const examined = await examine(req);
  if (!examined.ok) console.warn(`[feed-handlers] preview of ${req.url.slice(0, 200)} refused (${examined.code}): ${examined.error}`);
  return previewOf(examined);
}

async function subscribe(req: RequestOf<'feed-subscribe'>): Promise<ResponseOf<'feed-subscribe'>> {
  const examined = await examine(req);
  if (!examined.ok) {
    console.warn(`[feed-handlers] subscription to ${req.url.slice(0, 200)} refused (${examined.code}): ${examined.error}`);
    return { ok: false, error: examined.error, feeds: await feedStatuses() };
  }
  const { url } = examined;
  await updateSettings((s) => ({ ...s, feeds: [...s.feeds.filter((f) => f.url !== url), { url, publicKeys: [req.publicKey.trim()] }] }));
  await checkFeeds('subscribed');
  const feeds = await feedStatuses();
  const error = feeds.find((f) => f.url === url)?.lastError ?? undefined;
  // Subscribed either way; `error` says why the first fetch did not bring a feed.
  return error ? { ok: true, error, feeds } : { ok: true, feeds };
}

async function unsubscribe(req: RequestOf<'feed-unsubscribe'>): Promise<ResponseOf<'feed-unsubscribe'>> {
  const policy = await loadPolicy();
  if (policyValue(policy, 'feedUrls').includes(req.url)) {
    return { ok: false, error: 'This feed is set by your organisation’s policy.', feeds: await feedStatuses() };
  }
  const settings = await loadSettings();
  if (!settings.feeds.some((f) => f.url === req.url)) return { ok: false, error: 'No such feed.', feeds: await feedStatuses() };
  await updateSettings((s) => ({ ...s, feeds: s.feeds.filter((f) => f.url !== req.url) }));
  await forgetFeed(req.url);
  return { ok: true, feeds: await feedStatuses() };
}

async function checkNow(): Promise<ResponseOf<'feed-check-now'>> {
  await checkFeeds('user');
  return { feeds: await feedStatuses() };
}

export const feedHandlers = {
  'feed-preview': preview,
  'feed-subscribe': subscribe,
  'feed-unsubscribe': unsubscribe,
  'feed-check-now': checkNow,
} satisfies Handlers<'feed-preview' | 'feed-subscribe' | 'feed-unsubscribe' | 'feed-check-now'>;
