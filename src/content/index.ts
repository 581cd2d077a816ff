/**
 * Content script entry, on every page. Kept small (no UI framework, no polyfill): it asks
 * the service worker for the page's verdict, scans links in time slices, watches for new
 * links and text, and only when something must be shown asks the service worker to
 * inject the page UI (`ui/page-ui.iife.ts`). Page text goes to the service worker only
 * when it names a listed agency (a local prefilter), so ordinary pages send just their URL.
 * Nothing is added to pages with nothing to flag, and nothing is exposed to the page:
 * no globals, events or attributes.
 */
import { foldText } from '../shared/match/normalize-text';
import type { BannerModel, LinkUiStrings } from '../shared/ui/banner-model';
import { contentUi, type ContentUi, type MarkedLink } from './content-ui';
import { LinkScanner } from './link-scanner';
import { hasSensitiveInputs, readText } from './page-signals';
import { onBackgroundMessage, send } from './runtime';

const TEXT_LIMIT = 100_000;
/** Characters that only a full fold (NFKC, invisible characters) makes comparable. */
const FOLD_NEEDED = /[\uff01-\uff5e\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

/**
 * One case-insensitive pattern for all needles (white space in a needle matches any run of
 * white space), so the prefilter is a single native regular-expression scan of the text
 * instead of folding the whole text in JavaScript.
 */
function needlePattern(needles: readonly string[]): RegExp | null {
  if (needles.length === 0) return null;
  const escaped = needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  return new RegExp(escaped.join('|'), 'i');
}

let controller: AbortController | null = null;

/** The page UI, injected on first need. */
async function ui(): Promise<ContentUi | undefined> {
  if (!contentUi()) await send('ui-inject', {});
  return contentUi();
}

/** Runs `task` when the page is idle (or soon), so checks never delay the page's own work. */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 50);
}

async function start(): Promise<void> {
  controller?.abort();
  contentUi()?.reset();
  const run = new AbortController();
  controller = run;
  const { signal } = run;
  const pageUrl = location.href;
  const report = await send('page-check', { url: pageUrl });
  if (signal.aborted) return;
  const strings: LinkUiStrings = report.linkUi;
  const needles = report.mentionNeedles;

  const showBanner = async (model: BannerModel | null): Promise<void> => {
    if (!model) return;
    const page = await ui();
    if (!signal.aborted) page?.offerBanner(model, pageUrl);
  };
  await showBanner(report.banner);

  /** Sends `text` for a full check only if it contains an agency's name. */
  const namesAgency = needlePattern(needles);
  const checkText = (text: string): void => {
    if (!namesAgency || signal.aborted) return;
    if (!namesAgency.test(FOLD_NEEDED.test(text) ? foldText(text) : text)) return;
    void send('text-check', { pageUrl, text, sensitiveInputs: hasSensitiveInputs(document) }).then((r) => showBanner(r.banner));
  };
  whenIdle(() => checkText(readText(document.body, TEXT_LIMIT)));

  let textTimer: ReturnType<typeof setTimeout> | undefined;
  let addedText = '';
  const scanner = new LinkScanner({
    signal,
    checkSameHost: report.checkSameHostLinks,
    check: async (elements, samples) => {
      const result = await send('links-check', { pageUrl, links: samples });
      if (signal.aborted || result.flagged.length === 0) return;
      const marked: MarkedLink[] = [];
      for (const flag of result.flagged) {
        const element = elements[flag.index];
        const href = samples[flag.index]?.href;
        if (element && href) marked.push({ element, flag, href });
      }
      const page = await ui();
      if (signal.aborted || !page) return;
      page.markLinks(marked, strings);
      if (result.banner) page.offerBanner(result.banner, pageUrl);
    },
    onAddedText: (text) => {
      if (location.href !== pageUrl) {
        void start(); // a single-page app navigated: judge the new URL
        return;
      }
      if (needles.length === 0) return;
      addedText = `${addedText} ${text}`.slice(-TEXT_LIMIT);
      clearTimeout(textTimer);
      textTimer = setTimeout(() => {
        const added = addedText;
        addedText = '';
        checkText(added);
      }, 250);
    },
  });
  signal.addEventListener('abort', () => clearTimeout(textTimer), { once: true });
  whenIdle(() => scanner.start(document));
}

// The active feed changed: judge the page again with the new verdicts, without a reload.
onBackgroundMessage('verdicts-changed', () => void start());

void start().catch((error: unknown) => console.debug('[content] check failed', error));
