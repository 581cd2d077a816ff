/**
 * Feed subscription messages from the options page (`feed-subscribe`, `feed-unsubscribe`,
 * `feed-check-now`). Placeholder until the feed updater lands: reports the embedded feed only.
 */
import type { Handlers } from '../shared/messaging/messenger';
import type { UiToBackground } from '../shared/messaging/protocol';

export const feedHandlers: Partial<Handlers<UiToBackground>> = {};
