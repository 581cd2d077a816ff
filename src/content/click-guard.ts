/**
 * The confirm step cannot be skipped: the per-page script catches link activations from
 * `document_start`, in the capture phase at the window, so its listeners run before any
 * listener a page script can add (listeners of one target and phase run in the order they
 * were added). Covered: plain, middle, Ctrl/Cmd/Shift click, Enter (the browser turns it
 * into a click), and the page's own handlers (`window.open` from a click handler on a
 * guarded link never runs: the event is stopped before it reaches them).
 *
 * - A marked link (flagged by the background, its href unchanged since) is handed to the
 *   page UI's confirm step.
 * - A link whose href changed since it was judged (a page script swapping it between check
 *   and click, a `<base href>` added later) or that was never judged is held: the guard asks
 *   the background about the href the browser would open now, then confirms or opens it
 *   itself. Same-host links are left alone (they share the page's verdict, and single-page
 *   apps route them), unless the feed has path-level entries for the host.
 * - Links judged safe, with the same href, are not touched: the page's handlers run as usual.
 *
 * What is not caught here lands on the warning page anyway: the context menu's "open in new
 * tab", dragging a link to the tab bar, a page that opens windows from `mousedown`: those are
 * navigations, judged by the service worker (`src/background/navigation-judge.ts`).
 *
 * `document.open()` erases every event listener of the document and window, the guard's too:
 * it re-adds them when the document's root is replaced.
 *
 * Cost on every page: three listeners whose work on a click is one `composedPath()` walk and
 * two `WeakMap` reads.
 */
import type { OpenIntent } from './content-ui';

const XLINK = 'http://www.w3.org/1999/xlink';
const WEB_HREF = /^https?:/i;

export interface ClickGuardOptions {
  signal: AbortSignal;
  /** The href last sent to the background for `element`, if any. */
  judgedHref(element: Element): string | undefined;
  /** True when the background flagged `element` with the href it has now. */
  isMarked(element: Element, href: string): boolean;
  /** Same-host links must be checked too (path-level feed entries for this host). */
  checkSameHost(): boolean;
  /** Hands a marked link to the confirm step; false when the page UI does not know it. */
  confirm(element: Element, intent: OpenIntent): boolean;
  /**
   * Judges `href` (with the link's text) now. Resolves true when it was flagged and marked
   * (the confirm step follows), false when it may be opened.
   */
  checkNow(element: Element, href: string, text: string): Promise<boolean>;
  /** Opens `href` as the user asked (after a safe answer). */
  open(href: string, intent: OpenIntent): void;
}

/** The href the browser would open for an HTML or SVG link now, or '' for none. */
export function currentHref(element: Element): string {
  if (element instanceof HTMLAnchorElement || element instanceof HTMLAreaElement) return element.href;
  const raw = element.getAttribute('href') ?? element.getAttributeNS(XLINK, 'href');
  if (!raw) return '';
  try {
    return new URL(raw, document.baseURI).href;
  } catch {
    return '';
  }
}

/** The numbers of an `<area coords>` (CSS pixels from the image's top-left corner). */
function coordsOf(area: HTMLAreaElement): number[] {
  return area.coords
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
}

