/**
 * Content script entry, in every frame from `document_start`. Kept small (no UI framework,
 * no polyfill): it asks the service worker for the page's verdict, scans links in time
 * slices once the document is parsed, watches for new links and text, guards link clicks,
 * and only when something must be shown asks the service worker to inject the page UI
 * (`ui/page-ui.iife.ts`). Page text goes to the service worker only when it names a listed
 * agency (a local prefilter), so ordinary pages send just their URL.
 *
 * - A page (or frame) whose own address is dangerous is replaced by the warning page as soon
 *   as the answer arrives (`warnAt`); the service worker's navigation judge usually got there
 *   first (`src/background/navigation-judge.ts`).
 * - A frame never shows a banner: the service worker sends its findings to the top frame
 *   (`show-banner`), one banner per tab. Markers stay in the frame that has the link.
 *
 * Nothing is added to pages with nothing to flag, and nothing is exposed to the page: no
 * globals, events or attributes. What runs on every page: one `page-check` message, one
 * `textContent` read and regular-expression test, the link scan, and the click guard's
 * three listeners.
 */
import { compileLinkPrefilter } from '../shared/match/link-prefilter';
import { foldText } from '../shared/match/normalize-text';
import type { BannerModel, LinkUiStrings } from '../shared/ui/banner-model';
import { guardClicks } from './click-guard';
import { contentUi, type ContentUi, type MarkedLink } from './content-ui';
import { LinkScanner } from './link-scanner';
import { openHref } from './open-href';
import { hasSensitiveInputs, readText } from './page-signals';
import { onBackgroundMessage, send } from './runtime';
import type { FlaggedLink, LinkSample, TextFinding } from '../shared/messaging/protocol';

const TEXT_LIMIT = 100_000;
/** Characters that only a full fold (NFKC, invisible characters) makes comparable. */
const FOLD_NEEDED = /[\uff01-\uff5e\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;
/**
 * An address written in disguise (`hxxps://`, `[.]`, `(dot)`, a full-width or ideographic dot
 * between letters): sent for a full check even when no agency is named, since disguise is
 * what scam messages use to slip past filters (see `src/shared/match/text-addresses.ts`).
 */
const DISGUISED = /h(?:xx|\*\*)ps?\b|[[({]\s?(?:\.|dot)\s?[\])}]|[a-z0-9][\u3002\uff0e\uff61][a-z]/i;

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
/** The scan of the current page run (the click guard reads what it judged). */
let scanner: LinkScanner | null = null;
let strings: LinkUiStrings | null = null;
let checkSameHost = false;
let pageUrlOfRun = '';
/** Links the background flagged, with the href they had then. */
let marked = new WeakMap<Element, string>();

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

/** Resolves once the document is parsed (at once when it already is). */
function parsed(signal: AbortSignal): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true, signal }));
}

/** Marks the flagged links of a `links-check` answer; returns what was marked. */
async function markFlagged(elements: Element[], samples: LinkSample[], flagged: FlaggedLink[], signal: AbortSignal): Promise<MarkedLink[]> {
  const links: MarkedLink[] = [];
  for (const flag of flagged) {
    const element = elements[flag.index];
    const href = samples[flag.index]?.href;
    if (element && href) links.push({ element, flag, href });
  }
  if (links.length === 0 || !strings) return links;
  const page = await ui();
  if (signal.aborted || !page) return [];
  page.markLinks(links, strings);
  for (const link of links) marked.set(link.element, link.href);
  return links;
}

