/**
 * Who sent a runtime message, decided once by the background's dispatcher (never in each
 * handler). Pure: the caller passes the extension's own origin and the sender fields.
 */
import type { SenderKind } from './protocol';

/** The fields of `runtime.MessageSender` that decide the kind. */
export interface SenderFields {
  /** The sending extension's id (`runtime.id` for our own contexts). */
  id?: string;
  /** The sending document's URL (a web page for content scripts, our page for extension pages). */
  url?: string;
  /** Present when the sender runs in a tab (content scripts, pages opened in tabs). */
  tab?: { id?: number };
}

/** Path of the interstitial (warning) page inside the extension. */
export const INTERSTITIAL_PATH = '/src/interstitial/index.html';

/**
 * Classifies a sender.
 *
 * @param sender - the message's sender.
 * @param ownId - this extension's id (`runtime.id`).
 * @param ownOrigin - this extension's origin (`chrome-extension://ID`, `moz-extension://UUID`),
 *   without a trailing slash.
 * @returns the kind, or null for anything that is not this extension (another extension,
 *   a web page through `externally_connectable`, a malformed sender).
 */
export function senderKind(sender: SenderFields, ownId: string, ownOrigin: string): SenderKind | null {
  if (sender.id !== ownId || typeof sender.url !== 'string') return null;
  const url = sender.url;
  if (url === ownOrigin || url.startsWith(`${ownOrigin}/`)) {
    const path = url.slice(ownOrigin.length).split(/[?#]/)[0];
    return path === INTERSTITIAL_PATH ? 'interstitial' : 'extension-page';
  }
  // Our content scripts run in web pages and the blank or srcdoc frames inside them.
  return sender.tab ? 'content' : null;
}