/** True when (`x`, `y`) relative to the image is inside `area` (HTML's image map shapes). */
export function areaContains(area: HTMLAreaElement, x: number, y: number): boolean {
  const c = coordsOf(area);
  switch ((area.shape || 'rect').toLowerCase()) {
    case 'default':
      return true;
    case 'circle':
    case 'circ':
      return c.length >= 3 && (x - c[0]!) ** 2 + (y - c[1]!) ** 2 <= c[2]! ** 2;
    case 'poly':
    case 'polygon': {
      let inside = false;
      for (let i = 0, j = c.length - 2; i + 1 < c.length; j = i, i += 2) {
        const [xi, yi, xj, yj] = [c[i]!, c[i + 1]!, c[j]!, c[j + 1]!];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    }
    default:
      return (
        c.length >= 4 &&
        x >= Math.min(c[0]!, c[2]!) &&
        x < Math.max(c[0]!, c[2]!) &&
        y >= Math.min(c[1]!, c[3]!) &&
        y < Math.max(c[1]!, c[3]!)
      );
  }
}

/**
 * The `<area>` of `image`'s map under a click, or null. Firefox targets a click on an image
 * map at the `<img>` (Chromium at the `<area>`), then follows the area's link as the image's
 * default action: the guard must find the area itself.
 */
function areaUnder(image: HTMLImageElement, event: MouseEvent): HTMLAreaElement | null {
  const name = image.useMap.replace(/^#/, '');
  if (!name || !('clientX' in event)) return null;
  const map = [...image.ownerDocument.getElementsByTagName('map')].find((m) => m.name === name || m.id === name);
  if (!map) return null;
  const box = image.getBoundingClientRect();
  const x = event.clientX - box.left;
  const y = event.clientY - box.top;
  return [...map.getElementsByTagName('area')].find((area) => area.hasAttribute('href') && areaContains(area, x, y)) ?? null;
}

/** The link an event is about (the innermost `a`/`area` with an href on its path), or null. */
export function linkOf(event: Event): Element | null {
  for (const node of event.composedPath()) {
    if (!(node instanceof Element)) continue;
    if ((node.localName === 'a' || node.localName === 'area') && (node.hasAttribute('href') || node.hasAttributeNS(XLINK, 'href'))) {
      return node;
    }
    if (node instanceof HTMLImageElement && node.useMap && event instanceof MouseEvent) return areaUnder(node, event);
  }
  return null;
}

/** How the user asked to open the link. */
export function intentOf(event: MouseEvent | KeyboardEvent, link: Element): OpenIntent {
  const target = link.getAttribute('target') ?? '';
  const button = 'button' in event ? event.button : 0;
  return {
    newTab: button === 1 || event.ctrlKey || event.metaKey || event.shiftKey || target.toLowerCase() === '_blank',
    target,
  };
}

function stop(event: Event): void {
  event.preventDefault();
  event.stopImmediatePropagation();
}

/** Installs the guard on `window` (capture phase) until `options.signal` aborts. */
export function guardClicks(options: ClickGuardOptions): void {
  const pageOrigin = location.origin;
  const sameHost = (href: string): boolean => href.startsWith(pageOrigin) && '/?#'.includes(href.charAt(pageOrigin.length) || '/');

  const onActivate = (event: MouseEvent): void => {
    if (event.type === 'auxclick' && event.button !== 1) return; // right click: the context menu
    const link = linkOf(event);
    if (!link || link.hasAttribute('download')) return;
    const href = currentHref(link);
    if (!WEB_HREF.test(href)) return;
    const intent = intentOf(event, link);
    if (options.judgedHref(link) === href) {
      if (options.isMarked(link, href) && options.confirm(link, intent)) stop(event);
      return;
    }
    if (sameHost(href) && !options.checkSameHost()) return;
    // Never judged, or the href changed since: hold the navigation and ask first.
    stop(event);
    const text = (link.textContent ?? '').trim().slice(0, 300);
    void options
      .checkNow(link, href, text)
      .then((marked) => {
        if (!marked || !options.confirm(link, intent)) options.open(href, intent);
      })
      .catch(() => options.open(href, intent));
  };

  // Enter on a marked link: keep the page's key handlers away from it (the browser still
  // turns the key into a click, which `onActivate` stops).
  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter') return;
    const link = linkOf(event);
    const href = link ? currentHref(link) : '';
    if (link && options.judgedHref(link) === href && options.isMarked(link, href)) event.stopImmediatePropagation();
  };

  const install = (): void => {
    const listen = { capture: true, signal: options.signal };
    window.addEventListener('click', onActivate, listen);
    window.addEventListener('auxclick', onActivate, listen);
    window.addEventListener('keydown', onKey, listen);
  };
  install();
  const reinstall = new MutationObserver(install);
  reinstall.observe(document, { childList: true });
  options.signal.addEventListener('abort', () => reinstall.disconnect(), { once: true });
}
