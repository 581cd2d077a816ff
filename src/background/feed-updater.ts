/**
 * Background feed updates: fetch → verify → validate → sequence and expiry → store →
 * activate → tell open tabs. The pure checks are `acceptFeedUpdate` in `src/shared/feed`;
 * this module does the network, storage, alarm and tab work around them.
 *
 * - When: on browser start-up and install, when the subscriptions change (user settings or
 *   managed policy), when the service worker starts and a feed is due, on the options page's
 *   "check now", and on the `feed-refresh` alarm every N minutes, where N is the policy's
 *   `refreshIntervalMinutes`, else the shortest `refresh_interval_minutes` of the feeds in use
 *   (default 360), bounded to 15…1440 minutes.
 * - How: `fetch` with `cache: 'no-store'`, no cookies, a 30 s timeout and `If-None-Match`
 *   with the stored ETag, so an unchanged feed costs a 304 with no body. The signature file
 *   is `URL.sig` and is fetched only when the feed body changed.
 * - One check at a time: a second request waits for the one in flight.
 * - A rejected update never replaces the last good feed; its reason is stored for the
 *   options page (`FeedStatus.lastError`).
 * The only network requests the extension makes are these (`docs/product.md`, "Privacy promise").
 */
import browser from 'webextension-polyfill';
import { acceptFeedUpdate, MAX_FEED_BYTES, MAX_SIGNATURE_BYTES } from '../shared/feed/accept-update';
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import type { Feed } from '../shared/feed/feed-schema';
import { FeedRejection } from '../shared/feed/feed-rejection';
import { sendToTab } from '../platform/messenger';
import { clampRefreshMinutes, policyValue } from '../shared/settings/managed-policy';
import type { Settings } from '../shared/settings/settings';
import { activateFeeds } from './engine-state';
import { loadPolicy, type ManagedPolicy } from './feed-policy';
import { emptyRecord, loadFeedStore, saveFeedStore, type FeedRecord, type FeedStore } from './feed-store';
import { loadSettings } from './settings-store';

/** Name of the periodic refresh alarm. */
export const FEED_ALARM = 'feed-refresh';
const DEFAULT_REFRESH_MINUTES = 360;
const FETCH_TIMEOUT_MS = 30_000;

/** One configured feed: where it comes from and which keys may sign it. */
export interface Subscription {
  url: string;
  source: 'user' | 'policy';
  keys: string[];
}

/**
 * The feeds to fetch, highest priority first: managed policy feeds (trusted keys from the
 * policy), then the user's own feeds unless the policy forbids them. A URL set by policy is
 * not repeated as a user feed.
 */
export function subscriptions(policy: ManagedPolicy, settings: Settings): Subscription[] {
  const subs: Subscription[] = policyValue(policy, 'feedUrls').map((url) => ({
    url,
    source: 'policy',
    keys: policyValue(policy, 'trustedKeys'),
  }));
  if (policyValue(policy, 'allowUserFeeds')) {
    for (const f of settings.feeds) {
      if (!subs.some((s) => s.url === f.url)) subs.push({ url: f.url, source: 'user', keys: f.publicKeys });
    }
  }
  return subs;
}

/** The refresh interval in minutes for these feeds and policy, bounded. */
export function refreshMinutes(policy: ManagedPolicy, feeds: readonly Feed[]): number {
  const wanted =
    policy.refreshIntervalMinutes ??
    (feeds.length > 0 ? Math.min(...feeds.map((f) => f.refresh_interval_minutes)) : DEFAULT_REFRESH_MINUTES);
  return clampRefreshMinutes(wanted);
}

/** URL of the detached signature: the feed URL with `.sig` appended to its path. */
export function signatureUrl(feedUrl: string): string {
  const u = new URL(feedUrl);
  u.pathname += '.sig';
  return u.toString();
}

