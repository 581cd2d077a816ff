/**
 * Interstitial entry: shown instead of a dangerous page (a declarativeNetRequest rule
 * redirected it before any request, or the navigation judge / content script sent it here),
 * or instead of a page that fought the in-page banner. The page's URL is in the fragment,
 * the flags in the query (`shared/navigation/warning-page.ts`). The background answers what
 * to show (`interstitial-info`) from the active feed.
 */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { languageFromLocale, translate } from '../shared/i18n/i18n';
import { parseWarningPageUrl, warningPageUrl } from '../shared/navigation/warning-page';
import { sendToBackground } from '../platform/messenger';
import { InterstitialView } from './interstitial-view';
import './interstitial.css';

const framed = window.top !== window;

/** Goes back `steps` history entries, or closes a tab that has nowhere to go back to. */
async function goBack(steps: number): Promise<void> {
  if (history.length > steps) {
    history.go(-steps);
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
  const { url, reason, pushed } = parseWarningPageUrl(location.href);
  const info = await sendToBackground('interstitial-info', { url, reason });
  document.documentElement.lang = info.lang;
  document.title = translate(info.language, 'interstitialPageTitle');
  render(
    <InterstitialView
      info={info}
      framed={framed}
      onGoBack={() => void goBack(pushed ? info.backSteps : 1)}
      onOpenInTab={() => window.open(warningPageUrl(location.href.split(/[?#]/)[0]!, url, { reason }), '_blank', 'noopener')}
      onContinue={async () => {
        const result = await sendToBackground('interstitial-continue', { url, reason });
        if (result.ok) location.replace(url);
        return result.ok;
      }}
    />,
    root,
  );
}

const root = document.getElementById('app');
if (root) void start(root).catch((error: unknown) => console.error('[interstitial] failed to start', error));
