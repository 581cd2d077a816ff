/**
 * What a person sees, asked the way a page would: boxes inside the viewport, and hit tests
 * (`document.elementFromPoint`) from the page's own world. A point inside the extension's
 * closed shadow tree reaches its host element there, so "the page's hit test reaches our
 * host" means nothing of the page is drawn above the banner at that point.
 */
import type { TestPage } from './driver';

export interface SeenBox {
  /** The box, in CSS pixels of the viewport. */
  rect: { top: number; left: number; width: number; height: number; bottom: number; right: number };
  viewport: { width: number; height: number };
  /** The whole box is inside the viewport. */
  inViewport: boolean;
  /** Every probe point inside the box hits it (or something inside it). */
  onTop: boolean;
  /** What the probe points hit instead, when not on top. */
  covers: string[];
}

/** Page expression: describe `el` (an element expression) as {@link SeenBox}, or null. */
function seenExpression(element: string): string {
  return `(() => {
    const el = ${element};
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const vw = document.documentElement.clientWidth || innerWidth, vh = innerHeight;
    const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, vh);
    const left = Math.max(r.left, 0), right = Math.min(r.right, vw);
    const y = top + Math.min(12, (bottom - top) / 2);
    const points = [[left + 6, y], [(left + right) / 2, y], [right - 6, y], [(left + right) / 2, (top + bottom) / 2]];
    const covers = [];
    for (const [x, py] of points) {
      const hit = document.elementFromPoint(x, py);
      if (!hit || !(hit === el || el.contains(hit))) covers.push(hit ? hit.localName + (hit.id ? '#' + hit.id : '') : 'nothing');
    }
    return {
      rect: { top: r.top, left: r.left, width: r.width, height: r.height, bottom: r.bottom, right: r.right },
      viewport: { width: vw, height: vh },
      inViewport: r.width > 0 && r.height > 0 && r.top >= -0.5 && r.left >= -0.5 && r.bottom <= vh + 0.5 && r.right <= vw + 0.5,
      onTop: bottom > top && right > left && covers.length === 0,
      covers,
    };
  })()`;
}

/** The banner as the page sees it (its host box and hit tests), or null when there is none. */
export function bannerSeen(page: TestPage): Promise<SeenBox | null> {
  return page.evaluate<SeenBox | null>(
    seenExpression(`[...document.querySelectorAll('*')].find((e) => /^asa-[a-z0-9]+-banner$/.test(e.localName))`),
  );
}

/** The element matching `selector` in the page (or the frame whose URL contains `frameUrl`). */
export function elementSeen(page: TestPage, selector: string, frameUrl?: string): Promise<SeenBox | null> {
  return page.evaluate<SeenBox | null>(seenExpression(`document.querySelector(${JSON.stringify(selector)})`), frameUrl);
}

/** True when the banner is drawn inside the viewport and on top at every probe point. */
export function seenOnTop(box: SeenBox | null): boolean {
  return !!box && box.inViewport && box.onTop;
}
