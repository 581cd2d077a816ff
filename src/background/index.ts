/**
 * Service worker entry: wires message handlers and start-up work. The work lives in the
 * modules it imports; each feature exports its handler map, and the map below must be
 * complete (`satisfies Handlers`): a message in the protocol without a handler does not
 * compile. The dispatcher (`handleMessages`) checks every sender and payload first.
 */
import { handleMessages, type Handlers } from './message-dispatcher';
import { getEngine } from './engine-state';
import { startBlockRules } from './dnr-rules';
import { feedHandlers } from './feed-handlers';
import { startFeedUpdates } from './feed-updater';
import { interstitialHandlers, startInterstitialAllowances, startInterstitialInfo } from './interstitial-handlers';
import { startNavigationJudge } from './navigation-judge';
import { pageCheckHandlers } from './page-checks';
import { uiHandlers } from './ui-handlers';

performance.mark('asa:modules-evaluated');
// Build the matcher now rather than on the first page's message. The marks time the
// cold-start path (service-worker start → engine → restored feeds → first verdict); they
// stay inside the worker and `npm run bench:browser` reads them (docs/performance.md).
getEngine();
performance.mark('asa:engine-ready');
// Restore the stored feeds, listen for the refresh alarm, policy and subscription changes.
// Messages wait for the restore, so no page is judged by the embedded feed alone.
const ready = startFeedUpdates();
void ready.then(() => performance.mark('asa:feeds-restored'));
handleMessages({ ...pageCheckHandlers, ...feedHandlers, ...uiHandlers, ...interstitialHandlers } satisfies Handlers, {
  ready,
  immediate: ['interstitial-info'],
});
startInterstitialInfo(ready);
// Judge every navigation with the engine: a dangerous page gets the warning page instead.
startNavigationJudge(ready);
// Pre-block known scam pages (rules follow every feed change) and expire "continue anyway".
startBlockRules();
startInterstitialAllowances();
console.info('[background] Agency Scam Alert ready');
