/**
 * Content script entry: runs on every page, asks the service worker for the page's
 * verdict, scans links, watches for new links and text, and shows the banner, markers and
 * confirm step. Nothing is added to the page when there is nothing to flag. Nothing is
 * exposed to the page: no globals, no events, no attributes on page elements.
 */
import browser from 'webextension-polyfill';
import { sendToBackground } from '../shared/messaging/messenger';
import type { Envelope } from '../shared/messaging/protocol';
import { BannerController } from './banner-controller';
import { LinkGuard } from './link-guard';
import { LinkScanner } from './link-scanner';
import { hasSensitiveInputs, readText } from './page-signals';

const TEXT_LIMIT = 100_000;
let controller: AbortController | null = null;

async function start(): Promise<void> {
  controller?.abort();
  const run = new AbortController();
  controller = run;
  const { signal } = run;
  const pageUrl = location.href;
  const report = await sendToBackground('page-check', {
    url: pageUrl,
    text: readText(document.body, TEXT_LIMIT),
    sensitiveInputs: hasSensitiveInputs(document),
  });
  if (signal.aborted) return;

  const banner = new BannerController(signal, report.linkUi, (model) => {
    void sendToBackground('banner-dismissed', { pageUrl, agency: model.agency });
  });
  banner.offer(report.banner);

  const guard = new LinkGuard(
    signal,
    () => report.linkUi.markerLabel,
    (link) => banner.confirm(report.linkUi.confirmTitle, link.flag.detail, !/^(javascript|data|vbscript):/i.test(link.href)),
  );

  let textTimer: ReturnType<typeof setTimeout> | undefined;
  let addedText = '';
  const scanner = new LinkScanner({
    signal,
    checkSameHost: report.checkSameHostLinks,
    check: async (elements, samples) => {
      const result = await sendToBackground('links-check', { pageUrl, links: samples });
      if (signal.aborted) return;
      for (const flagged of result.flagged) {
        const element = elements[flagged.index];
        const href = samples[flagged.index]?.href;
        if (element && href) guard.mark(element, { flag: flagged, href });
      }
      if (result.flagged.length > 0) banner.addFlaggedLinks(result.flagged.length);
      banner.offer(result.banner);
    },
    onAddedText: (text) => {
      if (location.href !== pageUrl) {
        void start(); // single-page app navigated: judge the new URL
        return;
      }
      addedText = `${addedText} ${text}`.slice(-TEXT_LIMIT);
      clearTimeout(textTimer);
      textTimer = setTimeout(() => {
        const text = addedText;
        addedText = '';
        void sendToBackground('text-check', { pageUrl, text, sensitiveInputs: hasSensitiveInputs(document) }).then((r) => {
          if (!signal.aborted) banner.offer(r.banner);
        });
      }, 250);
    },
  });
  signal.addEventListener('abort', () => clearTimeout(textTimer), { once: true });
  scanner.start(document);
}

browser.runtime.onMessage.addListener((message: unknown) => {
  if ((message as Envelope | null)?.type === 'verdicts-changed') {
    void start();
    return Promise.resolve({ ok: true });
  }
  return undefined;
});

void start().catch((error: unknown) => console.debug('[content] check failed', error));
