/**
 * Typed send and handle helpers over `runtime.sendMessage` / `tabs.sendMessage`.
 * The background handler checks the sender: only this extension's own contexts
 * (content scripts in tabs, its pages) are answered.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import type { BackgroundToContent, ContentToBackground, Envelope, MessageName, RequestOf, ResponseOf, UiToBackground } from './protocol';

/** Sends a content→background or page→background message and returns the typed response. */
export function sendToBackground<N extends keyof ContentToBackground | keyof UiToBackground>(
  type: N,
  payload: RequestOf<N>,
): Promise<ResponseOf<N>> {
  const envelope: Envelope<N> = { type, payload };
  return browser.runtime.sendMessage(envelope) as Promise<ResponseOf<N>>;
}

/** Sends a background→content message to one tab; resolves undefined when the tab has no listener. */
export async function sendToTab<N extends keyof BackgroundToContent>(
  tabId: number,
  type: N,
  payload: RequestOf<N>,
): Promise<ResponseOf<N> | undefined> {
  const envelope: Envelope<N> = { type, payload };
  try {
    return (await browser.tabs.sendMessage(tabId, envelope)) as ResponseOf<N>;
  } catch {
    return undefined;
  }
}

export type Handlers<M extends Partial<Record<MessageName, unknown>>> = {
  [N in keyof M & MessageName]: (payload: RequestOf<N>, sender: Runtime.MessageSender) => Promise<ResponseOf<N>> | ResponseOf<N>;
};

/** True for messages from this extension (its content scripts and pages), nothing else. */
export function isOwnSender(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id;
}

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string';
}

/**
 * Registers handlers for a set of messages. Unknown message types and foreign senders get
 * no answer (the promise on their side rejects).
 *
 * @param options.ready - handlers run only after this settles (e.g. stored feeds restored
 *   after the service worker woke up), so no message is answered from a half-started state.
 */
export function handleMessages<M extends Partial<Record<MessageName, unknown>>>(
  handlers: Partial<Handlers<M>>,
  options: { ready?: Promise<unknown> } = {},
): void {
  const ready = (options.ready ?? Promise.resolve()).catch(() => undefined);
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isOwnSender(sender) || !isEnvelope(message)) return undefined;
    const handler = (handlers as Record<string, ((p: unknown, s: Runtime.MessageSender) => unknown) | undefined>)[message.type];
    if (!handler) return undefined;
    return ready.then(() => handler(message.payload, sender));
  });
}