async function start(): Promise<void> {
  controller?.abort();
  contentUi()?.reset();
  marked = new WeakMap();
  const run = new AbortController();
  controller = run;
  const { signal } = run;
  const pageUrl = location.href;
  pageUrlOfRun = pageUrl;
  const report = await send('page-check', { url: pageUrl });
  if (signal.aborted) return;
  if (report.warnAt) {
    // The page itself is the scam: stop loading it and show the warning page in its place.
    window.stop();
    location.replace(report.warnAt);
    return;
  }
  strings = report.linkUi;
  checkSameHost = report.checkSameHostLinks;
  const needles = report.mentionNeedles;

  const showBanner = async (model: BannerModel | null): Promise<void> => {
    if (!model) return;
    const page = await ui();
    if (!signal.aborted) page?.offerBanner(model, pageUrl);
  };
  await showBanner(report.banner);
  await parsed(signal);
  if (signal.aborted) return;

  const markText = async (findings: TextFinding[]): Promise<void> => {
    if (findings.length === 0 || !strings) return;
    const page = await ui();
    if (!signal.aborted) page?.markText(findings, strings);
  };
  /**
   * Sends `text` for a full check (agency mentions, addresses, numbers) only if it names an
   * agency or has a disguised address; marks what the answer flags.
   */
  const namesAgency = needlePattern(needles);
  const checkText = (text: string): void => {
    if (!namesAgency || signal.aborted) return;
    if (!namesAgency.test(FOLD_NEEDED.test(text) ? foldText(text) : text) && !DISGUISED.test(text)) return;
    void send('text-check', { pageUrl, text, sensitiveInputs: hasSensitiveInputs(document) }).then(async (r) => {
      await showBanner(r.banner);
      await markText(r.findings);
    });
  };
  whenIdle(() => checkText(readText(document.body, TEXT_LIMIT)));

  let textTimer: ReturnType<typeof setTimeout> | undefined;
  let addedText = '';
  const current = new LinkScanner({
    signal,
    checkSameHost: report.checkSameHostLinks,
    prefilter: compileLinkPrefilter(report.linkPrefilter),
    check: async (elements, samples) => {
      const result = await send('links-check', { pageUrl, links: samples });
      if (signal.aborted || result.flagged.length === 0) return result.settledHosts;
      await markFlagged(elements, samples, result.flagged, signal);
      if (result.banner) await showBanner(result.banner);
      return result.settledHosts;
    },
    onMutation: () => {
      if (location.href !== pageUrl && !signal.aborted) void start(); // a single-page app navigated: judge the new URL
    },
    // New text is gathered only where text is checked at all (some agency's campaign is active).
    ...(needles.length > 0 && {
      onAddedText: (text: string) => {
        if (signal.aborted) return;
        addedText = `${addedText} ${text}`.slice(-TEXT_LIMIT);
        clearTimeout(textTimer);
        textTimer = setTimeout(() => {
          const added = addedText;
          addedText = '';
          checkText(added);
        }, 250);
      },
    }),
  });
  scanner = current;
  signal.addEventListener('abort', () => clearTimeout(textTimer), { once: true });
  whenIdle(() => current.start(document));
}

/** Judges one link now (the click guard holds a click on a link not judged as it is). */
async function checkNow(element: Element, href: string, text: string): Promise<boolean> {
  const signal = controller?.signal;
  if (!signal) return false;
  const samples = [{ href: href.slice(0, 8192), text }];
  const result = await send('links-check', { pageUrl: pageUrlOfRun || location.href, links: samples });
  if (result.flagged.length === 0) return false;
  const links = await markFlagged([element], samples, result.flagged, signal);
  if (result.banner) (await ui())?.offerBanner(result.banner, location.href);
  return links.length > 0;
}

/**
 * A top-level document that is not a web page (a new tab's initial about:blank, where
 * `match_about_blank` also injects us in Firefox) has nothing to judge: the script stays
 * idle there. Frames that inherit their parent's origin (about:blank, srcdoc) are judged.
 * In Firefox, a listener in a new tab's initial about:blank kept WebDriver BiDi from
 * opening the next tab.
 */
const nothingToJudge = window.top === window && !/^https?:$/.test(location.protocol);

if (!nothingToJudge) {
  guardClicks({
    signal: new AbortController().signal,
    judgedHref: (element) => scanner?.judgedHref(element),
    isMarked: (element, href) => marked.get(element) === href,
    checkSameHost: () => checkSameHost,
    confirm: (element, intent) => contentUi()?.openMarked(element, intent) ?? false,
    checkNow,
    open: openHref,
  });

  // The active feed changed: judge the page again with the new verdicts, without a reload.
  onBackgroundMessage('verdicts-changed', () => void start());
  // A frame of this tab found something: the top frame shows the one banner.
  onBackgroundMessage('show-banner', ({ model }) => {
    if (window.top !== window) return;
    void ui().then((page) => page?.offerBanner(model, location.href));
  });

  void start().catch((error: unknown) => console.debug('[content] check failed', error));
}
