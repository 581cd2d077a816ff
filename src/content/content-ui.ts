/**
 * The contract between the per-page scanner (`index.ts`, small, on every page) and the
 * page UI (`ui/page-ui.iife.ts`: banner, link markers, confirm step, with Preact), which
 * the service worker injects only into pages that have something to show. Both run in
 * the extension's isolated world, so they meet through a registry symbol that page
 * scripts cannot see.
 */
import type { FlaggedLink, TextFinding } from '../shared/messaging/protocol';
import type { LinkUiStrings } from '../shared/ui/banner-model';
import type { BannerModel } from '../shared/ui/banner-model';

/** The registry key under which the page UI publishes itself (isolated world only). */
export const CONTENT_UI_KEY = Symbol.for('agency-scam-alert.content-ui');

export interface MarkedLink {
  element: Element;
  flag: FlaggedLink;
  /** The absolute href to open if the user confirms. */
  href: string;
}

/** How the user asked to open a link (from the click or key event). */
export interface OpenIntent {
  /** Middle click, Ctrl/Cmd/Shift click, or `target="_blank"`. */
  newTab: boolean;
  /** The link's `target` attribute ('' when none). */
  target: string;
}

export interface ContentUi {
  /** Shows `model` if it is louder than what is shown or was dismissed on this page. */
  offerBanner(model: BannerModel, pageUrl: string): void;
  /** Marks dangerous links (markers, the banner's count, placement). */
  markLinks(links: MarkedLink[], strings: LinkUiStrings): void;
  /** Marks dangerous addresses and numbers in the page's text, without changing the text. */
  markText(findings: TextFinding[], strings: LinkUiStrings): void;
  /**
   * The confirm step for a marked link the user activated (the click guard already stopped
   * the event); opens it only if the user chooses to.
   *
   * @returns false when `element` is not marked here.
   */
  openMarked(element: Element, intent: OpenIntent): boolean;
  /** Removes everything (the feed changed, or a single-page app navigated). */
  reset(): void;
}

/** The page UI, if it has been injected into this page. */
export function contentUi(): ContentUi | undefined {
  return (globalThis as Record<symbol, ContentUi | undefined>)[CONTENT_UI_KEY];
}
