/**
 * Typed send helpers over `runtime.sendMessage` / `tabs.sendMessage` for the extension pages
 * and the service worker (content scripts use the smaller `src/content/runtime.ts`; the
 * background's receiving side is `src/background/message-dispatcher.ts`). Types only from the
 * protocol: the pages do not load its schemas.
 */
import browser from 'webextension-polyfill';
import type { Envelope, MessagesFrom, RequestOf, ResponseOf, ToContent } from '../shared/messaging/protocol';

/** Sends a message from an extension page (popup, options, interstitial) to the background. */
export function sendToBackground<N extends MessagesFrom<'extension-page' | 'interstitial'>>(
  type: N,
  payload: RequestOf<N>,
): Promise<ResponseOf<N>> {
  const envelope: Envelope<N, RequestOf<N>> = { type, payload };
  return browser.runtime.sendMessage(envelope) as Promise<ResponseOf<N>>;
}

/**
 * Sends a background→content message to one tab (every frame, or only `frameId`); resolves
 * undefined when no content script answers.
 */
export async function sendToTab<N extends keyof ToContent>(
  tabId: number,
  type: N,
  payload: ToContent[N]['request'],
  frameId?: number,
): Promise<ToContent[N]['response'] | undefined> {
  const envelope: Envelope<N, ToContent[N]['request']> = { type, payload };
  try {
    const options = frameId === undefined ? undefined : { frameId };
    return (await browser.tabs.sendMessage(tabId, envelope, options)) as ToContent[N]['response'];
  } catch {
    return undefined;
  }
}
