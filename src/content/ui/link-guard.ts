/**
 * Marks dangerous links and puts a confirm step before navigation. The marker is an
 * isolated inline element after the link; the link itself is not modified. Clicks
 * (mouse, keyboard Enter, middle click) on a marked link are stopped in the capture phase
 * at the window, before the page's own handlers.
 */
import type { FlaggedLink } from '../../shared/messaging/protocol';
import type { LinkUiStrings } from '../../shared/ui/banner-model';
import { MARKER_CSS } from './banner-styles';
import { createInlineHost } from './isolated-host';

export interface GuardedLink {
  flag: FlaggedLink;
  href: string;
  strings: LinkUiStrings;
}

export class LinkGuard {
  private readonly guarded = new WeakMap<Element, GuardedLink>();
  private readonly markers = new WeakMap<Element, HTMLElement>();

  constructor(
    signal: AbortSignal,
    private readonly confirm: (link: GuardedLink, strings: LinkUiStrings) => Promise<boolean>,
  ) {
    const onClick = (event: MouseEvent) => this.intercept(event);
    window.addEventListener('click', onClick, { capture: true, signal });
    window.addEventListener('auxclick', onClick, { capture: true, signal });
    signal.addEventListener('abort', () => this.clear(), { once: true });
  }

  private readonly all = new Set<Element>();

  /** Marks `element` as dangerous (idempotent). */
  mark(element: Element, link: GuardedLink): void {
    this.guarded.set(element, link);
    this.all.add(element);
    if (this.markers.has(element) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml' || element.localName === 'area') return;
    const ui = createInlineHost(element, MARKER_CSS);
    const span = document.createElement('span');
    span.className = 'mark';
    span.setAttribute('role', 'img');
    span.setAttribute('aria-label', `${link.strings.markerLabel}: ${link.flag.title}`);
    span.title = link.flag.title;
    span.textContent = `⚠ ${link.strings.markerLabel}`;
    ui.root.append(span);
    this.markers.set(element, ui.host);
  }

  /** Removes every marker (the feed changed, or the script is shutting down). */
  clear(): void {
    for (const element of this.all) {
      this.markers.get(element)?.remove();
      this.markers.delete(element);
      this.guarded.delete(element);
    }
    this.all.clear();
  }

  private findGuarded(event: Event): [Element, GuardedLink] | null {
    for (const node of event.composedPath()) {
      if (node instanceof Element) {
        const link = this.guarded.get(node);
        if (link) return [node, link];
      }
    }
    return null;
  }

  private intercept(event: MouseEvent): void {
    const hit = this.findGuarded(event);
    if (!hit) return;
    const [element, link] = hit;
    event.preventDefault();
    event.stopImmediatePropagation();
    const newTab = event.button === 1 || event.ctrlKey || event.metaKey || event.shiftKey || element.getAttribute('target') === '_blank';
    void this.confirm(link, link.strings).then((proceed) => {
      if (!proceed) return;
      if (newTab) window.open(link.href, '_blank', 'noopener,noreferrer');
      else window.location.assign(link.href);
    });
  }
}
