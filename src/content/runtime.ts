/**
 * Messaging for content scripts without webextension-polyfill: in MV3 both Chrome's
 * `chrome.runtime` and Firefox's `browser.runtime` return promises, so the per-page script
 * stays small (the polyfill alone is ~10 KB minified). Types come from the one protocol
 * (`src/shared/messaging/protocol.ts`); only types are imported, so no schema code ships here.
 */
import type { Envelope, MessagesFrom, RequestOf, ResponseOf, ToContent } from '../shared/messaging/protocol';

interface RuntimeApi {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: { addListener(listener: (message: unknown) => Promise<unknown> | undefined): void };
}

const runtime = ((globalThis as { browser?: { runtime: RuntimeApi } }).browser ??
  (globalThis as { chrome?: { runtime: RuntimeApi } }).chrome)!.runtime;

/** Sends a content→background message; resolves with the typed response. */
export function send<N extends MessagesFrom<'content'>>(type: N, payload: RequestOf<N>): Promise<ResponseOf<N>> {
  const envelope: Envelope<N, RequestOf<N>> = { type, payload };
  return runtime.sendMessage(envelope) as Promise<ResponseOf<N>>;
}

/**
 * Listens for background→content messages of one type. Only the extension itself can send
 * to a content script, so the payload is the background's.
 */
export function onBackgroundMessage<N extends keyof ToContent>(type: N, listener: (payload: ToContent[N]['request']) => void): void {
  runtime.onMessage.addListener((message) => {
    if ((message as Envelope | null)?.type !== type) return undefined;
    listener((message as Envelope<N, ToContent[N]['request']>).payload);
    return Promise.resolve({ ok: true });
  });
}
