/**
 * Popup entry: finds the tab it is about (`?tabId=` for tests and the demo, else the
 * active tab), asks the background for the UI state and renders the popup.
 */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import '../shared/ui/ui.css';
import './popup.css';
import { htmlLang, languageFromLocale, translate } from '../shared/i18n/i18n';
import { sendToBackground } from '../platform/messenger';
import { PopupView } from './popup-view';

async function currentTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  return tab?.id;
}

/**
 * The popup's start-up path, as `performance` marks that `npm run bench:browser` reads:
 * `asa:popup-script` (its modules evaluated), `asa:popup-state` (the service worker answered),
 * `asa:popup-rendered`.
 */
async function start(root: HTMLElement): Promise<void> {
  performance.mark('asa:popup-script');
  const fallbackLang = languageFromLocale(navigator.language);
  root.textContent = translate(fallbackLang, 'popupLoading');
  try {
    const state = await sendToBackground('ui-state', { tabId: await currentTabId() });
    performance.mark('asa:popup-state');
    document.documentElement.lang = htmlLang(state.language);
    document.title = translate(state.language, 'extName');
    root.textContent = '';
    render(
      <PopupView
        state={state}
        optionsHref={browser.runtime.getURL('src/options/index.html')}
        extensionVersion={browser.runtime.getManifest().version}
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
      />,
      root,
    );
    performance.mark('asa:popup-rendered');
  } catch (error) {
    console.error('[popup] could not load the UI state', error);
    root.textContent = translate(fallbackLang, 'uiError', error instanceof Error ? error.message : String(error));
  }
}

const root = document.getElementById('app');
if (root) void start(root);
