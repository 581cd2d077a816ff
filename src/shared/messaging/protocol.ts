/**
 * The one message protocol between the extension's contexts. Every message is named by
 * direction and listed once in {@link PROTOCOL}: which kind of sender may send it, and the
 * zod schema of its request (checked by the background's dispatcher before any handler
 * runs: a content script lives in a page the scammer wrote, so its payloads are untrusted).
 * Response types are in {@link Responses}. The typed `send`/`handle` helpers are in
 * `src/platform/messenger.ts` (content scripts use the smaller `src/content/runtime.ts`).
 * Pure: no `browser.*`, no DOM. Content scripts import types only, so zod stays out of the
 * per-page script.
 *
 * content script → background: `page-check`, `links-check`, `text-check`, `banner-dismissed`,
 *   `ui-inject`, `banner-fought`
 * extension pages (popup, options) → background: `ui-state`, `settings-update`,
 *   `feed-preview`, `feed-subscribe`, `feed-unsubscribe`, `feed-check-now`
 * interstitial → background: `interstitial-info`, `interstitial-continue`
 * background → content script: `verdicts-changed` (the active feed changed: check again),
 *   `show-banner` (to the top frame: a frame's finding, one banner per tab)
 */
import { z } from 'zod';
import type { Feed, LocalizedText } from '../feed/feed-schema';
import type { FeedSource, Provenance } from '../feed/trust-model';
import type { UiLanguage } from '../i18n/i18n';
import type { Verdict } from '../match/verdict';
import type { LinkPrefilterSource } from '../match/link-prefilter';
import { allowlistSchema, dismissedSchema, languagePreferenceSchema, type Settings } from '../settings/settings';
import type { BannerLink, BannerModel, LinkUiStrings, ReportLinkModel } from '../ui/banner-model';

export type { BannerLink, LinkUiStrings };

/**
 * Who sent a message, as the dispatcher classifies `runtime.MessageSender`:
 * - `content`: a content script in a web page's frame (untrusted payloads);
 * - `extension-page`: the popup or the options page;
 * - `interstitial`: the warning page shown instead of a scam page (an extension page that
 *   web pages can frame, so it gets only its own two messages).
 */
export type SenderKind = 'content' | 'extension-page' | 'interstitial';

/** Longest page text a content script sends for a `text-check` (characters). */
export const MAX_TEXT_CHARS = 100_000;
/** Links per `links-check` message. */
export const MAX_LINKS_PER_CHECK = 1000;
/** Visible text kept per link (characters). */
export const MAX_LINK_TEXT_CHARS = 300;
/** Longest URL a content script sends (characters); longer hrefs are cut (the host comes first). */
export const MAX_URL_CHARS = 8192;

const url = z.string().max(MAX_URL_CHARS);
const linkSampleSchema = z
  .object({
    href: url,
    text: z.string().max(MAX_LINK_TEXT_CHARS),
    /** For `tel:` links only: the text of the block around the link (does it present the number as an agency's?). */
    context: z.string().max(MAX_LINK_TEXT_CHARS).optional(),
  })
  .strict();
const empty = z.object({}).strict();
/** Why the warning page is shown (see `shared/navigation/warning-page.ts`). */
const warningReason = z.enum(['page', 'hidden']);

