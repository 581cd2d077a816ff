/**
 * Messages from the popup and options page: `ui-state` (everything they render, in one
 * answer) and `settings-update` (language, dismissed sites, allowlist). The feed
 * subscription messages are in `feed-handlers.ts`. Only the extension's own pages may ask:
 * a content script (a sender with a tab and a web URL) gets no answer.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { resolveLanguage } from '../shared/i18n/i18n';
import type { Handlers } from '../shared/messaging/messenger';
import type { UiToBackground } from '../shared/messaging/protocol';
import { parseSettings, type Settings } from '../shared/settings/settings';
import { getEngine } from './engine-state';
import { feedStatuses, policyState } from './feed-status';
import { loadSettings, updateSettings } from './settings-store';
import { tabVerdict } from './tab-verdicts';

/** True when the message comes from one of the extension's own pages (popup, options). */
export function isExtensionPage(sender: Runtime.MessageSender): boolean {
  const url = sender.url ?? '';
  return url.startsWith(browser.runtime.getURL(''));
}

function assertExtensionPage(sender: Runtime.MessageSender): void {
  if (!isExtensionPage(sender)) throw new Error('[ui-handlers] only the extension pages may ask for this');
}

/** Keeps only the fields the UI may change, each validated by the settings schema. */
export function applySettingsPatch(current: Settings, patch: UiToBackground['settings-update']['request']['patch']): Settings {
  const next: Settings = { ...current };
  if (patch.language !== undefined) next.language = patch.language;
  if (patch.dismissed !== undefined) next.dismissed = patch.dismissed;
  if (patch.allowlist !== undefined) next.allowlist = [...new Set(patch.allowlist.map((h) => h.trim().toLowerCase()).filter(Boolean))];
  return parseSettings(next);
}

export const uiHandlers: Partial<Handlers<UiToBackground>> = {
  'ui-state': async ({ tabId }, sender) => {
    assertExtensionPage(sender);
    const [settings, feeds, policy] = await Promise.all([loadSettings(), feedStatuses(), policyState()]);
    return {
      feed: getEngine().feed,
      feeds,
      settings,
      policy,
      tabVerdict: tabId === undefined ? null : (tabVerdict(tabId) ?? null),
      language: resolveLanguage(settings.language, browser.i18n.getUILanguage()),
    };
  },
  'settings-update': async ({ patch }, sender) => {
    assertExtensionPage(sender);
    const policy = await policyState();
    const locked = new Set(policy.locked);
    const allowed: typeof patch = {};
    if (patch.language !== undefined && !locked.has('language')) allowed.language = patch.language;
    if (patch.dismissed !== undefined && !locked.has('dismissed')) allowed.dismissed = patch.dismissed;
    if (patch.allowlist !== undefined && !locked.has('allowlist')) allowed.allowlist = patch.allowlist;
    return updateSettings((current) => applySettingsPatch(current, allowed));
  },
};
