/**
 * The loudest verdict seen in each tab, for the toolbar badge and the popup. Kept in
 * memory: after the service worker restarts, the tab's next check fills it again.
 */
import browser from 'webextension-polyfill';
import { compareSeverity, type Verdict } from '../shared/match/verdict';

const verdicts = new Map<number, Verdict>();

const BADGE: Partial<Record<Verdict['severity'], { text: string; color: string }>> = {
  danger: { text: '!', color: '#b00020' },
  caution: { text: '?', color: '#8a5a00' },
};

/**
 * Records `verdict` for `tabId`. A page verdict (`fresh`) starts the tab over (new page);
 * link and text verdicts only raise it.
 */
export function recordTabVerdict(tabId: number | undefined, verdict: Verdict, fresh: boolean): void {
  if (tabId === undefined || tabId < 0) return;
  const current = verdicts.get(tabId);
  if (!fresh && current && compareSeverity(verdict.severity, current.severity) <= 0) return;
  verdicts.set(tabId, verdict);
  const badge = BADGE[verdict.severity];
  void browser.action.setBadgeText({ tabId, text: badge?.text ?? '' }).catch(() => undefined);
  if (badge) void browser.action.setBadgeBackgroundColor({ tabId, color: badge.color }).catch(() => undefined);
}

/** The loudest verdict recorded for the tab's current page, if any. */
export function tabVerdict(tabId: number): Verdict | undefined {
  return verdicts.get(tabId);
}

browser.tabs?.onRemoved.addListener((tabId) => verdicts.delete(tabId));