/** Reads a response body, giving up as soon as it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new FeedRejection('too-large', `the ${what} is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FeedRejection('too-large', `the ${what} is over the ${maxBytes}-byte limit`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

async function get(url: string, headers: Record<string, string>): Promise<Response> {
  try {
    return await fetch(url, {
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'follow',
      headers,
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    throw new FeedRejection(
      'network-error',
      `could not reach ${new URL(url).host} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** Checks one subscription and returns its new record (never throws). */
async function checkOne(sub: Subscription, previous: FeedRecord): Promise<FeedRecord> {
  const now = new Date();
  const record: FeedRecord = { ...previous, lastCheckedAt: now.toISOString() };
  try {
    const headers: Record<string, string> = {};
    if (previous.feed && previous.etag) headers['If-None-Match'] = previous.etag;
    const response = await get(sub.url, headers);
    if (response.status === 304 && previous.feed) {
      return { ...record, lastSuccessAt: now.toISOString(), lastError: null, lastErrorCode: null };
    }
    if (!response.ok) throw new FeedRejection('http-error', `the server answered HTTP ${response.status} for the feed`);
    const body = await readCapped(response, MAX_FEED_BYTES, 'feed');
    const sigResponse = await get(signatureUrl(sub.url), {});
    if (!sigResponse.ok && sigResponse.status !== 404) {
      throw new FeedRejection('http-error', `the server answered HTTP ${sigResponse.status} for the signature file`);
    }
    // A missing signature (404) is reported by acceptFeedUpdate after the body checks, so a
    // captive portal's HTML page is named as such rather than as a missing signature.
    const signature = sigResponse.ok ? await readCapped(sigResponse, MAX_SIGNATURE_BYTES, 'signature file') : new Uint8Array();
    const accepted = await acceptFeedUpdate({
      body,
      signature,
      trustedKeys: sub.keys,
      previous: previous.feed,
      floor: DEFAULT_FEED,
      now: now.getTime(),
    });
    if (!accepted.unchanged) console.info(`[feed-updater] ${sub.url}: sequence ${accepted.feed.sequence} accepted (key ${accepted.keyId})`);
    return {
      ...record,
      feed: accepted.feed,
      etag: response.headers.get('etag'),
      keyId: accepted.keyId,
      lastSuccessAt: now.toISOString(),
      lastError: null,
      lastErrorCode: null,
    };
  } catch (error) {
    const rejection = error instanceof FeedRejection ? error : new FeedRejection('network-error', String(error));
    console.warn(`[feed-updater] ${sub.url}: rejected (${rejection.code}): ${rejection.message}`);
    return { ...record, lastError: rejection.message, lastErrorCode: rejection.code };
  }
}

/** The stored feeds of `subs`, in their priority order. */
function feedsOf(subs: readonly Subscription[], store: FeedStore): Feed[] {
  return subs.map((s) => store[s.url]?.feed).filter((f): f is Feed => !!f);
}

/** A fingerprint of the active feed set, to tell whether tabs need to check again. */
function fingerprint(feeds: readonly Feed[]): string {
  return feeds.map((f) => `${f.feed_id}@${f.sequence}`).join(',');
}

let activeFingerprint = '';

/** Activates the stored feeds; tells open tabs to check again when the set changed. */
async function activate(subs: readonly Subscription[], store: FeedStore, forceNotify = false): Promise<void> {
  const feeds = feedsOf(subs, store);
  const print = fingerprint(feeds);
  if (print === activeFingerprint && !forceNotify) return;
  activeFingerprint = print;
  activateFeeds(feeds);
  await notifyTabs();
}

/** Sends `verdicts-changed` to every tab; tabs without the content script ignore it. */
export async function notifyTabs(): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : sendToTab(t.id, 'verdicts-changed', {}))));
}

