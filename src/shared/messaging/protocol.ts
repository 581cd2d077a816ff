/**
 * The one message protocol between the extension's contexts. Each message is named by
 * direction; the map gives its request and response types, and `send`/`handle` helpers
 * (in `messenger.ts`) are typed from it. No `any`.
 *
 * content → background: `page-check`, `links-check`, `text-check`, `banner-dismissed`
 * background → content: `verdicts-changed` (the active feed changed: check again)
 */
import type { BannerModel, LinkUiStrings } from '../ui/banner-model';
import type { Verdict } from '../match/verdict';

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
}

export interface ContentToBackground {
  'page-check': {
    request: { url: string; text: string; sensitiveInputs: boolean };
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
}

export interface BackgroundToContent {
  'verdicts-changed': { request: Record<string, never>; response: { ok: true } };
}

export type MessageMap = ContentToBackground & BackgroundToContent;
export type MessageName = keyof MessageMap;
export type RequestOf<N extends MessageName> = MessageMap[N]['request'];
export type ResponseOf<N extends MessageName> = MessageMap[N]['response'];

/** The envelope on the wire. */
export interface Envelope<N extends MessageName = MessageName> {
  type: N;
  payload: RequestOf<N>;
}
