/** Opening a link the way the user asked, after the click guard or the confirm step held it. */
import type { OpenIntent } from './content-ui';

/**
 * Opens `href` as the user asked: a new tab (middle, Ctrl/Cmd/Shift click, `_blank`), a
 * named or parent frame (`target`), or this frame. Called from the user's click (or the
 * confirm dialog's button), so the browser's user activation allows the new tab.
 */
export function openHref(href: string, intent: OpenIntent): void {
  if (intent.newTab) window.open(href, '_blank', 'noopener,noreferrer');
  else if (intent.target && !/^_self$/i.test(intent.target)) window.open(href, intent.target);
  else location.assign(href);
}
