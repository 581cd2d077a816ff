/**
 * The feed updater in Node with a fake `browser` (in-memory storage, alarms, tabs) and a
 * fake `fetch` serving signed feeds: ETag, store, activate, notify, keep last good, one
 * check at a time, policy over user settings.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signatureFile, signFeedValue, type PrivateKeyFile } from '../shared/feed/signature';
import { feedValue, generateKeyPair, isoDays } from '../shared/feed/testing/feed-fixtures';

const local = new Map<string, unknown>();
let managed: Record<string, unknown> = {};
const storageListeners: Array<(changes: object, area: string) => void> = [];
/** Sets the managed policy as an admin would: managed storage changes and says so. */
function setManaged(policy: Record<string, unknown>): void {
  managed = policy;
  for (const listener of storageListeners) listener({}, 'managed');
}
const sentToTabs: number[] = [];
const alarms = new Map<string, { periodInMinutes?: number }>();

vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      local: {
        get: async (key: string) => (local.has(key) ? { [key]: structuredClone(local.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => Object.entries(items).forEach(([k, v]) => local.set(k, structuredClone(v))),
      },
      managed: { get: async () => managed },
      onChanged: { addListener: (l: (changes: object, area: string) => void) => void storageListeners.push(l) },
    },
    alarms: {
      get: async (name: string) => alarms.get(name),
      create: (name: string, info: { periodInMinutes?: number }) => void alarms.set(name, info),
      clear: async (name: string) => alarms.delete(name),
      onAlarm: { addListener: () => undefined },
    },
    tabs: {
      query: async () => [{ id: 7 }, { id: 8 }],
      sendMessage: async (id: number) => void sentToTabs.push(id),
      onRemoved: { addListener: () => undefined },
    },
    runtime: { id: 'test', getURL: (p: string) => `chrome-extension://test/${p}` },
  },
}));

const { checkFeeds, refreshMinutes, signatureUrl, subscriptions } = await import('./feed-updater');
const { getEngine } = await import('./engine-state');
const { feedState } = await import('./feed-status');

const URL_A = 'https://feeds.example.org/a.json';
let key: PrivateKeyFile;
/** What the fake host serves: body text and signature text per URL. */
const served = new Map<string, { body: string; etag: string; type?: string }>();
let active = 0;
let maxActive = 0;
const requests: Array<{ url: string; ifNoneMatch: string | null }> = [];

async function publish(url: string, value: Record<string, unknown>, signer = key): Promise<void> {
  const body = JSON.stringify(value);
  served.set(url, { body, etag: `"${value.sequence}-${body.length}"` });
  served.set(signatureUrl(url), { body: JSON.stringify(signatureFile([await signFeedValue(value, signer)])), etag: '"sig"' });
}

function withAgency(sequence: number, id: string, domain: string): Record<string, unknown> {
  const v = feedValue({ feed_id: 'example-cert', sequence });
  const base = structuredClone((v.agencies as Array<Record<string, unknown>>)[0]!);
  v.agencies = [{ ...base, id, official_domains: [domain], brand_tokens: undefined, scam_entries: [] }];
  v.help = [];
  return v;
}

beforeAll(async () => {
  key = await generateKeyPair();
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    active++;
    maxActive = Math.max(maxActive, active);
    try {
      await new Promise((r) => setTimeout(r, 5));
      const ifNoneMatch = (init.headers as Record<string, string>)['If-None-Match'] ?? null;
      requests.push({ url, ifNoneMatch });
      const entry = served.get(url);
      if (!entry) return new Response('missing', { status: 404 });
      if (ifNoneMatch === entry.etag) return new Response(null, { status: 304, headers: { etag: entry.etag } });
      return new Response(entry.body, { status: 200, headers: { etag: entry.etag, 'content-type': entry.type ?? 'application/json' } });
    } finally {
      active--;
    }
  });
});

beforeEach(() => {
  local.clear();
  setManaged({});
  served.clear();
  requests.length = 0;
  sentToTabs.length = 0;
  alarms.clear();
});

