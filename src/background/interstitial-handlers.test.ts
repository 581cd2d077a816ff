/**
 * "Continue anyway" and what the warning page says, with a mocked extension API: allowed for
 * every page-level danger (not only what the rules pre-block), never from a framed warning
 * page, and for an escalated page only where it was escalated.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';

const session: Record<string, unknown> = {};
const sessionRules: Array<{ id: number }> = [];

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'ext', getURL: (p: string) => `chrome-extension://ext/${p}` },
    i18n: { getUILanguage: () => 'en' },
    storage: {
      local: { get: async () => ({}), set: async () => undefined },
      onChanged: { addListener: () => undefined },
      session: { get: async (k: string) => ({ [k]: session[k] }), set: async (v: Record<string, unknown>) => Object.assign(session, v) },
    },
    alarms: { create: () => undefined, clear: async () => true, onAlarm: { addListener: () => undefined } },
    tabs: { onRemoved: { addListener: () => undefined } },
    declarativeNetRequest: {
      getSessionRules: async () => [...sessionRules],
      updateSessionRules: async ({ addRules = [], removeRuleIds = [] }: { addRules?: Array<{ id: number }>; removeRuleIds?: number[] }) => {
        for (const id of removeRuleIds) sessionRules.splice(sessionRules.findIndex((r) => r.id === id) >>> 0, 1);
        sessionRules.push(...addRules);
      },
    },
  },
}));

const { interstitialHandlers, isAllowedInTab, recordEscalation, recordTopFrameCommit } = await import('./interstitial-handlers');
const cont = interstitialHandlers['interstitial-continue'];
const info = interstitialHandlers['interstitial-info'];

const sender = (tabId: number, frameId = 0) => ({ id: 'ext', tab: { id: tabId }, frameId }) as unknown as Runtime.MessageSender;
const TOP = sender(7);
const FRAMED = sender(7, 3);

beforeEach(() => {
  for (const k of Object.keys(session)) delete session[k];
  sessionRules.length = 0;
});

describe('interstitial-continue', () => {
  it('allows an engine-judged lookalike (no rule pre-blocks it) in that tab only', async () => {
    const url = 'https://invest-hk.gov-hk.support/pay';
    expect(await cont({ url }, TOP)).toMatchObject({ ok: true });
    expect(await isAllowedInTab(7, 'invest-hk.gov-hk.support')).toBe(true);
    expect(await isAllowedInTab(8, 'invest-hk.gov-hk.support')).toBe(false);
    expect(sessionRules).toHaveLength(1);
  });

  it('refuses from a framed warning page (a page could frame it and trick a click)', async () => {
    expect(await cont({ url: 'https://invest-hk.gov-hk.support/pay' }, FRAMED)).toEqual({ ok: false, error: 'framed' });
    expect(sessionRules).toHaveLength(0);
  });

  it('refuses pages that are not stopped: the warning page cannot open holes', async () => {
    expect(await cont({ url: 'https://news.example.com/' }, TOP)).toMatchObject({ ok: false });
    // An escalated page only where it was escalated.
    expect(await cont({ url: 'https://mail.example/', reason: 'hidden' }, TOP)).toMatchObject({ ok: false });
    await recordEscalation(7, 'https://mail.example/', {
      url: 'https://mail.example/',
      verdict: 'deceptive-link',
      severity: 'danger',
      agency: 'investhk',
      reasons: [],
    });
    expect(await cont({ url: 'https://mail.example/', reason: 'hidden' }, sender(8))).toMatchObject({ ok: false });
    expect(await cont({ url: 'https://mail.example/', reason: 'hidden' }, TOP)).toMatchObject({ ok: true });
  });
});

describe('interstitial-info', () => {
  it('explains an engine-judged lookalike without claiming it was stopped before any request', async () => {
    const shown = await info({ url: 'https://invest-hk.gov-hk.support/pay' }, TOP);
    expect(shown.explanation).toContain('imitates the address of Invest Hong Kong');
    expect(shown.explanation).not.toContain('nothing was sent');
    expect(shown.reason).toBe('page');
  });

  it('explains an escalated page with the banner it hid', async () => {
    await recordEscalation(7, 'https://mail.example/', {
      url: 'https://mail.example/',
      verdict: 'deceptive-link',
      severity: 'danger',
      agency: 'investhk',
      reasons: [],
    });
    const shown = await info({ url: 'https://mail.example/', reason: 'hidden' }, TOP);
    expect(shown.title).toBe('Stopped: this page hid a scam warning about Invest Hong Kong');
    expect(shown.explanation).toContain('kept removing or covering');
    expect(shown.reason).toBe('hidden');
    // Without a record (a page linking to the warning page with reason=hidden), the URL's own verdict.
    expect((await info({ url: 'https://mail.example/', reason: 'hidden' }, sender(9))).reason).toBe('page');
  });

  it('tells "Go back" to skip the scam page when it committed before the warning page', async () => {
    const url = 'https://invest-hk.gov-hk.support/pay';
    expect((await info({ url }, TOP)).backSteps).toBe(1);
    recordTopFrameCommit(7, url);
    expect((await info({ url }, TOP)).backSteps).toBe(2);
  });
});
