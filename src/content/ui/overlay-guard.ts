/**
 * Keeps an overlay host (the banner, the confirm dialog) attached, shown and on top while a
 * hostile or clumsy page fights it.
 *
 * Design note
 * -----------
 * The host's look cannot be changed from the page at all: every property is set by the
 * shadow tree's own `:host { … !important }` rule, and for important declarations the inner
 * (shadow) context wins over the page's stylesheets *and* its `style` attribute (CSS Cascade
 * 5, "Context"). What the page can still do is structural, and that is what this guard
 * undoes:
 *
 * | page does | guard does |
 * |---|---|
 * | removes the host, moves it (e.g. into a `display:none` element), replaces `<html>` (`document.replaceChild(clone, documentElement)`) or runs `document.open()` | re-attaches the host to the current root; removes impostor copies of its tag (a clone copies the element, not its closed shadow root) |
 * | adds `hidden`, `inert` or any other attribute, removes `popover`, calls `hidePopover()` | removes the attribute, shows the popover again |
 * | opens its own popover, modal `<dialog>` or fullscreen element later (they join the top layer above ours) | moves the host to the top of the top layer (hide + show); into the page's modal dialog while one is open, because everything outside it is inert and could not be clicked |
 * | hides it in a way no event reports (CSSOM, zoom…) | a hit test (`elementFromPoint` inside the host must return the host) after each repair and once per second while the tab is visible |
 *
 * Repairs are never run inside the page's microtask chain: a `MutationObserver` callback only
 * schedules one (a timer task), so a page that removes the host from its own observer, in a
 * tight loop, gets at most one repair per delay and stays responsive. The delay backs off
 * (16 ms doubling to {@link MAX_REPAIR_DELAY_MS}) with the number of repairs in the last
 * {@link REPAIR_WINDOW_MS}, and there is no cap that gives up. The number of recent repairs
 * goes to `onFight`, where a danger banner is escalated outside the page (`banner-fought`).
 *
 * Cost: nothing on pages without an overlay. With one: three mutation observers (the
 * document's child list, the root's child list, the host's attributes, plus `open`
 * attributes in the document), a `toggle` listener, and one hit test per second.
 */

/** Repairs counted for backoff and escalation happen within this window (ms). */
export const REPAIR_WINDOW_MS = 10_000;
/** Longest wait before the next repair when the page keeps fighting (ms). */
export const MAX_REPAIR_DELAY_MS = 1000;
/** First repairs in a window that run without backoff (ms delay 0). */
const FREE_REPAIRS = 3;
/** Period of the hit test while the tab is visible (ms). */
export const CHECK_INTERVAL_MS = 1000;

export interface OverlayGuardOptions {
  /** Keep the host above top-layer elements the page opens later (danger banner, confirm). */
  stayOnTop: boolean;
  /** True for the extension's own hosts (another overlay of ours may cover this one). */
  isOwn: (element: Element) => boolean;
  /** Called after each repair with the number of repairs within {@link REPAIR_WINDOW_MS}. */
  onFight?: (recentRepairs: number, why: string) => void;
}

/** The delay before the next repair after `recent` repairs in the window (ms). */
export function repairDelay(recent: number): number {
  if (recent < FREE_REPAIRS) return 0;
  return Math.min(MAX_REPAIR_DELAY_MS, 16 * 2 ** (recent - FREE_REPAIRS));
}

const supportsPopover = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

/** The element the host belongs in: the page's open modal dialog (its inside is not inert), else `<html>`. */
function attachPoint(): Element | null {
  const modals = document.querySelectorAll('dialog:modal');
  return modals.length > 0 ? modals[modals.length - 1]! : document.documentElement;
}

