/**
 * Feed subscription messages from the options page: `feed-subscribe`, `feed-unsubscribe`,
 * `feed-check-now` (the dispatcher has checked the sender and the payload). Policy wins:
 * users cannot add feeds when the policy sets `allowUserFeeds: false`, nor remove a feed the
 * policy set.
 */
import type { Handlers } from './message-dispatcher';
import type { RequestOf, ResponseOf } from '../shared/messaging/protocol';
import { decodePublicKey } from '../shared/feed/signature';
import { feedStatuses } from './feed-status';
import { policyValue } from '../shared/settings/managed-policy';
import { loadPolicy } from './feed-policy';
import { checkFeeds, forgetFeed } from './feed-updater';
import { loadSettings, updateSettings } from './settings-store';

/** A feed URL as accepted from the user: http(s), no credentials, no fragment. */
function cleanFeedUrl(url: string): string | null {
  try {
    const u = new URL(url.trim());
    if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password) return null;
    u.hash = '';
    return u.toString();
  } catch {
    return null;
  }
}

async function subscribe(req: RequestOf<'feed-subscribe'>): Promise<ResponseOf<'feed-subscribe'>> {
  const policy = await loadPolicy();
  if (policyValue(policy, 'allowUserFeeds') === false) {
    return { ok: false, error: 'Your organisation’s policy does not allow adding feeds.', feeds: await feedStatuses() };
  }
  const url = cleanFeedUrl(req.url);
  if (!url) return { ok: false, error: 'The feed address must be an http or https URL.', feeds: await feedStatuses() };
  try {
    decodePublicKey(req.publicKey);
  } catch (error) {
    return { ok: false, error: `The public key is not valid: ${(error as Error).message}`, feeds: await feedStatuses() };
  }
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
  'feed-subscribe': subscribe,
  'feed-unsubscribe': unsubscribe,
  'feed-check-now': checkNow,
} satisfies Handlers<'feed-subscribe' | 'feed-unsubscribe' | 'feed-check-now'>;
