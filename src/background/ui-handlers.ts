/**
 * Messages from the popup and options page: `ui-state` (everything they render, in one
 * answer) and `settings-update` (language, dismissed sites, allowlist). The feed
 * subscription messages are in `feed-handlers.ts`. The dispatcher has already checked that
 * the sender is one of the extension's pages and validated the payload.
 */
import type { Handlers } from './message-dispatcher';
import type { SettingsPatch } from '../shared/messaging/protocol';
import { allowlistEntry } from '../shared/feed/domain-rules';
import { parseSettings, type Settings } from '../shared/settings/settings';
import { notPreBlocked } from './dnr-rules';
import { getEngine } from './engine-state';
import { feedStatuses, loadPolicyState } from './feed-status';
import { loadPolicyFast } from './feed-policy';
import { policyState } from '../shared/settings/managed-policy';
import { loadSettings, updateSettings } from './settings-store';
import { tabVerdict } from './tab-verdicts';
import { browserLanguage, uiLanguage } from './ui-language';

/**
 * Applies the fields the UI may change, skipping those managed policy locks; the result is
 * validated by the settings schema. Allowlist entries must be hosts or registrable domains
 * (`allowlistEntry`: never a public suffix or a wildcard); others are left out.
 *
 * @param locked - user settings the policy locks (`PolicyState.locked`).
 */
export function applySettingsPatch(current: Settings, patch: SettingsPatch, locked: readonly string[] = []): Settings {
  const next: Settings = { ...current };
  if (patch.language !== undefined && !locked.includes('language')) next.language = patch.language;
  if (patch.dismissed !== undefined && !locked.includes('dismissed')) next.dismissed = patch.dismissed;
  if (patch.allowlist !== undefined && !locked.includes('allowlist')) {
    const hosts = patch.allowlist.flatMap((h) => {
      const entry = allowlistEntry(h);
      if (entry.problem !== undefined) console.warn(`[ui] allowlist entry refused: ${entry.problem}`);
      return entry.host ?? [];
    });
    next.allowlist = [...new Set(hosts)];
  }
  return parseSettings(next);
}

export const uiHandlers = {
  'ui-state': async ({ tabId }) => {
    // What the popup and options page show: the last live policy read while Chromium's first
    // read after start is pending (see feed-policy.ts); changing settings checks the live one.
    const managed = await loadPolicyFast();
    const [settings, feeds] = await Promise.all([loadSettings(), feedStatuses(managed)]);
    const policy = policyState(managed);
    const engine = getEngine();
    return {
      feed: engine.feed,
      provenance: engine.merge.agencyProvenance,
      notPreBlocked: notPreBlocked(),
      feeds,
      settings,
      policy,
      tabVerdict: tabId === undefined ? null : (tabVerdict(tabId) ?? null),
      language: uiLanguage(settings),
      browserLanguage: browserLanguage(),
    };
  },
  'settings-update': async ({ patch }) => {
    const policy = await loadPolicyState();
    return updateSettings((current) => applySettingsPatch(current, patch, policy.locked));
  },
} satisfies Handlers<'ui-state' | 'settings-update'>;
