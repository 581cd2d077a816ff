/**
 * Shows at most one banner per page: the loudest one offered so far. Once the user
 * dismisses it, nothing quieter or equal comes back on this page load, and the background
 * remembers the dismissal for the site.
 *
 * The banner must not hide what it warns about: it is compact (`banner-styles.ts`) and sits
 * at the top of the viewport, or at the bottom while at the top it would cover a marked
 * link (or the focused element) that the bottom would not. Placement is recomputed at most
 * once per animation frame on scroll, resize, focus changes and new markers; only pages that
 * show a banner pay for it (a few `getBoundingClientRect` reads per frame while scrolling).
 */
import { h, render } from 'preact';
import type { BannerModel, LinkUiStrings } from '../../shared/ui/banner-model';
import { compareSeverity } from '../../shared/match/verdict';
import { BANNER_CSS } from './banner-styles';
import { BannerView, ConfirmView } from './banner-view';
import { createOverlay, type OverlayUi } from './isolated-host';

/** Marked links considered for placement (the first ones in marking order). */
const PLACEMENT_LINKS = 200;

export type Placement = 'top' | 'bottom';

/** A vertical extent in viewport coordinates (CSS px). */
export interface Extent {
  top: number;
  bottom: number;
}

/**
 * Where the banner should sit: at the top, unless it would cover more of `targets` (marked
 * links, the focused element; only those inside the viewport count) there than at the bottom.
 *
 * @param bannerHeight - the banner's height (CSS px).
 * @param viewportHeight - `innerHeight` (CSS px).
 */
export function choosePlacement(targets: Iterable<Extent>, bannerHeight: number, viewportHeight: number): Placement {
  let top = 0;
  let bottom = 0;
  for (const t of targets) {
    if (t.bottom <= 0 || t.top >= viewportHeight || t.bottom <= t.top) continue;
    if (t.top < bannerHeight) top++;
    if (t.bottom > viewportHeight - bannerHeight) bottom++;
  }
  return top > 0 && bottom < top ? 'bottom' : 'top';
}

export interface BannerControllerOptions {
  onDismiss: (model: BannerModel) => void;
  /** The page keeps fighting a banner (repairs in the guard's window), with its model. */
  onFight?: (model: BannerModel, recentRepairs: number) => void;
  /** Elements to keep visible (the marked links). */
  marked?: () => Iterable<Element>;
}

export class BannerController {
  private ui: OverlayUi | null = null;
  private uiOnTop = false;
  private current: BannerModel | null = null;
  private dismissed: BannerModel | null = null;
  private flaggedLinks = 0;
  private linksFound = '';
  private expanded = false;
  private placement: Placement = 'top';
  private frame = 0;
  private afterFrame: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly signal: AbortSignal,
    private readonly options: BannerControllerOptions,
  ) {
    const listen = { capture: true, passive: true, signal };
    const later = (): void => this.schedulePlacement();
    addEventListener('scroll', later, listen);
    addEventListener('resize', later, listen);
    addEventListener('focusin', later, listen);
    signal.addEventListener(
      'abort',
      () => {
        cancelAnimationFrame(this.frame);
        clearTimeout(this.afterFrame);
      },
      { once: true },
    );
  }

  /** Shows `model` if it is louder than what is shown (or was dismissed) on this page. */
  offer(model: BannerModel): void {
    if (this.signal.aborted) return;
    const floor = this.current ?? this.dismissed;
    const shown = this.current;
    // Fake numbers found later (a tel: link, then the text) join the banner of the same agency.
    const fakePhones = shown?.agency === model.agency ? [...new Set([...shown.fakePhones, ...model.fakePhones])] : model.fakePhones;
    if (floor && compareSeverity(model.severity, floor.severity) <= 0) {
      if (shown && fakePhones.length > shown.fakePhones.length) {
        this.current = { ...shown, fakePhones };
        this.draw();
      }
      return;
    }
    this.current = { ...model, fakePhones };
    this.draw();
  }

  /** Counts dangerous links marked on the page, shown in the banner. */
  addFlaggedLinks(count: number, strings: LinkUiStrings): void {
    this.flaggedLinks += count;
    this.linksFound = strings.linksFound;
    if (this.current) this.draw();
  }

  /**
   * Recomputes the placement after the marked links changed. Measured just after the next
   * frame is rendered, when layout is up to date: measuring in the frame callback itself
   * forced the page's pending layout inside our task (122 ms on a 50,000-link page,
   * `npm run bench:browser`).
   */
  schedulePlacement(): void {
    if (!this.ui || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.afterFrame = setTimeout(() => {
        this.frame = 0;
        this.place();
      }, 0);
    });
  }

  private draw(): void {
    const model = this.current;
    if (!model) return;
    // A danger banner stays above what the page opens later; a calmer one may be covered.
    const onTop = model.severity === 'danger';
    if (this.ui && this.uiOnTop !== onTop) {
      this.ui.destroy();
      this.ui = null;
    }
    this.ui ??= createOverlay('banner', BANNER_CSS, this.signal, {
      stayOnTop: onTop,
      onFight: (repairs) => {
        if (this.current) this.options.onFight?.(this.current, repairs);
      },
    });
    this.uiOnTop = onTop;
    this.render();
    this.schedulePlacement();
  }

  private render(): void {
    const model = this.current;
    if (!model || !this.ui) return;
    const linkCount = this.flaggedLinks > 0 && this.linksFound ? this.linksFound.replace('{count}', String(this.flaggedLinks)) : null;
    render(
      h(BannerView, {
        model,
        linkCount,
        expanded: this.expanded,
        placement: this.placement,
        onToggle: () => {
          this.expanded = !this.expanded;
          this.render();
          this.schedulePlacement();
        },
        onDismiss: () => this.dismiss(),
      }),
      this.ui.root,
    );
  }

  private place(): void {
    if (!this.ui) return;
    const height = this.ui.host.getBoundingClientRect().height;
    const targets: Extent[] = [];
    let n = 0;
    for (const element of this.options.marked?.() ?? []) {
      if (n++ >= PLACEMENT_LINKS) break;
      if (element.isConnected) targets.push(element.getBoundingClientRect());
    }
    const focused = document.activeElement;
    if (focused && focused !== document.body && focused !== document.documentElement && focused !== this.ui.host) {
      targets.push(focused.getBoundingClientRect());
    }
    const placement = choosePlacement(targets, height, innerHeight);
    if (placement === this.placement) return;
    this.placement = placement;
    this.ui.setHostStyles(placement === 'bottom' ? { inset: 'auto 0 0 0' } : {});
    this.render();
  }

  private dismiss(): void {
    if (!this.current) return;
    this.dismissed = this.current;
    this.current = null;
    this.ui?.destroy();
    this.ui = null;
    this.options.onDismiss(this.dismissed);
  }

  /**
   * Asks before opening a dangerous link.
   *
   * @returns true when the user chose to open it anyway.
   */
  confirm(strings: LinkUiStrings, body: string, allowProceed: boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const ui = createOverlay('confirm', BANNER_CSS, this.signal, { extraStyles: { inset: '0', height: '100%' }, stayOnTop: true });
      const previousFocus = document.activeElement as HTMLElement | null;
      const done = (proceed: boolean) => {
        render(null, ui.root);
        ui.destroy();
        previousFocus?.focus?.();
        resolve(proceed);
      };
      render(
        h(ConfirmView, {
          title: strings.confirmTitle,
          body,
          goBack: strings.confirmGoBack,
          proceed: allowProceed ? strings.confirmContinue : null,
          onDone: done,
        }),
        ui.root,
      );
    });
  }
}