/** Every message to the background: its allowed senders and its request schema. */
export const PROTOCOL = {
  'page-check': { from: ['content'], request: z.object({ url }).strict() },
  'links-check': {
    from: ['content'],
    request: z.object({ pageUrl: url, links: z.array(linkSampleSchema).max(MAX_LINKS_PER_CHECK) }).strict(),
  },
  'text-check': {
    from: ['content'],
    request: z.object({ pageUrl: url, text: z.string().max(MAX_TEXT_CHARS), sensitiveInputs: z.boolean() }).strict(),
  },
  'banner-dismissed': { from: ['content'], request: z.object({ pageUrl: url, agency: z.string().max(64) }).strict() },
  /** Inject the page UI (banner, markers, confirm step) into the sender's frame. */
  'ui-inject': { from: ['content'], request: empty },
  /**
   * The page keeps removing, hiding or covering a banner (`repairs` in the page UI's window):
   * the background may escalate outside the page (badge, warning page). Answers the warning
   * page's address to go to, or null (the user chose "continue anyway" there).
   */
  'banner-fought': {
    from: ['content'],
    request: z.object({ pageUrl: url, agency: z.string().max(64), repairs: z.number().int().nonnegative().max(1_000_000) }).strict(),
  },
  'ui-state': { from: ['extension-page'], request: z.object({ tabId: z.number().int().nonnegative().optional() }).strict() },
  'settings-update': {
    from: ['extension-page'],
    request: z
      .object({
        patch: z.object({ language: languagePreferenceSchema, dismissed: dismissedSchema, allowlist: allowlistSchema }).partial().strict(),
      })
      .strict(),
  },
  /**
   * Fetch and check a feed without subscribing: what it would add (agencies, official
   * domains, contacts) and what it may not do. The options page shows it before `feed-subscribe`.
   */
  'feed-preview': { from: ['extension-page'], request: z.object({ url: z.string().max(2048), publicKey: z.string().max(200) }).strict() },
  /** Subscribe after the preview: checked again; refused (nothing subscribed) when the feed is rejected or conflicts. */
  'feed-subscribe': { from: ['extension-page'], request: z.object({ url: z.string().max(2048), publicKey: z.string().max(200) }).strict() },
  'feed-unsubscribe': { from: ['extension-page'], request: z.object({ url: z.string().max(2048) }).strict() },
  'feed-check-now': { from: ['extension-page'], request: empty },
  /** The interstitial asks what to show for `url` (the blocked URL from its fragment). */
  'interstitial-info': { from: ['interstitial'], request: z.object({ url, reason: warningReason.optional() }).strict() },
  /**
   * The user confirmed "continue anyway": allow the URL's host in the sender's tab for a
   * limited time. Refused (`ok: false`) for URLs the active feed does not block, for senders
   * outside a tab, and from a framed interstitial (a page could frame it and trick a click).
   */
  'interstitial-continue': { from: ['interstitial'], request: z.object({ url, reason: warningReason.optional() }).strict() },
} as const satisfies Record<string, { from: readonly SenderKind[]; request: z.ZodType }>;

/** Names of the messages the background answers. */
export type ToBackground = keyof typeof PROTOCOL;
/** The messages a given kind of sender may send. */
export type MessagesFrom<K extends SenderKind> = {
  [N in ToBackground]: K extends (typeof PROTOCOL)[N]['from'][number] ? N : never;
}[ToBackground];

/** A link as the content script sees it. */
export type LinkSample = z.infer<typeof linkSampleSchema>;

/** A link the background flagged, by its index in the request. */
export interface FlaggedLink {
  index: number;
  verdict: Verdict;
  /** Host the link really goes to (after unwrapping), for the confirm dialog. */
  host: string;
  /** Marker tooltip and confirm-dialog body, in the UI language. */
  title: string;
  detail: string;
  /**
   * Shown in the marker itself: for a number presented as an agency's that is not one of its
   * numbers, the agency's genuine hotline ("Genuine: 3107 1000"); absent otherwise.
   */
  note?: string;
}

/**
 * A dangerous address or number found in a page's visible text (`text-check`): the content
 * script finds `text` in the page's text nodes and marks it without changing the text.
 */
export interface TextFinding {
  kind: 'url' | 'email' | 'phone';
  /** As written in the page text (what the content script looks for). */
  text: string;
  verdict: Verdict;
  /** Marker tooltip and, if the page later makes it a link, the confirm-dialog body. */
  title: string;
  detail: string;
  /** As {@link FlaggedLink.note}. */
  note?: string;
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
  /**
   * The link prefilter of the active feed (`Matcher.linkPrefilter`, see
   * `src/shared/match/link-prefilter.ts`): links that cannot match it stay in the page.
   */
  linkPrefilter: LinkPrefilterSource;
  /**
   * The page itself is dangerous (its address is blocklisted or a lookalike, and the user did
   * not choose "continue anyway" for it in this tab): the warning page's address, which the
   * frame opens in place of the page. Null otherwise.
   */
  warnAt: string | null;
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
  /** fresh; stale (not confirmed for more than twice the refresh interval); expired (no longer counts); never fetched. */
  state: 'fresh' | 'stale' | 'expired' | 'never-fetched';
  /** The publisher named by the feed's last good version. */
  publisher?: LocalizedText | null;
  /** What the trust model did not take from this feed, in plain words (`FeedConflict.message`). */
  conflicts?: string[];
}

/** One agency a feed would add, as the options page shows it before subscribing. */
export interface PreviewAgency {
  id: string;
  names: LocalizedText;
  officialDomains: string[];
  hotline: string;
  email: string | null;
  website: string;
  scamEntries: number;
}

