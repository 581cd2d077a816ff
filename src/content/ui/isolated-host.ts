/**
 * Hosts for the extension's in-page UI, isolated from the page: an element with a random
 * custom-element name (a page cannot pre-define it), a closed shadow root (page scripts
 * cannot reach inside), and every host property set by the shadow tree's own
 * `:host { … !important }` rule: for important declarations the inner (shadow) context wins
 * over the page's stylesheets and over its `style` attribute (CSS Cascade 5, "Context"), so
 * the page cannot restyle, hide or move the host through CSS. Overlays live in the top layer
 * (`popover`), above any z-index, and an {@link OverlayGuard} undoes structural tampering
 * (removal, moves, attributes, later top-layer elements).
 *
 * Styles are *not* put on the host's `style` attribute: an outer-context declaration loses
 * to the shadow tree's `:host { all: initial !important }`. That is why, before issue 11,
 * the banner's `position: fixed` was silently reset to `static`; both browsers then turn a
 * static top-layer element into an absolutely positioned one, Chromium at the viewport's
 * top-left, Firefox at its static position after the page's content (the "Firefox
 * placement bug": below the fold on a long page, last line clipped on a short one).
 */
import { OverlayGuard } from './overlay-guard';

const HOST_NAME = `asa-${Math.random().toString(36).slice(2, 10)}`;

/** Builds a random-suffixed custom element name, shared by every host of this page load. */
export function hostTagName(kind: string): string {
  return `${HOST_NAME}-${kind}`;
}

/** True for a host element of this page load's UI (banner, confirm dialog, marker). */
export function isOwnHost(element: Element): boolean {
  return element.localName.startsWith(`${HOST_NAME}-`);
}

/** A `:host` rule in which every declaration is `!important`. */
export function hostRule(styles: Record<string, string>): string {
  return `:host{${Object.entries(styles)
    .map(([property, value]) => `${property}:${value} !important`)
    .join(';')}}`;
}

export interface IsolatedUi {
  host: HTMLElement;
  root: ShadowRoot;
  /** Removes the host for good (no re-insertion). */
  destroy(): void;
}

export interface OverlayUi extends IsolatedUi {
  /** Replaces the host's extra styles (e.g. `inset` to move the banner to the bottom). */
  setHostStyles(styles: Record<string, string>): void;
}

const OVERLAY_STYLES: Record<string, string> = {
  all: 'initial',
  display: 'block',
  position: 'fixed',
  inset: '0 0 auto 0',
  width: '100%',
  height: 'auto',
  'max-height': '100vh',
  margin: '0',
  padding: '0',
  border: '0',
  background: 'transparent',
  overflow: 'visible',
  visibility: 'visible',
  opacity: '1',
  transform: 'none',
  filter: 'none',
  'clip-path': 'none',
  'pointer-events': 'auto',
  'content-visibility': 'visible',
  zoom: '1',
  'z-index': '2147483647',
};

export interface OverlayOptions {
  /** Host styles added to the defaults (e.g. `inset` for a full-screen dialog). */
  extraStyles?: Record<string, string>;
  /** Stay above top-layer elements the page opens later, checked by hit test (danger, confirm). */
  stayOnTop?: boolean;
  /** Called when the page keeps fighting the host (see {@link OverlayGuard}). */
  onFight?: (recentRepairs: number, why: string) => void;
}

/**
 * Creates a top-layer overlay host attached to `<html>` (or to the page's open modal
 * dialog), guarded against the page.
 *
 * @param kind - a short name for the host (`banner`, `confirm`).
 * @param css - the stylesheet for the shadow tree.
 * @param signal - aborting removes the host and stops guarding it.
 */
export function createOverlay(kind: string, css: string, signal: AbortSignal, options: OverlayOptions = {}): OverlayUi {
  const host = document.createElement(hostTagName(kind));
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `${hostRule({ ...OVERLAY_STYLES, ...options.extraStyles })}${css}`;
  const placement = document.createElement('style');
  root.append(style, placement);
  const destroyed = new AbortController();
  // Chrome 116+, Firefox 124+ (the manifest asks for 120 and 128).
  const both = AbortSignal.any([signal, destroyed.signal]);
  new OverlayGuard(host, both, { stayOnTop: options.stayOnTop ?? false, isOwn: isOwnHost, onFight: options.onFight });
  const destroy = (): void => {
    destroyed.abort();
    host.remove();
  };
  signal.addEventListener('abort', destroy, { once: true });
  return {
    host,
    root,
    destroy,
    setHostStyles: (styles) => {
      placement.textContent = hostRule(styles);
    },
  };
}

/**
 * Creates an inline host (for link and text markers) placed right after `anchor` (an element, or a text node: nothing is split).
 *
 * @param css - the stylesheet for the shadow tree.
 */
export function createInlineHost(anchor: ChildNode, css: string): IsolatedUi {
  const host = document.createElement(hostTagName('mark'));
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `${hostRule({ all: 'initial', display: 'inline-block', visibility: 'visible', opacity: '1', 'vertical-align': 'baseline' })}${css}`;
  root.append(style);
  anchor.after(host);
  return { host, root, destroy: () => host.remove() };
}
