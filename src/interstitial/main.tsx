/**
 * Interstitial entry: shown instead of a page the active feed blocks (the browser was
 * redirected here by a declarativeNetRequest rule before sending any request). The blocked
 * URL is in the fragment. The background answers what to show (`interstitial-info`) from
 * the active feed.
 */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { languageFromLocale, translate } from '../shared/i18n/i18n';
import { sendToBackground } from '../platform/messenger';
import { InterstitialView } from './interstitial-view';
import './interstitial.css';

/** The blocked URL: everything after the first `#` (the rule substitutes the whole URL). */
function blockedUrl(): string {
  const hash = location.href.indexOf('#');
  return hash < 0 ? '' : location.href.slice(hash + 1);
}

const framed = window.top !== window;

async function goBack(): Promise<void> {
  if (history.length > 1) {
    history.back();
    return;
  }
  // Opened in a new tab with nowhere to go back to: close it.
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  if (tab?.id !== undefined) await browser.tabs.remove(tab.id);
  else window.close();
}

async function start(root: HTMLElement): Promise<void> {
  const fallback = languageFromLocale(navigator.language);
  document.title = translate(fallback, 'interstitialPageTitle');
  const url = blockedUrl();
  const info = await sendToBackground('interstitial-info', { url });
  document.documentElement.lang = info.lang;
  document.title = translate(info.language, 'interstitialPageTitle');
  render(
    <InterstitialView
      info={info}
      framed={framed}
      onGoBack={() => void goBack()}
      onContinue={async () => {
        const result = await sendToBackground('interstitial-continue', { url });
        if (result.ok) location.replace(url);
        return result.ok;
      }}
    />,
    root,
  );
}

const root = document.getElementById('app');
if (root) void start(root).catch((error: unknown) => console.error('[interstitial] failed to start', error));