describe('pure helpers', () => {
  it('lists policy feeds first and drops user feeds when the policy forbids them', () => {
    const settings = {
      version: 1,
      language: 'browser',
      dismissed: {},
      allowlist: [],
      feeds: [
        { url: 'u1', publicKeys: ['k'] },
        { url: 'p1', publicKeys: ['x'] },
      ],
    } as const;
    const policy = { feedUrls: ['p1'], trustedKeys: ['pk'] };
    expect(subscriptions(policy, structuredClone(settings) as never)).toEqual([
      { url: 'p1', source: 'policy', keys: ['pk'] },
      { url: 'u1', source: 'user', keys: ['k'] },
    ]);
    expect(subscriptions({ ...policy, allowUserFeeds: false }, structuredClone(settings) as never).map((s) => s.url)).toEqual(['p1']);
  });

  it('bounds the refresh interval to 15…1440 minutes, policy first', () => {
    expect(refreshMinutes({}, [])).toBe(360);
    expect(refreshMinutes({ refreshIntervalMinutes: 1 }, [])).toBe(15);
    expect(refreshMinutes({ refreshIntervalMinutes: 99999 }, [])).toBe(1440);
    expect(signatureUrl('https://h.example/feeds/a.json?v=1')).toBe('https://h.example/feeds/a.json.sig?v=1');
  });

  it('computes fresh, stale, expired and never-fetched', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    const feed = { expires_at: '2026-07-01T00:00:00Z' } as never;
    expect(feedState(null, null, 60, now)).toBe('never-fetched');
    expect(feedState(feed, '2026-05-31T23:00:00Z', 60, now)).toBe('fresh');
    expect(feedState(feed, '2026-05-31T21:00:00Z', 60, now)).toBe('stale');
    expect(feedState({ expires_at: '2026-05-01T00:00:00Z' } as never, '2026-05-31T23:00:00Z', 60, now)).toBe('expired');
  });
});

describe('checkFeeds', () => {
  it('fetches, verifies, stores and activates a policy feed, tells tabs, then uses 304', async () => {
    setManaged({ feedUrls: [URL_A], trustedKeys: [key.public_key], refreshIntervalMinutes: 30 });
    await publish(URL_A, withAgency(1, 'alpha', 'alpha.gov.hk'));
    const store = await checkFeeds('test');
    expect(store[URL_A]).toMatchObject({ lastError: null, etag: '"1-' + served.get(URL_A)!.body.length + '"' });
    expect(getEngine().feed.agencies.map((a) => a.id)).toContain('alpha');
    expect(sentToTabs).toEqual([7, 8]);
    expect(alarms.get('feed-refresh')).toMatchObject({ periodInMinutes: 30 });
    requests.length = 0;
    sentToTabs.length = 0;
    await checkFeeds('again');
    expect(requests).toEqual([{ url: URL_A, ifNoneMatch: served.get(URL_A)!.etag }]);
    expect(sentToTabs).toEqual([]);
  });

  it('keeps the last good feed and records the reason when an update is bad', async () => {
    setManaged({ feedUrls: [URL_A], trustedKeys: [key.public_key] });
    await publish(URL_A, withAgency(2, 'alpha', 'alpha.gov.hk'));
    await checkFeeds('good');
    const other = await generateKeyPair();
    await publish(URL_A, withAgency(3, 'beta', 'beta.gov.hk'), other);
    const store = await checkFeeds('bad');
    expect(store[URL_A]).toMatchObject({ lastErrorCode: 'untrusted-key', feed: expect.objectContaining({ sequence: 2 }) });
    expect(getEngine().feed.agencies.map((a) => a.id)).toContain('alpha');
    expect(getEngine().feed.agencies.map((a) => a.id)).not.toContain('beta');
    served.set(URL_A, { body: '<html>portal</html>', etag: '"portal"', type: 'text/html' });
    expect((await checkFeeds('portal'))[URL_A]).toMatchObject({ lastErrorCode: 'not-json' });
    served.delete(URL_A);
    expect((await checkFeeds('gone'))[URL_A]).toMatchObject({
      lastErrorCode: 'http-error',
      feed: expect.objectContaining({ sequence: 2 }),
    });
  });

  it('runs one check at a time: a second waits for the one in flight', async () => {
    setManaged({ feedUrls: [URL_A], trustedKeys: [key.public_key] });
    await publish(URL_A, withAgency(1, 'alpha', 'alpha.gov.hk'));
    maxActive = 0;
    await Promise.all([checkFeeds('one'), checkFeeds('two'), checkFeeds('three')]);
    expect(maxActive).toBe(1);
    expect(requests.filter((r) => r.url === URL_A && r.ifNoneMatch === null)).toHaveLength(1);
  });

  it('ignores user feeds when the policy forbids them', async () => {
    local.set('settings', { feeds: [{ url: URL_A, publicKeys: [key.public_key] }] });
    setManaged({ allowUserFeeds: false });
    await publish(URL_A, withAgency(1, 'alpha', 'alpha.gov.hk'));
    expect(await checkFeeds('policy')).toEqual({});
    expect(requests).toEqual([]);
    expect(alarms.has('feed-refresh')).toBe(false);
  });
});

