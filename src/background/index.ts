/**
 * Service worker entry: wires message handlers. The work lives in the modules it imports.
 */
import { handleMessages } from '../shared/messaging/messenger';
import type { ContentToBackground } from '../shared/messaging/protocol';
import { getEngine } from './engine-state';
import { pageCheckHandlers } from './page-checks';

handleMessages<ContentToBackground>(pageCheckHandlers);
// Build the matcher now rather than on the first page's message.
getEngine();
console.info('[background] Agency Scam Alert ready');
