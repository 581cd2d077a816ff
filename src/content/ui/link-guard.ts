/**
 * Marks dangerous links and opens them only after the confirm step. The marker is an
 * isolated inline element after the link; the link itself is not modified. Clicks are not
 * caught here: the per-page script's click guard (`src/content/click-guard.ts`) listens from
 * `document_start`, before any page script, and hands a flagged link to {@link LinkGuard.open}.
 */
import type { FlaggedLink } from '../../shared/messaging/protocol';
import type { LinkUiStrings } from '../../shared/ui/banner-model';
import type { OpenIntent } from '../content-ui';
import { openHref } from '../open-href';
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
  private readonly all = new Set<Element>();

  constructor(
    signal: AbortSignal,
    private readonly confirm: (link: GuardedLink, strings: LinkUiStrings) => Promise<boolean>,
  ) {
    signal.addEventListener('abort', () => this.clear(), { once: true });
  }

  /** Marks `element` as dangerous (idempotent). */
  mark(element: Element, link: GuardedLink): void {
    this.guarded.set(element, link);
    this.all.add(element);
    if (this.markers.has(element) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml' || element.localName === 'area') return;
    const ui = createInlineHost(element, MARKER_CSS);
    const span = document.createElement('span');
    span.className = 'mark';
    span.setAttribute('role', 'img');
    // A fake number's marker says the genuine one ("Genuine: 3107 1000").
    const words = link.flag.note ? `${link.strings.markerLabel} · ${link.flag.note}` : link.strings.markerLabel;
    span.setAttribute('aria-label', `${words}: ${link.flag.title}`);
    span.title = link.flag.title;
    span.textContent = `⚠ ${words}`;
    ui.root.append(span);
    this.markers.set(element, ui.host);
  }

  /** The marked links, in marking order. */
  marked(): Iterable<Element> {
    return this.all;
  }

  /**
   * The confirm step for a marked link the user activated; opens it only if they choose to.
   *
   * @returns false when `element` is not marked (nothing was shown).
   */
  open(element: Element, intent: OpenIntent): boolean {
    const link = this.guarded.get(element);
    if (!link) return false;
    void this.confirm(link, link.strings).then((proceed) => {
      if (proceed) openHref(link.href, intent);
    });
    return true;
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
}