async function scheduleAlarm(policy: ManagedPolicy, subs: readonly Subscription[], store: FeedStore): Promise<void> {
  if (!browser.alarms) return;
  if (subs.length === 0) {
    await browser.alarms.clear(FEED_ALARM);
    return;
  }
  const minutes = refreshMinutes(policy, feedsOf(subs, store));
  const existing = await browser.alarms.get(FEED_ALARM);
  if (existing?.periodInMinutes !== minutes) browser.alarms.create(FEED_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}

async function runCheck(reason: string): Promise<FeedStore> {
  const [policy, settings, stored] = await Promise.all([loadPolicy(), loadSettings(), loadFeedStore()]);
  const subs = subscriptions(policy, settings);
  const store: FeedStore = {};
  for (const sub of subs) store[sub.url] = await checkOne(sub, stored[sub.url] ?? emptyRecord(sub.url));
  await saveFeedStore(store);
  await activate(subs, store);
  await scheduleAlarm(policy, subs, store);
  console.info(`[feed-updater] checked ${subs.length} feed(s) (${reason})`);
  return store;
}

let inFlight: Promise<unknown> = Promise.resolve();

/**
 * Checks every configured feed now. Runs after any check already in flight (never two at
 * once, so two updates cannot interleave their store and activate steps).
 *
 * @param reason - for the log (`startup`, `alarm`, `user`, …).
 * @returns the stored state after the check.
 */
export function checkFeeds(reason: string): Promise<FeedStore> {
  const run = inFlight.then(() => runCheck(reason));
  inFlight = run.catch((error: unknown) => console.error('[feed-updater] check failed', error));
  return run;
}

/** Removes the stored state of a feed no longer subscribed and re-activates the rest. */
export function forgetFeed(url: string): Promise<void> {
  const run = inFlight.then(async () => {
    const [policy, settings, store] = await Promise.all([loadPolicy(), loadSettings(), loadFeedStore()]);
    delete store[url];
    await saveFeedStore(store);
    const subs = subscriptions(policy, settings);
    await activate(subs, store);
    await scheduleAlarm(policy, subs, store);
  });
  inFlight = run.catch((error: unknown) => console.error('[feed-updater] forget failed', error));
  return run;
}

/** True when a subscription was never checked or its last check is older than the interval. */
function anyDue(policy: ManagedPolicy, subs: readonly Subscription[], store: FeedStore, now: number): boolean {
  const minutes = refreshMinutes(policy, feedsOf(subs, store));
  return subs.some((s) => {
    const checked = store[s.url]?.lastCheckedAt;
    return !checked || now - Date.parse(checked) >= minutes * 60_000;
  });
}

/**
 * Wires the updater into the service worker: registers the listeners synchronously (MV3
 * wakes the worker for them), restores the stored feeds, and checks when a feed is due.
 */
export function startFeedUpdates(): Promise<void> {
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === FEED_ALARM) void checkFeeds('alarm');
  });
  browser.runtime.onStartup?.addListener(() => void checkFeeds('startup'));
  browser.runtime.onInstalled?.addListener(() => void checkFeeds('installed'));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') {
      void checkFeeds('policy-changed');
    } else if (area === 'local' && changes.settings) {
      const before = JSON.stringify((changes.settings.oldValue as Partial<Settings> | undefined)?.feeds ?? []);
      const after = JSON.stringify((changes.settings.newValue as Partial<Settings> | undefined)?.feeds ?? []);
      if (before !== after) void checkFeeds('subscriptions-changed');
    }
  });
  const restored = (async () => {
    const [policy, settings, store] = await Promise.all([loadPolicy(), loadSettings(), loadFeedStore()]);
    const subs = subscriptions(policy, settings);
    const feeds = feedsOf(subs, store);
    activeFingerprint = fingerprint(feeds);
    if (feeds.length > 0) activateFeeds(feeds);
    return { policy, subs, store };
  })();
  void restored
    .then(async ({ policy, subs, store }) => {
      if (anyDue(policy, subs, store, Date.now())) await checkFeeds('due');
      else await scheduleAlarm(policy, subs, store);
    })
    .catch((error: unknown) => console.error('[feed-updater] start failed', error));
  return restored.then(
    () => undefined,
    () => undefined,
  );
}
