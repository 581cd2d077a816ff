/**
 * When a page's fight against the in-page banner is escalated outside the page (issue 11):
 * shared by the page UI (which counts its repairs, `src/content/ui/overlay-guard.ts`) and the
 * service worker (which decides, `banner-fought`). Pure constants, so the content bundle
 * stays free of the protocol's schemas.
 */

/**
 * Repairs of a danger banner within the guard's window (10 s) that count as a fight: a
 * clumsy page that re-renders its root once or twice on load stays below it; a page that
 * removes, hides or covers the banner again and again reaches it within seconds, even at
 * the guard's throttled pace (16 ms doubling to 1 s between repairs).
 */
export const ESCALATE_AFTER_REPAIRS = 8;
