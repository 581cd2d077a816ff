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
 * - How: `https:` only (loopback `http:` for development; `shared/feed/feed-url.ts`), also
 *   after redirects; `fetch` with `cache: 'no-store'`, no cookies, a 30 s timeout and
 *   `If-None-Match` with the stored ETag, so an unchanged feed costs a 304 with no body. A
 *   304 counts only when the stored copy still verifies with today's keys and has not
 *   expired; when it no longer verifies, the feed is downloaded again in full. The
 *   signature file is `URL.sig` and is fetched only when the feed body changed.
 * - Trust model: user feeds are checked against the reserved feed ids (the embedded feed's
 *   and the policy feeds') and the keys their feed id is bound to; the binding is stored
 *   with the feed (`feed-store.ts`).
 * - One check at a time: a second request waits for the one in flight.
 * - A rejected update never replaces the last good feed; its reason is stored for the
 *   options page (`FeedStatus.lastError`).
 * The only network requests the extension makes are these (`docs/product.md`, "Privacy promise").
 */
import browser from 'webextension-polyfill';
import {
  acceptFeedUpdate,
  MAX_FEED_BYTES,
  MAX_SIGNATURE_BYTES,
  reverifyStoredCopy,
  type AcceptedUpdate,
} from '../shared/feed/accept-update';
import { DEFAULT_FEED } from '../shared/feed/default-feed';
import type { Feed } from '../shared/feed/feed-schema';
import { asRejection, FeedRejection } from '../shared/feed/feed-rejection';
import { checkFeedUrl } from '../shared/feed/feed-url';
import type { SourcedFeed } from '../shared/feed/merge-feeds';
import { keyIdOf } from '../shared/feed/signature';
import { sendToTab } from '../platform/messenger';
import { clampRefreshMinutes, policyValue } from '../shared/settings/managed-policy';
import type { Settings } from '../shared/settings/settings';
import { activateFeeds } from './engine-state';
import { forgetPolicy, loadPolicy, loadPolicyFast, onPolicyCorrected, type ManagedPolicy } from './feed-policy';
import { emptyRecord, loadBindings, loadFeedStore, saveFeedStore, type FeedBindings, type FeedRecord, type FeedStore } from './feed-store';
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
  let response: Response;
  try {
    response = await fetch(url, {
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
  // A redirect may not leave https (response.url is the final address; '' in some fakes).
  if (response.url && checkFeedUrl(response.url).problem) {
    await response.body?.cancel().catch(() => undefined);
    throw new FeedRejection('insecure-url', `the feed address redirected to ${new URL(response.url).origin}, which is not https`);
  }
  return response;
}

/** A feed download: the body and its signature, or a 304 for the stored copy. */
export type Download = { status: 304 } | { status: 200; body: Uint8Array; signature: Uint8Array; etag: string | null };

/**
 * Downloads a feed and its signature (the signature only when the body changed).
 *
 * @param etag - the stored copy's ETag, sent as If-None-Match (omit to force a full download).
 * @throws FeedRejection `insecure-url`, `network-error`, `http-error`, `too-large`.
 */
export async function downloadFeed(url: string, etag: string | null = null): Promise<Download> {
  const checked = checkFeedUrl(url);
  if (checked.problem !== undefined) throw new FeedRejection('insecure-url', checked.problem);
  const response = await get(checked.url, etag ? { 'If-None-Match': etag } : {});
  if (response.status === 304 && etag) return { status: 304 };
  if (!response.ok) throw new FeedRejection('http-error', `the server answered HTTP ${response.status} for the feed`);
  const body = await readCapped(response, MAX_FEED_BYTES, 'feed');
  const sigResponse = await get(signatureUrl(checked.url), {});
  if (!sigResponse.ok && sigResponse.status !== 404) {
    throw new FeedRejection('http-error', `the server answered HTTP ${sigResponse.status} for the signature file`);
  }
  // A missing signature (404) is reported by acceptFeedUpdate after the body checks, so a
  // captive portal's HTML page is named as such rather than as a missing signature.
  const signature = sigResponse.ok ? await readCapped(sigResponse, MAX_SIGNATURE_BYTES, 'signature file') : new Uint8Array();
  return { status: 200, body, signature, etag: response.headers.get('etag') };
}

/** Feed ids a user feed may not use: the embedded feed's and every stored policy feed's. */
export function reservedIds(subs: readonly Subscription[], store: FeedStore): string[] {
  const ids = subs.filter((s) => s.source === 'policy').flatMap((s) => store[s.url]?.feed?.feed_id ?? []);
  return [DEFAULT_FEED.feed_id, ...ids];
}

/** What the trust model needs to judge a delivery for `sub`. */
export interface TrustContext {
  reservedIds: readonly string[];
  bindings: FeedBindings;
}

/** Binds a user feed's id to the keys that signed it (added to the keys it had). */
export async function bindFeedId(bindings: FeedBindings, sub: Subscription, accepted: AcceptedUpdate, now: string): Promise<FeedBindings> {
  if (sub.source !== 'user') return bindings;
  const ids = await Promise.all(sub.keys.map((k) => keyIdOf(k).catch(() => null)));
  const signers = sub.keys.filter((_, i) => ids[i] !== null && accepted.signedBy.includes(ids[i]!));
  const current = bindings[accepted.feed.feed_id];
  const keys = [...new Set([...(current?.keys ?? []), ...signers])];
  if (current && keys.length === current.keys.length) return bindings;
  return { ...bindings, [accepted.feed.feed_id]: { keys, url: current?.url ?? sub.url, since: current?.since ?? now } };
}

/** Checks one subscription and returns its new record and the bindings (never throws). */
async function checkOne(
  sub: Subscription,
  previous: FeedRecord,
  trust: TrustContext,
): Promise<{ record: FeedRecord; bindings: FeedBindings }> {
  const now = new Date();
  const record: FeedRecord = { ...previous, lastCheckedAt: now.toISOString() };
  let { bindings } = trust;
  try {
    const stored = previous.feed && previous.value !== null && previous.signature !== null ? previous : null;
    let download = await downloadFeed(sub.url, stored?.etag ?? null);
    if (download.status === 304 && stored) {
      try {
        await reverifyStoredCopy(stored.value, stored.signature!, sub.keys, now.getTime());
        return { record: { ...record, lastSuccessAt: now.toISOString(), lastError: null, lastErrorCode: null }, bindings };
      } catch (error) {
        const rejection = asRejection(error);
        if (rejection.code !== 'stored-copy-invalid') throw rejection;
        console.warn(`[feed-updater] ${sub.url}: ${rejection.message}; downloading it again`);
        download = await downloadFeed(sub.url, null);
      }
    }
    if (download.status !== 200) throw new FeedRejection('http-error', 'the server answered 304 without a stored copy');
    const accepted = await acceptFeedUpdate({
      body: download.body,
      signature: download.signature,
      trustedKeys: sub.keys,
      previous: previous.feed,
      floor: DEFAULT_FEED,
      source: sub.source,
      reservedIds: trust.reservedIds,
      bindings: Object.fromEntries(Object.entries(bindings).map(([id, b]) => [id, b.keys])),
      now: now.getTime(),
    });
    bindings = await bindFeedId(bindings, sub, accepted, now.toISOString());
    if (!accepted.unchanged) console.info(`[feed-updater] ${sub.url}: sequence ${accepted.feed.sequence} accepted (key ${accepted.keyId})`);
    return {
      record: {
        ...record,
        feed: accepted.feed,
        value: accepted.value,
        signature: new TextDecoder().decode(download.signature),
        etag: download.etag,
        keyId: accepted.keyId,
        lastSuccessAt: now.toISOString(),
        lastError: null,
        lastErrorCode: null,
      },
      bindings,
    };
  } catch (error) {
    const rejection = asRejection(error);
    console.warn(`[feed-updater] ${sub.url}: rejected (${rejection.code}): ${rejection.message}`);
    return { record: { ...record, lastError: rejection.message, lastErrorCode: rejection.code }, bindings };
  }
}

/** The stored feeds of `subs`, in their priority order, with their sources. */
export function feedsOf(subs: readonly Subscription[], store: FeedStore): SourcedFeed[] {
  return subs.flatMap((s) => {
    const feed = store[s.url]?.feed;
    return feed ? [{ feed, source: s.source, url: s.url }] : [];
  });
}

/** A fingerprint of the active feed set (expired feeds drop out), to tell whether tabs need to check again. */
function fingerprint(feeds: readonly SourcedFeed[], now: number): string {
  return feeds
    .map((f) => `${f.source}:${f.url}:${f.feed.feed_id}@${f.feed.sequence}${Date.parse(f.feed.expires_at) <= now ? ':expired' : ''}`)
    .join(',');
}

let activeFingerprint = '';

/** Activates the stored feeds; tells open tabs to check again when the set changed. */
async function activate(subs: readonly Subscription[], store: FeedStore, forceNotify = false): Promise<void> {
  const feeds = feedsOf(subs, store);
  const print = fingerprint(feeds, Date.now());
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
  const minutes = refreshMinutes(
    policy,
    feedsOf(subs, store).map((f) => f.feed),
  );
  const existing = await browser.alarms.get(FEED_ALARM);
  if (existing?.periodInMinutes !== minutes) browser.alarms.create(FEED_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}

async function runCheck(reason: string): Promise<FeedStore> {
  const [policy, settings, stored, storedBindings] = await Promise.all([loadPolicy(), loadSettings(), loadFeedStore(), loadBindings()]);
  const subs = subscriptions(policy, settings);
  const store: FeedStore = {};
  let bindings = storedBindings;
  // Policy feeds first (subscriptions() orders them so): their ids are reserved for the user feeds after them.
  for (const sub of subs) {
    const result = await checkOne(sub, stored[sub.url] ?? emptyRecord(sub.url), {
      reservedIds: reservedIds(subs, { ...stored, ...store }),
      bindings,
    });
    store[sub.url] = result.record;
    bindings = result.bindings;
  }
  await saveFeedStore(store, bindings);
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
  const minutes = refreshMinutes(
    policy,
    feedsOf(subs, store).map((f) => f.feed),
  );
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
      forgetPolicy();
      void checkFeeds('policy-changed');
    } else if (area === 'local' && changes.settings) {
      const before = JSON.stringify((changes.settings.oldValue as Partial<Settings> | undefined)?.feeds ?? []);
      const after = JSON.stringify((changes.settings.newValue as Partial<Settings> | undefined)?.feeds ?? []);
      if (before !== after) void checkFeeds('subscriptions-changed');
    }
  });
  // The policy changed while the browser was closed: the restore below used the last one.
  onPolicyCorrected(() => void checkFeeds('policy-changed'));
  const restored = (async () => {
    const [policy, settings, store] = await Promise.all([loadPolicyFast(), loadSettings(), loadFeedStore()]);
    const subs = subscriptions(policy, settings);
    const feeds = feedsOf(subs, store);
    activeFingerprint = fingerprint(feeds, Date.now());
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