/** The answer to `feed-preview`. */
export interface FeedPreview {
  ok: boolean;
  /** Why the feed cannot be added, in plain words (rejection or conflict). */
  error?: string;
  /** Reason code: a `RejectionCode`, a conflict reason, or `policy`. */
  code?: string;
  feedId?: string;
  publisher?: LocalizedText;
  sequence?: number;
  expiresAt?: string;
  /** Agencies it would add (new ones; agencies it only adds scam entries to are not listed). */
  agencies?: PreviewAgency[];
  /** Scam entries in the whole feed. */
  scamEntries?: number;
  /** What it may not do (each refused), in plain words. */
  conflicts?: string[];
}

export type { PolicyState } from '../settings/managed-policy';
export type { FeedSource, Provenance };
import type { PolicyState } from '../settings/managed-policy';

/** Everything the popup and options page render. */
export interface UiState {
  /** The merged active feed the matcher uses (agencies and help contacts). */
  feed: Feed;
  /** Where each agency of `feed` comes from (trust model; `shared/feed/trust-model.ts`). */
  provenance: Record<string, Provenance>;
  /** Rules the browser could not use: those pages are not blocked in advance (the banner still warns). */
  notPreBlocked: string[];
  feeds: FeedStatus[];
  settings: Settings;
  policy: PolicyState;
  /** The loudest verdict recorded for the tab asked about, if any. */
  tabVerdict: Verdict | null;
  /** The UI language in use: the settings' choice, or the browser's (see `uiLanguage`). */
  language: UiLanguage;
  /** The language the UI would use if the settings said "follow the browser". */
  browserLanguage: UiLanguage;
}

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
  /** Which feed the agency's details come from ("From: …"), '' without an agency. */
  provenance: string;
  /** Which feed listed the blocked address, when another than the agency's ('' otherwise). */
  listedBy: string;
  /** "Report a false alarm", prepared (opened only by the user's click); null when no report address is set. */
  report: ReportLinkModel | null;
  /** False when managed policy removes "Continue anyway" (`allowContinueAnyway: false`). */
  continueAllowed: boolean;
  /** The agency's own promise from the feed ('' without an agency). */
  promise: string;
  promiseLead: string;
  whatToDo: string;
  /** Hotline (`tel:`), email, official website, advisory, Anti-Scam Helpline (`tel:`). */
  actions: BannerLink[];
  goBack: string;
  continueAnyway: string;
  /** Framed warning page: opens it in its own tab (where "continue anyway" is offered). */
  openInTab: string;
  confirmTitle: string;
  confirmBody: string;
  confirmYes: string;
  confirmNo: string;
  /** How long "continue anyway" lasts, in minutes. */
  allowMinutes: number;
  /** Why it is shown: the page's address, or the page hid the in-page warning. */
  reason: 'page' | 'hidden';
  /**
   * History entries "Go back" goes back: 2 when the scam page committed before the service
   * worker's warning page was pushed after it, else 1.
   */
  backSteps: number;
}

/** The result of a subscription change, with every feed's status afterwards. */
export interface FeedChange {
  ok: boolean;
  error?: string;
  feeds: FeedStatus[];
}

/** The response type of each message to the background. */
export interface Responses {
  'page-check': PageReport;
  /** `settledHosts`: hosts of the batch whose every link is judged alike and not dangerous (`Matcher.isHostSettled`). */
  'links-check': { flagged: FlaggedLink[]; banner: BannerModel | null; settledHosts: string[] };
  'text-check': { verdict: Verdict; banner: BannerModel | null; findings: TextFinding[] };
  'banner-dismissed': { ok: true };
  'ui-inject': { ok: boolean };
  'banner-fought': { warnAt: string | null };
  'ui-state': UiState;
  'settings-update': Settings;
  'feed-preview': FeedPreview;
  'feed-subscribe': FeedChange;
  'feed-unsubscribe': FeedChange;
  'feed-check-now': { feeds: FeedStatus[] };
  'interstitial-info': InterstitialInfo;
  'interstitial-continue': { ok: boolean; expiresAt?: number; error?: string };
}

/** Messages from the background to content scripts: name → response. */
export interface ToContent {
  'verdicts-changed': { request: Record<string, never>; response: { ok: true } };
  /** Shows a banner for a finding in one of the tab's frames (sent to frame 0 only). */
  'show-banner': { request: { model: BannerModel }; response: { ok: true } };
}

/** The request type of a message to the background (what its schema accepts). */
export type RequestOf<N extends ToBackground> = z.infer<(typeof PROTOCOL)[N]['request']>;
export type ResponseOf<N extends ToBackground> = Responses[N];

/** The envelope on the wire. */
export interface Envelope<N extends string = string, P = unknown> {
  type: N;
  payload: P;
}

/** The settings fields the extension pages may change through `settings-update`. */
export type SettingsPatch = RequestOf<'settings-update'>['patch'];
