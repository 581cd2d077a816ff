/**
 * The navigation judge with a mocked extension API: what it stops, what it lets through,
 * and how each browser's path (Firefox blocking webRequest, Chromium webNavigation) acts.
 * The real browsers are in test/e2e (navigation-judge.test.ts).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (details: Record<string, unknown>) => unknown;
const listeners: Record<string, Listener> = {};
const session: Record<string, unknown> = {};
const local: Record<string, unknown> = {};
const calls: Array<[string, ...unknown[]]> = [];
let permissions: string[] = [];

const event = (name: string) => ({ addListener: (l: Listener) => (listeners[name] = l) });

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      id: 'ext',
      getURL: (p: string) => `chrome-extension://ext/${p}`,
      getManifest: () => ({ permissions }),
      onMessage: { addListener: () => undefined },
    },
    i18n: { getUILanguage: () => 'en' },
    storage: {
      local: { get: async (k: string) => ({ [k]: local[k] }), set: async (v: Record<string, unknown>) => Object.assign(local, v) },
      session: { get: async (k: string) => ({ [k]: session[k] }), set: async (v: Record<string, unknown>) => Object.assign(session, v) },
      managed: { get: async () => ({}) },
      onChanged: { addListener: () => undefined },
    },
    tabs: {
      update: async (...args: unknown[]) => calls.push(['tabs.update', ...args]),
      get: async () => ({ url: 'https://blog.example/' }),
      sendMessage: async (...args: unknown[]) => calls.push(['tabs.sendMessage', ...args]),
      onRemoved: { addListener: () => undefined },
    },
    scripting: { executeScript: async (arg: unknown) => calls.push(['scripting.executeScript', arg]) },
    declarativeNetRequest: { updateSessionRules: async (arg: unknown) => calls.push(['dnr.updateSessionRules', arg]) },
    action: { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined },
    webRequest: { onBeforeRequest: event('onBeforeRequest') },
    webNavigation: { onBeforeNavigate: event('onBeforeNavigate'), onCommitted: event('onCommitted') },
  },
}));
vi.mock('../content/ui/page-ui.iife.ts?script', () => ({ default: 'page-ui.js' }));

const { judgeNavigation, startNavigationJudge } = await import('./navigation-judge');

const LOOKALIKE = 'https://invest-hk.gov-hk.support/pay?ref=1';
const PRE_BLOCKED = 'https://investhk.gov.hk.secure-pay.top/pay';
const WARNING = 'chrome-extension://ext/src/interstitial/index.html';

beforeEach(() => {
  calls.length = 0;
  for (const k of Object.keys(session)) delete session[k];
  for (const k of Object.keys(local)) delete local[k];
});

describe('judgeNavigation', () => {
  it('sends an engine-judged lookalike to the warning page, with the whole URL in the fragment', async () => {
    const judged = await judgeNavigation(LOOKALIKE, 7);
    expect(judged?.warnAt).toBe(`${WARNING}#${LOOKALIKE}`);
    expect(judged?.verdict).toMatchObject({ verdict: 'lookalike', agency: 'investhk' });
    expect((await judgeNavigation('https://lnvesthk.gov.hk/', 7))?.verdict.reasons).toContain('typo-distance-1');
  });

  it('lets official, unrelated and non-web pages load', async () => {
    expect(await judgeNavigation('https://www.investhk.gov.hk/', 7)).toBeNull();
    expect(await judgeNavigation('https://news.example.com/', 7)).toBeNull();
    expect(await judgeNavigation('about:blank', 7)).toBeNull();
  });

  it('honours "continue anyway" for that host, in that tab, until it expires', async () => {
    session.interstitialAllowances = { 1000000: { tabId: 7, host: 'invest-hk.gov-hk.support', expiresAt: Date.now() + 60_000 } };
    expect(await judgeNavigation(LOOKALIKE, 7)).toBeNull();
    expect(await judgeNavigation(LOOKALIKE, 8)).not.toBeNull();
    session.interstitialAllowances = { 1000000: { tabId: 7, host: 'invest-hk.gov-hk.support', expiresAt: Date.now() - 1 } };
    expect(await judgeNavigation(LOOKALIKE, 7)).not.toBeNull();
  });

  it("honours the user's allowlist", async () => {
    local.settings = { allowlist: ['gov-hk.support'] };
    expect(await judgeNavigation(LOOKALIKE, 7)).toBeNull();
  });
});

describe('startNavigationJudge', () => {
  it('Firefox: answers blocking onBeforeRequest with a redirect, for the tab and for frames', async () => {
    permissions = ['webRequest', 'webRequestBlocking'];
    startNavigationJudge(Promise.resolve());
    const onBeforeRequest = listeners.onBeforeRequest!;
    expect(await onBeforeRequest({ url: LOOKALIKE, tabId: 3, type: 'main_frame' })).toEqual({ redirectUrl: `${WARNING}#${LOOKALIKE}` });
    expect(await onBeforeRequest({ url: 'https://news.example.com/', tabId: 3, type: 'main_frame' })).toEqual({});
    expect(await onBeforeRequest({ url: LOOKALIKE, tabId: 3, type: 'sub_frame' })).toEqual({ redirectUrl: `${WARNING}#${LOOKALIKE}` });
    // A framed scam page also raises the banner in the tab's top frame.
    await vi.waitFor(() =>
      expect(calls.some(([name, , , options]) => name === 'tabs.sendMessage' && (options as { frameId?: number })?.frameId === 0)).toBe(
        true,
      ),
    );
  });

  it('does not make a dangerous page wait for the stored feeds; only a page the embedded feed lets through waits', async () => {
    permissions = ['webRequest', 'webRequestBlocking'];
    let restore!: () => void;
    startNavigationJudge(new Promise<void>((resolve) => (restore = resolve)));
    const onBeforeRequest = listeners.onBeforeRequest!;
    expect(await onBeforeRequest({ url: LOOKALIKE, tabId: 3, type: 'main_frame' })).toEqual({ redirectUrl: `${WARNING}#${LOOKALIKE}` });
    let answered = false;
    const pending = Promise.resolve(onBeforeRequest({ url: 'https://news.example.com/', tabId: 3, type: 'main_frame' })).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(answered).toBe(false);
    restore();
    expect(await pending).toEqual({});
  });

  it('Chromium: sends the tab to the warning page at navigation start (pushed), not what the rules pre-block', async () => {
    permissions = ['webNavigation'];
    startNavigationJudge(Promise.resolve());
    listeners.onBeforeNavigate!({ url: LOOKALIKE, tabId: 4, frameId: 0, parentFrameId: -1 });
    listeners.onBeforeNavigate!({ url: PRE_BLOCKED, tabId: 4, frameId: 0, parentFrameId: -1 });
    listeners.onBeforeNavigate!({ url: LOOKALIKE, tabId: 4, frameId: 2, parentFrameId: 0 });
    await vi.waitFor(() => expect(calls.filter(([n]) => n === 'tabs.update')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.filter(([n]) => n === 'tabs.update')).toEqual([['tabs.update', 4, { url: `${WARNING}?pushed=1#${LOOKALIKE}` }]]);
    // Later navigations to the host are stopped before any request by a session rule.
    const updates = calls
      .filter(([n]) => n === 'dnr.updateSessionRules')
      .map(([, u]) => u as { addRules: Array<{ condition: { requestDomains: string[] } }> });
    expect(updates.at(-1)!.addRules[0]!.condition.requestDomains).toEqual(['invest-hk.gov-hk.support']);
  });

  it('Chromium: replaces a committed dangerous page or frame from inside', async () => {
    permissions = ['webNavigation'];
    startNavigationJudge(Promise.resolve());
    listeners.onCommitted!({ url: LOOKALIKE, tabId: 5, frameId: 3 });
    await vi.waitFor(() => expect(calls.some(([n]) => n === 'scripting.executeScript')).toBe(true));
    const [, injection] = calls.find(([n]) => n === 'scripting.executeScript')!;
    expect(injection).toMatchObject({ target: { tabId: 5, frameIds: [3] }, injectImmediately: true, args: [`${WARNING}#${LOOKALIKE}`] });
  });
});
