/** Options page entry: asks the background for the UI state and wires the actions. */
import { render } from 'preact';
import '../shared/ui/ui.css';
import './options.css';
import { languageFromLocale, translate } from '../shared/i18n/i18n';
import { sendToBackground } from '../platform/messenger';
import { OptionsView, type OptionsActions } from './options-view';

const actions: OptionsActions = {
  preview: (url, publicKey) => sendToBackground('feed-preview', { url, publicKey }),
  subscribe: (url, publicKey) => sendToBackground('feed-subscribe', { url, publicKey }),
  unsubscribe: (url) => sendToBackground('feed-unsubscribe', { url }),
  checkNow: () => sendToBackground('feed-check-now', {}),
  updateSettings: (patch) => sendToBackground('settings-update', { patch }),
};

async function start(root: HTMLElement): Promise<void> {
  const fallbackLang = languageFromLocale(navigator.language);
  root.textContent = translate(fallbackLang, 'popupLoading');
  try {
    const state = await sendToBackground('ui-state', {});
    root.textContent = '';
    render(<OptionsView state={state} actions={actions} />, root);
  } catch (error) {
    console.error('[options] could not load the UI state', error);
    root.textContent = translate(fallbackLang, 'uiError', error instanceof Error ? error.message : String(error));
  }
}

const root = document.getElementById('app');
if (root) void start(root);
