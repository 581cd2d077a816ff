/**
 * Messages between the interstitial page (shown instead of a blocked scam page) and the
 * background. They extend the protocol's page→background map by module augmentation, so
 * the shared `protocol.ts` stays untouched; the typed `sendToBackground` /
 * `handleMessages` helpers see them like any other message.
 *
 * interstitial → background: `interstitial-info`, `interstitial-continue`
 */
import type { UiLanguage } from '../i18n/i18n';
import type { Verdict } from '../match/verdict';
import type { BannerLink } from '../ui/banner-model';

/** What the interstitial shows, in the UI language. All strings are rendered as text. */
export interface InterstitialInfo {
  language: UiLanguage;
  /** BCP 47 tag for `<html lang>`. */
  lang: string;
  /** The blocked URL's host (ASCII), or '' when the URL is not http(s). */
  host: string;
  /** The matcher's verdict on the blocked URL with the active feed. */
  verdict: Verdict;
  /** Agency id, or null when the active feed no longer lists the URL. */
  agency: string | null;
  title: string;
  /** Why it was blocked, in plain words. */
  explanation: string;
  /** The agency's own promise from the feed ('' without an agency). */
  promise: string;
  promiseLead: string;
  whatToDo: string;
  /** Hotline (`tel:`), email, official website, advisory, Anti-Scam Helpline (`tel:`). */
  actions: BannerLink[];
  goBack: string;
  continueAnyway: string;
  confirmTitle: string;
  confirmBody: string;
  confirmYes: string;
  confirmNo: string;
  /** How long "continue anyway" lasts, in minutes. */
  allowMinutes: number;
}

export interface InterstitialMessages {
  /** The interstitial asks what to show for `url` (the blocked URL from its fragment). */
  'interstitial-info': { request: { url: string }; response: InterstitialInfo };
  /**
   * The user confirmed "continue anyway": allow the URL's host in the sender's tab for a
   * limited time. Refused (`ok: false`) for URLs the active feed does not block and for
   * senders outside a tab.
   */
  'interstitial-continue': { request: { url: string }; response: { ok: boolean; expiresAt?: number; error?: string } };
}

declare module './protocol' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface UiToBackground extends InterstitialMessages {}
}
