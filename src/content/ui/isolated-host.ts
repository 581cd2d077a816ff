/**
 * Hosts for the extension's in-page UI, isolated from the page: an element with a random
 * custom-element name (a page cannot pre-define it), a closed shadow root (page scripts
 * cannot reach inside), `all: initial` and `!important` inline styles on the host (page
 * stylesheets cannot restyle or hide it: an inline important declaration beats any
 * stylesheet), and for overlays the top layer (`popover`), above any z-index. A
 * MutationObserver puts the host back if the page removes or restyles it.
 */

const HOST_NAME = `asa-${Math.random().toString(36).slice(2, 10)}`;

/** Builds a random-suffixed custom element name, shared by every host of this page load. */
export function hostTagName(kind: string): string {
  return `${HOST_NAME}-${kind}`;
}

function applyStyles(host: HTMLElement, styles: Record<string, string>): void {
  for (const [property, value] of Object.entries(styles)) host.style.setProperty(property, value, 'important');
}

export interface IsolatedUi {
  host: HTMLElement;
  root: ShadowRoot;
  /** Removes the host for good (no re-insertion). */
  destroy(): void;
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
  'z-index': '2147483647',
};

/**
 * Creates a top-layer overlay host attached to `<html>`.
 *
 * @param kind - a short name for the host (`banner`, `confirm`).
 * @param css - the stylesheet for the shadow tree.
 * @param signal - aborting removes the host and stops guarding it.
 * @param extraStyles - host styles added to the defaults (e.g. `inset` for a dialog).
 */
export function createOverlay(kind: string, css: string, signal: AbortSignal, extraStyles: Record<string, string> = {}): IsolatedUi {
  const host = document.createElement(hostTagName(kind));
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `:host{all:initial !important}${css}`;
  root.append(style);
  const styles = { ...OVERLAY_STYLES, ...extraStyles };
  let destroyed = false;
  let repairs = 0;

  const attach = (): void => {
    applyStyles(host, styles);
    if (!host.isConnected) document.documentElement.append(host);
    if (typeof host.showPopover === 'function') {
      if (host.getAttribute('popover') !== 'manual') host.setAttribute('popover', 'manual');
      try {
        if (!host.matches(':popover-open')) host.showPopover();
      } catch {
        // Not connected or not supported: the fixed position and z-index still apply.
      }
    }
  };
  attach();

  // Repair page tampering, with a cap so a hostile page cannot make us loop forever.
  const observer = new MutationObserver(() => {
    if (destroyed || repairs > 100) return;
    const tampered =
      !host.isConnected ||
      host.hasAttribute('hidden') ||
      host.style.getPropertyValue('display') !== 'block' ||
      !host.matches(':popover-open');
    if (!tampered) return;
    repairs++;
    host.removeAttribute('hidden');
    attach();
  });
  observer.observe(document.documentElement, { childList: true });
  observer.observe(host, { attributes: true });
  // hidePopover() by the page changes no attribute: watch the toggle event instead.
  host.addEventListener('toggle', (event) => {
    if (!destroyed && repairs <= 100 && (event as ToggleEvent).newState === 'closed') {
      repairs++;
      attach();
    }
  });

  const destroy = (): void => {
    destroyed = true;
    observer.disconnect();
    host.remove();
  };
  signal.addEventListener('abort', destroy, { once: true });
  return { host, root, destroy };
}

/**
 * Creates an inline host (for link markers) placed right after `anchor`.
 *
 * @param css - the stylesheet for the shadow tree.
 */
export function createInlineHost(anchor: Element, css: string): IsolatedUi {
  const host = document.createElement(hostTagName('mark'));
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `:host{all:initial !important}${css}`;
  root.append(style);
  applyStyles(host, { all: 'initial', display: 'inline-block', visibility: 'visible', opacity: '1', 'vertical-align': 'baseline' });
  anchor.after(host);
  return { host, root, destroy: () => host.remove() };
}
