/**
 * Messages from the popup and options page (`ui-state`, `settings-update`).
 * Placeholder until the popup and options page land.
 */
import type { Handlers } from '../shared/messaging/messenger';
import type { UiToBackground } from '../shared/messaging/protocol';

export const uiHandlers: Partial<Handlers<UiToBackground>> = {};
