/**
 * The one message protocol between the extension's contexts. Each message is named by
 * direction; the map gives its request and response types, and `send`/`handle` helpers
 * (in `messenger.ts`) are typed from it. No `any`.
 *
 * content → background: `page-check`, `links-check`, `text-check`, `banner-dismissed`,
 *   `ui-inject`
 * popup/options → background: `ui-state`, `settings-update`, `feed-subscribe`,
 *   `feed-unsubscribe`, `feed-check-now`
 * background → content: `verdicts-changed` (the active feed changed: check again)
 */
import type { BannerModel, LinkUiStrings } from '../ui/banner-model';

export type { LinkUiStrings };
import type { Verdict } from '../match/verdict';
import type { Feed } from '../feed/feed-schema';
import type { UiLanguage } from '../i18n/i18n';
import type { Settings } from '../settings/settings';

/** A link as the content script sees it. */
export interface LinkSample {
  href: string;
  /** Visible text, trimmed and capped. */
  text: string;
}

/** A link the background flagged, by its index in the request. */
export interface FlaggedLink {
  index: number;
  verdict: Verdict;
  /** Host the link really goes to (after unwrapping), for the confirm dialog. */
  host: string;
  /** Marker tooltip and confirm-dialog body, in the UI language. */
  title: string;
  detail: string;
}

export interface PageReport {
  verdict: Verdict;
  /** The banner to show, or null (nothing to say, or dismissed on this site). */
  banner: BannerModel | null;
  linkUi: LinkUiStrings;
  /** The page's host has path-level scam entries: same-host links must be checked too. */
  checkSameHostLinks: boolean;
  /**
   * Folded names of agencies under active campaigns (see `foldText`). The content script
   * sends page text for a `text-check` only when the folded text contains one.
   */
  mentionNeedles: string[];
}

export interface ContentToBackground {
  /** The page's URL verdict; the text is checked later, and only if it names an agency. */
  'page-check': {
    request: { url: string };
    response: PageReport;
  };
  'links-check': {
    request: { pageUrl: string; links: LinkSample[] };
    response: { flagged: FlaggedLink[]; banner: BannerModel | null };
  };
  'text-check': {
    request: { pageUrl: string; text: string; sensitiveInputs: boolean };
    response: { verdict: Verdict; banner: BannerModel | null };
  };
  'banner-dismissed': {
    request: { pageUrl: string; agency: string };
    response: { ok: true };
  };
  /** Inject the page UI (banner, markers, confirm step) into the sender's frame. */
  'ui-inject': {
    request: Record<string, never>;
    response: { ok: boolean };
  };
}

/** The state of one feed subscription, as the popup and options page show it. */
export interface FeedStatus {
  /** Feed URL; null for the embedded default feed. */
  url: string | null;
  /** Where the subscription comes from: built in, added by the user, or set by managed policy. */
  source: 'embedded' | 'user' | 'policy';
  /** Ids of the keys trusted for this feed. */
  keyIds: string[];
  feedId: string | null;
  sequence: number | null;
  issuedAt: string | null;
  expiresAt: string | null;
  /** Last time an update check finished (ISO), successful or not. */
  lastCheckedAt: string | null;
  /** Last time a new or unchanged (304) feed was confirmed (ISO). */
  lastSuccessAt: string | null;
  /** Why the last check failed, in plain words; null when it succeeded. */
  lastError: string | null;
  /** Machine-readable reason of `lastError` (a `RejectionCode` such as `bad-signature`, `not-newer`, `expired`). */
  lastErrorCode?: string | null;
  /** Number of agencies in this feed's last good version (null when never fetched). */
  agencies?: number | null;
  /** fresh; stale (not confirmed for more than twice the refresh interval); expired; never fetched. */
  state: 'fresh' | 'stale' | 'expired' | 'never-fetched';
}

/** What managed policy (Chrome managed storage, Firefox `3rdparty` policy) has set. */
export interface PolicyState {
  /** Names of the settings the policy locks (e.g. `feeds`, `allowUserFeeds`, `allowDismiss`). */
  locked: string[];
  allowUserFeeds: boolean;
  allowDismiss: boolean;
  refreshIntervalMinutes: number | null;
}

/** Everything the popup and options page render. */
export interface UiState {
  /** The merged active feed the matcher uses (agencies and help contacts). */
  feed: Feed;
  feeds: FeedStatus[];
  settings: Settings;
  policy: PolicyState;
  /** The loudest verdict recorded for the tab asked about, if any. */
  tabVerdict: Verdict | null;
  /** The UI language resolved from the settings and the browser. */
  language: UiLanguage;
}

/** Messages from the extension's own pages (popup, options) to the background. */
export interface UiToBackground {
  'ui-state': { request: { tabId?: number }; response: UiState };
  'settings-update': { request: { patch: Partial<Pick<Settings, 'language' | 'dismissed' | 'allowlist'>> }; response: Settings };
  'feed-subscribe': { request: { url: string; publicKey: string }; response: { ok: boolean; error?: string; feeds: FeedStatus[] } };
  'feed-unsubscribe': { request: { url: string }; response: { ok: boolean; error?: string; feeds: FeedStatus[] } };
  'feed-check-now': { request: Record<string, never>; response: { feeds: FeedStatus[] } };
}

export interface BackgroundToContent {
  'verdicts-changed': { request: Record<string, never>; response: { ok: true } };
}

export type MessageMap = ContentToBackground & UiToBackground & BackgroundToContent;
export type MessageName = keyof MessageMap;
export type RequestOf<N extends MessageName> = MessageMap[N]['request'];
export type ResponseOf<N extends MessageName> = MessageMap[N]['response'];

/** The envelope on the wire. */
export interface Envelope<N extends MessageName = MessageName> {
  type: N;
  payload: RequestOf<N>;
}
