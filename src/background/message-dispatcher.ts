/**
 * The background's receiving side of the one protocol: the only place that checks who sent a
 * message and validates its payload against `PROTOCOL` before any handler runs; handlers
 * trust their typed arguments. A content script lives in a page the scammer wrote, so its
 * payloads are untrusted; the interstitial can be framed by web pages, so it gets only its
 * own messages.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { PROTOCOL, type Envelope, type RequestOf, type ResponseOf, type SenderKind, type ToBackground } from '../shared/messaging/protocol';
import { senderKind } from '../shared/messaging/sender-kind';

/** A handler: its typed request and the sender (already checked), its typed response. */
export type Handler<N extends ToBackground> = (
  payload: RequestOf<N>,
  sender: Runtime.MessageSender,
) => Promise<ResponseOf<N>> | ResponseOf<N>;

/** Handlers for a set of messages; `satisfies Handlers<ToBackground>` makes a map complete. */
export type Handlers<N extends ToBackground = ToBackground> = { [K in N]: Handler<K> };

/** Why the dispatcher refused a message (logged; the sender's promise rejects with it). */
export function refusal(type: unknown, kind: SenderKind | null): string | null {
  if (typeof type !== 'string' || !Object.hasOwn(PROTOCOL, type)) return `unknown message ${String(type).slice(0, 40)}`;
  const allowed: readonly SenderKind[] = PROTOCOL[type as ToBackground].from;
  if (kind === null) return `message ${type} from a foreign sender`;
  if (!allowed.includes(kind)) return `message ${type} is not for ${kind} senders`;
  return null;
}

/**
 * Registers the background's handlers: one listener that classifies the sender, refuses
 * messages that kind of sender may not send, validates the payload with its schema, then
 * calls the handler.
 *
 * @param handlers - a complete map (every message to the background).
 * @param options.ready - handlers run only after this settles (e.g. stored feeds restored
 *   after the service worker woke up), so no message is answered from a half-started state.
 * @param options.immediate - messages whose handlers run at once and wait for `ready`
 *   themselves when they need it (the warning page must not stay blank while Chromium's
 *   first managed-storage read after start delays the restore).
 */
export function handleMessages(handlers: Handlers, options: { ready?: Promise<unknown>; immediate?: readonly ToBackground[] } = {}): void {
  const ready = (options.ready ?? Promise.resolve()).catch(() => undefined);
  const origin = browser.runtime.getURL('').replace(/\/$/, '');
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    const type = (message as Envelope | null)?.type;
    const kind = senderKind(sender, browser.runtime.id, origin);
    const refused = refusal(type, kind);
    if (refused) {
      console.warn(`[messenger] refused: ${refused}`);
      return Promise.reject(new Error(refused));
    }
    const name = type as ToBackground;
    const parsed = PROTOCOL[name].request.safeParse((message as Envelope).payload);
    if (!parsed.success) {
      const why = `invalid ${name} request: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`;
      console.warn(`[messenger] refused: ${why}`);
      return Promise.reject(new Error(why));
    }
    const handler = handlers[name] as Handler<ToBackground>;
    if (options.immediate?.includes(name)) return Promise.resolve(handler(parsed.data as RequestOf<ToBackground>, sender));
    return ready.then(() => handler(parsed.data as RequestOf<ToBackground>, sender));
  });
}