describe('checkFeeds: trust model and freshness (issue 12)', () => {
  const URL_B = 'https://other.example.net/b.json';

  it('a 304 counts only for a stored copy that still verifies: after a key change the feed is downloaded again', async () => {
    setManaged({ feedUrls: [URL_A], trustedKeys: [key.public_key] });
    await publish(URL_A, withAgency(1, 'alpha', 'alpha.gov.hk'));
    await checkFeeds('first');
    const rotated = await generateKeyPair();
    setManaged({ feedUrls: [URL_A], trustedKeys: [rotated.public_key] });
    requests.length = 0;
    const store = await checkFeeds('keys changed');
    // If-None-Match first (304), then a full download, which the new key does not verify.
    expect(requests.map((r) => [r.url, r.ifNoneMatch !== null])).toEqual([
      [URL_A, true],
      [URL_A, false],
      [signatureUrl(URL_A), false],
    ]);
    expect(store[URL_A]).toMatchObject({ lastErrorCode: 'untrusted-key' });
  });

  it('a 304 does not make an expired stored feed fresh, and the expired feed stops counting', async () => {
    setManaged({ feedUrls: [URL_A], trustedKeys: [key.public_key] });
    const soon = { ...withAgency(1, 'alpha', 'alpha.gov.hk'), issued_at: isoDays(-1), expires_at: isoDays(0.0001) };
    await publish(URL_A, soon);
    await checkFeeds('first');
    expect(getEngine().feed.agencies.map((a) => a.id)).toContain('alpha');
    await new Promise((r) => setTimeout(r, 20));
    vi.setSystemTime(Date.now() + 60_000);
    try {
      const store = await checkFeeds('after expiry');
      expect(store[URL_A]).toMatchObject({ lastErrorCode: 'expired' });
      expect(getEngine().feed.agencies.map((a) => a.id)).not.toContain('alpha');
      expect(getEngine().merge.expired).toEqual([expect.objectContaining({ url: URL_A })]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses http feed URLs (https only) without fetching them', async () => {
    local.set('settings', { feeds: [{ url: 'http://feeds.example.org/a.json', publicKeys: [key.public_key] }] });
    const store = await checkFeeds('http');
    expect(store['http://feeds.example.org/a.json']).toMatchObject({ lastErrorCode: 'insecure-url' });
    expect(requests).toEqual([]);
  });

  it('a user feed cannot take the policy feed’s id, nor an id bound to other keys', async () => {
    const impostor = await generateKeyPair();
    setManaged({ feedUrls: [URL_A], trustedKeys: [key.public_key] });
    local.set('settings', { feeds: [{ url: URL_B, publicKeys: [impostor.public_key] }] });
    await publish(URL_A, withAgency(1, 'alpha', 'alpha.gov.hk'));
    // Same feed id (example-cert), higher sequence, another hotline.
    await publish(
      URL_B,
      {
        ...withAgency(50, 'alpha', 'alpha.gov.hk'),
        agencies: [{ ...(withAgency(50, 'alpha', 'alpha.gov.hk').agencies as object[])[0], hotline: '6666 6666' }],
      },
      impostor,
    );
    const store = await checkFeeds('both');
    expect(store[URL_B]).toMatchObject({ lastErrorCode: 'reserved-feed-id', feed: null });
    expect(getEngine().feed.agencies.find((a) => a.id === 'alpha')!.hotline).not.toBe('6666 6666');

    // Binding: a user feed id first delivered under one key cannot come back under another.
    setManaged({});
    const URL_C = 'https://third.example.com/c.json';
    local.set('settings', { feeds: [{ url: URL_B, publicKeys: [key.public_key] }] });
    await publish(URL_B, withAgency(1, 'gamma', 'gamma.example.org'));
    expect((await checkFeeds('bind'))[URL_B]).toMatchObject({ lastError: null });
    expect((local.get('feedBindings') as Record<string, { keys: string[] }>)['example-cert']!.keys).toEqual([key.public_key]);
    local.set('settings', {
      feeds: [
        { url: URL_B, publicKeys: [key.public_key] },
        { url: URL_C, publicKeys: [impostor.public_key] },
      ],
    });
    await publish(URL_C, withAgency(2, 'gamma', 'gamma.example.org'), impostor);
    expect((await checkFeeds('impostor'))[URL_C]).toMatchObject({ lastErrorCode: 'feed-id-bound' });
  });
});
