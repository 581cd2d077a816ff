/** The dispatcher: one place that checks the sender and the payload before any handler runs. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (message: unknown, sender: unknown) => Promise<unknown> | undefined;
let listener: Listener | undefined;

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      id: 'ext',
      getURL: (p: string) => `chrome-extension://ext/${p}`,
      onMessage: { addListener: (l: Listener) => (listener = l) },
    },
  },
}));

const { handleMessages, refusal } = await import('./message-dispatcher');

const calls: string[] = [];
const handlers = Object.fromEntries(
  [
    'page-check',
    'links-check',
    'text-check',
    'banner-dismissed',
    'ui-inject',
    'banner-fought',
    'ui-state',
    'settings-update',
    'feed-subscribe',
    'feed-unsubscribe',
    'feed-check-now',
    'interstitial-info',
    'interstitial-continue',
  ].map((name) => [name, (payload: unknown) => (calls.push(name), { handled: name, payload })]),
) as unknown as Parameters<typeof handleMessages>[0];

const CONTENT = { id: 'ext', url: 'https://mail.example/', tab: { id: 1 } };
const OPTIONS = { id: 'ext', url: 'chrome-extension://ext/src/options/index.html' };
const INTERSTITIAL = { id: 'ext', url: 'chrome-extension://ext/src/interstitial/index.html#https://x.example/', tab: { id: 2 } };

describe('handleMessages', () => {
  beforeEach(() => {
    calls.length = 0;
    handleMessages(handlers);
  });

  it('runs the handler for an allowed sender with a valid payload', async () => {
    await expect(listener!({ type: 'page-check', payload: { url: 'https://a.example/' } }, CONTENT)).resolves.toEqual({
      handled: 'page-check',
      payload: { url: 'https://a.example/' },
    });
    await expect(listener!({ type: 'ui-state', payload: {} }, OPTIONS)).resolves.toMatchObject({ handled: 'ui-state' });
    await expect(listener!({ type: 'interstitial-info', payload: { url: 'https://x.example/' } }, INTERSTITIAL)).resolves.toMatchObject({
      handled: 'interstitial-info',
    });
  });

  it('refuses a content script asking for settings, feeds or the interstitial allowance', async () => {
    for (const [type, payload] of [
      ['ui-state', {}],
      ['settings-update', { patch: { allowlist: ['scam.example'] } }],
      ['feed-subscribe', { url: 'https://evil.example/feed.json', publicKey: 'x' }],
      ['interstitial-continue', { url: 'https://scam.example/' }],
    ] as const) {
      await expect(listener!({ type, payload }, CONTENT)).rejects.toThrow(/not for content senders/);
    }
    expect(calls).toEqual([]);
  });

  it('refuses the interstitial (which pages can frame) anything but its own messages', async () => {
    await expect(listener!({ type: 'settings-update', payload: { patch: {} } }, INTERSTITIAL)).rejects.toThrow(/not for interstitial/);
    expect(calls).toEqual([]);
  });

  it('refuses foreign senders, unknown types and invalid payloads', async () => {
    await expect(listener!({ type: 'page-check', payload: { url: 'https://a/' } }, { id: 'other', url: 'https://a/' })).rejects.toThrow(
      /foreign sender/,
    );
    await expect(listener!({ type: '__proto__', payload: {} }, CONTENT)).rejects.toThrow(/unknown message/);
    await expect(listener!('not an envelope', CONTENT)).rejects.toThrow(/unknown message/);
    await expect(listener!({ type: 'links-check', payload: { pageUrl: 'https://a/', links: 'all' } }, CONTENT)).rejects.toThrow(
      /invalid links-check request/,
    );
    expect(calls).toEqual([]);
  });

  it('holds messages until ready, except those it is told to answer at once', async () => {
    let ready!: () => void;
    handleMessages(handlers, { ready: new Promise<void>((resolve) => (ready = resolve)), immediate: ['interstitial-info'] });
    const held = listener!({ type: 'page-check', payload: { url: 'https://a.example/' } }, CONTENT);
    await expect(listener!({ type: 'interstitial-info', payload: { url: 'https://x.example/' } }, INTERSTITIAL)).resolves.toMatchObject({
      handled: 'interstitial-info',
    });
    expect(calls).toEqual(['interstitial-info']);
    ready();
    await expect(held).resolves.toMatchObject({ handled: 'page-check' });
  });

  it('explains refusals in words', () => {
    expect(refusal('page-check', 'content')).toBeNull();
    expect(refusal('toString', 'content')).toMatch(/unknown message/);
    expect(refusal('ui-state', null)).toMatch(/foreign sender/);
  });
});