export class OverlayGuard {
  private readonly repairs: number[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private interval: ReturnType<typeof setInterval> | undefined;
  private pending = '';
  private raising = false;
  private readonly rootObserver: MutationObserver;
  private readonly documentObserver: MutationObserver;
  private readonly hostObserver: MutationObserver;
  private observedRoot: Element | null = null;
  /** Where the host was last attached: anything else is the page's doing. */
  private placedIn: Node | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly signal: AbortSignal,
    private readonly options: OverlayGuardOptions,
  ) {
    this.rootObserver = new MutationObserver(() => {
      if (!this.placed()) this.schedule('removed or moved');
    });
    // The document's own children (`<html>` replaced, `document.open()`) and modal dialogs
    // opening or closing (the host follows the page's open modal dialog).
    this.documentObserver = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'childList') this.schedule('root replaced');
        else if ((record.target as Element).localName === 'dialog') this.schedule('dialog opened or closed', false);
      }
    });
    this.hostObserver = new MutationObserver(() => {
      if (this.unexpectedAttributes()) this.schedule('attribute changed');
    });
    this.documentObserver.observe(document, { childList: true });
    if (options.stayOnTop) this.documentObserver.observe(document, { subtree: true, attributes: true, attributeFilter: ['open'] });
    this.hostObserver.observe(host, { attributes: true });
    const listen = { capture: true, signal };
    // hidePopover() by the page changes no attribute: the host's own toggle event reports it.
    host.addEventListener('toggle', (e) => this.onToggle(e as ToggleEvent), listen);
    if (options.stayOnTop) {
      document.addEventListener('toggle', (e) => this.onPageTopLayer(e), listen);
      document.addEventListener('fullscreenchange', () => this.schedule('fullscreen', false), listen);
    }
    this.interval = setInterval(() => this.check(), CHECK_INTERVAL_MS);
    signal.addEventListener('abort', () => this.stop(), { once: true });
    this.attach();
    this.afterFrame(() => this.check());
  }

  /** Attaches the host to the current root (or open modal dialog) and shows it in the top layer. */
  attach(): void {
    const point = attachPoint();
    if (!point) return; // document.open() left no root yet: the document observer calls back
    for (const copy of [...document.getElementsByTagName(this.host.localName)]) if (copy !== this.host) copy.remove();
    for (const name of this.host.getAttributeNames()) if (name !== 'popover') this.host.removeAttribute(name);
    if (this.host.parentNode !== point) point.append(this.host);
    this.placedIn = point;
    const root = document.documentElement;
    if (root && root !== this.observedRoot) {
      this.rootObserver.disconnect();
      this.rootObserver.observe(root, { childList: true });
      this.observedRoot = root;
    }
    if (point !== root) this.rootObserver.observe(point, { childList: true });
    if (!supportsPopover) return;
    if (this.host.getAttribute('popover') !== 'manual') this.host.setAttribute('popover', 'manual');
    try {
      if (!this.host.matches(':popover-open')) this.host.showPopover();
    } catch {
      // Not connected yet: the fixed position and z-index still apply.
    }
  }

  /** Moves the host to the top of the top layer (above what the page opened since). */
  private raise(): void {
    if (!supportsPopover || !this.host.isConnected) return;
    this.raising = true;
    try {
      if (this.host.matches(':popover-open')) this.host.hidePopover();
      this.host.showPopover();
    } catch {
      // ignore: attach() repairs what is left
    } finally {
      this.raising = false;
    }
  }

  /** The host's own toggle events are async: by then a move of ours has shown it again. */
  private onToggle(event: ToggleEvent): void {
    if (event.target === this.host && !this.raising && !this.intact()) this.schedule('popover hidden');
  }

  private onPageTopLayer(event: Event): void {
    const target = event.target as Element;
    if (target === this.host || this.options.isOwn(target) || (event as ToggleEvent).newState !== 'open') return;
    if (target.localName === 'dialog' || target.hasAttribute('popover')) this.schedule('page opened a top-layer element', false);
  }

  private unexpectedAttributes(): boolean {
    return (
      this.host.getAttributeNames().some((n) => n !== 'popover') || (supportsPopover && this.host.getAttribute('popover') !== 'manual')
    );
  }

  /** True when the host is still where this guard put it (the page did not remove or move it). */
  private placed(): boolean {
    return this.host.isConnected && this.placedIn !== null && this.host.parentNode === this.placedIn;
  }

  /** True when the host is placed, carries no foreign attribute and is shown. */
  private intact(): boolean {
    return this.placed() && !this.unexpectedAttributes() && (!supportsPopover || this.host.matches(':popover-open'));
  }

  /**
   * Schedules a repair in a timer task (never in the page's microtask chain).
   *
   * @param counts - false for a plain raise above what the page opened (a legitimate page
   *   opens menus and dialogs): only tampering, or a failed hit test, counts as a fight.
   */
  private schedule(why: string, counts = true): void {
    if (this.signal.aborted) return;
    if (counts && !this.pending) this.pending = why;
    if (this.timer !== undefined) return;
    this.prune();
    this.timer = setTimeout(() => this.repair(), repairDelay(this.repairs.length));
  }

  private repair(): void {
    this.timer = undefined;
    const fight = this.pending;
    this.pending = '';
    if (this.signal.aborted) return;
    const tampered = !this.intact();
    this.attach();
    if (this.options.stayOnTop) this.raise();
    if (fight || tampered) this.count(fight || 'tampered');
    this.afterFrame(() => this.check());
  }

  private count(why: string): void {
    this.repairs.push(Date.now());
    this.prune();
    this.options.onFight?.(this.repairs.length, why);
  }

  private prune(): void {
    const since = Date.now() - REPAIR_WINDOW_MS;
    while (this.repairs.length > 0 && this.repairs[0]! < since) this.repairs.shift();
  }

  /** The hit test: a point inside the host must reach the host. */
  private check(): void {
    if (this.signal.aborted || this.timer !== undefined || document.visibilityState === 'hidden') return;
    if (!this.intact()) {
      this.schedule('not attached');
      return;
    }
    if (this.host.parentNode !== attachPoint()) {
      this.schedule('modal dialog changed', false);
      return;
    }
    if (!this.options.stayOnTop) return;
    const box = this.host.getBoundingClientRect();
    const x = Math.min(Math.max(box.left + 8, 1), innerWidth - 2);
    const y = Math.min(Math.max(box.top + Math.min(box.height / 2, 12), 1), innerHeight - 2);
    const hit = box.width >= 1 && box.height >= 1 ? document.elementFromPoint(x, y) : null;
    if (hit !== this.host && !(hit && this.options.isOwn(hit))) this.schedule('covered or hidden');
  }

  private afterFrame(task: () => void): void {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(task, 0));
    else setTimeout(task, 16);
  }

  private stop(): void {
    clearTimeout(this.timer);
    clearInterval(this.interval);
    this.rootObserver.disconnect();
    this.documentObserver.disconnect();
    this.hostObserver.disconnect();
  }
}
