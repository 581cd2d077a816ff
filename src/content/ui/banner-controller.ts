/**
 * Shows at most one banner per page: the loudest one offered so far. Once the user
 * dismisses it, nothing quieter or equal comes back on this page load, and the background
 * remembers the dismissal for the site.
 */
import { h, render } from 'preact';
import type { BannerModel, LinkUiStrings } from '../../shared/ui/banner-model';
import { compareSeverity } from '../../shared/match/verdict';
import { BANNER_CSS } from './banner-styles';
import { BannerView, ConfirmView } from './banner-view';
import { createOverlay, type IsolatedUi } from './isolated-host';

export class BannerController {
  private ui: IsolatedUi | null = null;
  private current: BannerModel | null = null;
  private dismissed: BannerModel | null = null;
  private flaggedLinks = 0;
  private linksFound = '';

  constructor(
    private readonly signal: AbortSignal,
    private readonly onDismiss: (model: BannerModel) => void,
  ) {}

  /** Shows `model` if it is louder than what is shown (or was dismissed) on this page. */
  offer(model: BannerModel): void {
    if (this.signal.aborted) return;
    const floor = this.current ?? this.dismissed;
    if (floor && compareSeverity(model.severity, floor.severity) <= 0) return;
    this.current = model;
    this.draw();
  }

  /** Counts dangerous links marked on the page, shown in the banner. */
  addFlaggedLinks(count: number, strings: LinkUiStrings): void {
    this.flaggedLinks += count;
    this.linksFound = strings.linksFound;
    if (this.current) this.draw();
  }

  private draw(): void {
    const model = this.current;
    if (!model) return;
    this.ui ??= createOverlay('banner', BANNER_CSS, this.signal);
    const linkCount = this.flaggedLinks > 0 && this.linksFound ? this.linksFound.replace('{count}', String(this.flaggedLinks)) : null;
    render(h(BannerView, { model, linkCount, onDismiss: () => this.dismiss() }), this.ui.root);
  }

  private dismiss(): void {
    if (!this.current) return;
    this.dismissed = this.current;
    this.current = null;
    this.ui?.destroy();
    this.ui = null;
    this.onDismiss(this.dismissed);
  }

  /**
   * Asks before opening a dangerous link.
   *
   * @returns true when the user chose to open it anyway.
   */
  confirm(strings: LinkUiStrings, body: string, allowProceed: boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const ui = createOverlay('confirm', BANNER_CSS, this.signal, { inset: '0', height: '100%' });
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
