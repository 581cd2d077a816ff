/**
 * Finds the page's links, including SVG links (`xlink:href`), links inside open shadow
 * roots, and links added or changed later (a webmail opening a message, infinite scroll),
 * and hands them to `check` in batches. Work is cut into slices of at most
 * {@link SLICE_MS} so the page never sees a long task; a mutation costs work in proportion
 * to the nodes it added, never a rescan of the page. Links that the feed's prefilter says
 * cannot be flagged (`src/shared/match/link-prefilter.ts`) never leave the page, and what
 * is left goes out at most once per {@link SEND_INTERVAL_MS}.
 */
import { DOT_LIKE, mayFlagLink, serializedUrlParts, settleHosts, type LinkPrefilter } from '../shared/match/link-prefilter';
import type { LinkSample } from '../shared/messaging/protocol';

/** Longest run of scanning before yielding to the page (ms). Long tasks start at 50 ms. */
export const SLICE_MS = 8;
/** Links per message to the background. */
export const BATCH_SIZE = 1000;
/**
 * Shortest time between two `links-check` messages (ms): a page that keeps adding links
 * (infinite scroll, a live feed) costs one message per window, not one per mutation. Issue 15
 * set 250 ms; a link is still marked within about this long after it enters the page.
 */
export const SEND_INTERVAL_MS = 250;
/** Visible text kept per link (characters). */
const TEXT_LIMIT = 300;
const XLINK = 'http://www.w3.org/1999/xlink';
/** HTML and SVG links (a type selector matches `a` in any namespace). */
const LINK_SELECTOR = 'a, area';

export interface ScannerOptions {
  signal: AbortSignal;
  /** Also check links to the page's own host (the feed has path-level entries for it). */
  checkSameHost: boolean;
  /**
   * The feed's link prefilter (`compileLinkPrefilter(report.linkPrefilter)`): links it rules
   * out are judged here, without a message.
   */
  prefilter: LinkPrefilter;
  /**
   * Judges a batch; resolves with the hosts the background settled (their later links stay in
   * the page: see `settleHosts`).
   */
  check: (elements: Element[], samples: LinkSample[]) => Promise<readonly string[]>;
  /** Called once per batch of mutations (a single-page app may have navigated). */
  onMutation?: () => void;
  /** Called with the text of added subtrees, so new text (an opened message) is checked too. */
  onAddedText?: (text: string) => void;
}

/** The raw href of an HTML or SVG link, or null. */
function rawHref(element: Element): string | null {
  return element.getAttribute('href') ?? element.getAttributeNS(XLINK, 'href');
}

/**
 * The text around a `tel:` link (the link's parent, or a few levels up when that is short),
 * at most {@link TEXT_LIMIT} characters centred on the link: whether it names an agency
 * decides whether the number is presented as the agency's.
 */
function textAround(element: Element): string {
  let block: Element | null = element.parentElement;
  for (let up = 0; block && up < 3 && (block.textContent ?? '').trim().length < 40 && block.parentElement; up++) {
    block = block.parentElement;
  }
  const text = (block?.textContent ?? '').replace(/\s+/g, ' ');
  if (text.length <= TEXT_LIMIT) return text;
  const at = Math.max(0, text.indexOf((element.textContent ?? '').replace(/\s+/g, ' ').trim()));
  const from = Math.max(0, Math.min(at - TEXT_LIMIT / 2, text.length - TEXT_LIMIT));
  return text.slice(from, from + TEXT_LIMIT);
}

function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function nowMs(): number {
  return performance.now();
}

export class LinkScanner {
  private readonly queue: Node[] = [];
  private seen = new WeakSet<Element>();
  /** The href each link had when it was queued for the background (see {@link judgedHref}). */
  private judged = new WeakMap<Element, string>();
  private readonly watched = new WeakSet<ShadowRoot>();
  private pending: Array<{ element: Element; sample: LinkSample }> = [];
  private running = false;
  /** When the last `links-check` went out (ms, `performance.now()`), and the timer for the next. */
  private lastSent = -Infinity;
  private sendTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly observer: MutationObserver;
  /** `scheme://host:port` of the page, and its URL without the fragment. */
  private readonly pageOrigin = location.origin;
  private readonly pageBase = location.href.split('#')[0]!;

  constructor(private readonly options: ScannerOptions) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
    options.signal.addEventListener(
      'abort',
      () => {
        this.observer.disconnect();
        clearTimeout(this.sendTimer);
      },
      { once: true },
    );
  }

  /** Scans `root` now and watches it for changes. */
  start(root: Node = document): void {
    this.watch(root);
    this.enqueue(root);
  }

  /**
   * The href `element` had when the background answered about it, or its current href when
   * it is clean here (see `judgeLocally`: judged again now, nothing is kept for such links), or
   * undefined when it is not judged yet. The click guard compares it with the href the
   * browser would open now, and holds the click when they differ.
   */
  judgedHref(element: Element): string | undefined {
    const judged = this.judged.get(element);
    if (judged !== undefined) return judged;
    if (this.seen.has(element)) return undefined; // sent, not answered yet
    const local = this.judgeLocally(element);
    return local?.clean ? local.href : undefined;
  }

  private watch(root: Node): void {
    this.observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['href', 'xlink:href'] });
  }

  private enqueue(node: Node): void {
    this.queue.push(node);
    if (!this.running) void this.run();
  }

  /** A `<base href>` changed every relative link's target: judge every link again. */
  private rescanAll(): void {
    this.seen = new WeakSet();
    this.enqueue(document);
  }

  private onMutations(records: MutationRecord[]): void {
    this.options.onMutation?.();
    let text = '';
    for (const record of records) {
      if (record.type === 'attributes') {
        const element = record.target as Element;
        if (element.localName === 'base') {
          this.rescanAll();
          return;
        }
        this.seen.delete(element);
        this.enqueue(element);
        continue;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          if ((node as Element).localName === 'base') {
            this.rescanAll();
            return;
          }
          if ((node as Element).localName.startsWith('asa-')) continue; // our own UI
          this.enqueue(node);
          if (this.options.onAddedText && text.length < 20_000) text += ` ${node.textContent ?? ''}`;
        } else if (node.nodeType === Node.TEXT_NODE && this.options.onAddedText && text.length < 20_000) {
          text += ` ${node.nodeValue ?? ''}`;
        }
      }
    }
    if (text.trim()) this.options.onAddedText?.(text);
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      let sliceStart = nowMs();
      // Called only when the slice is used up (a check per node is a cheap clock read; an
      // await per node would cost a promise and a microtask each).
      const pause = async (): Promise<boolean> => {
        await this.flush(false);
        await yieldToPage();
        sliceStart = nowMs();
        return !this.options.signal.aborted;
      };
      while (this.queue.length > 0 && !this.options.signal.aborted) {
        const root = this.queue.shift()!;
        // Links first, through one native query (it also matches SVG <a>).
        if (root.nodeType === Node.ELEMENT_NODE && (root as Element).matches(LINK_SELECTOR)) this.visitLink(root as Element);
        for (const link of (root as ParentNode).querySelectorAll(LINK_SELECTOR)) {
          this.visitLink(link);
          if (nowMs() - sliceStart > SLICE_MS && !(await pause())) return;
        }
        // Then open shadow roots, which no selector finds: a walk over the elements.
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const shadow = (node as Element).shadowRoot;
          if (shadow && !this.watched.has(shadow)) {
            this.watched.add(shadow);
            this.watch(shadow);
            this.queue.push(shadow);
          }
          if (nowMs() - sliceStart > SLICE_MS && !(await pause())) return;
        }
      }
      await this.flush(true);
    } finally {
      this.running = false;
    }
    if (this.queue.length > 0) void this.run();
  }

  private visitLink(element: Element): void {
    if (this.seen.has(element)) return;
    const local = this.judgeLocally(element);
    // Links judged here keep no state (a 50,000-link page would hold a map entry per link):
    // `judgedHref` judges them again, cheaply, when one is clicked.
    if (!local || local.clean) return;
    this.seen.add(element);
    const { href, text } = local;
    const shown = text.trim().slice(0, TEXT_LIMIT);
    const sample: LinkSample = /^tel:/i.test(href) ? { href, text: shown, context: textAround(element) } : { href, text: shown };
    this.pending.push({ element, sample });
  }

  /**
   * What can be said about a link without the background: its href (null when it has none)
   * and whether it is clean here — an in-page anchor, a same-host link that shares the page's
   * verdict (its text shows no domain), or a link the feed's prefilter rules out.
   */
  private judgeLocally(element: Element): { href: string; text: string; clean: boolean } | null {
    // HTML links give their resolved address and its parts without any parsing here.
    const html = element instanceof HTMLAnchorElement || element instanceof HTMLAreaElement ? element : null;
    let href: string;
    if (html) {
      href = html.href;
    } else {
      const raw = rawHref(element);
      if (!raw) return null;
      try {
        href = new URL(raw, document.baseURI).href;
      } catch {
        href = raw;
      }
    }
    if (!href) return null;
    const text = element.textContent ?? '';
    if (!this.mayFlag(html, href, text)) return { href, text, clean: true };
    const sameHost = href.startsWith(this.pageOrigin) && '/?#'.includes(href.charAt(this.pageOrigin.length) || '/');
    if (sameHost && href.startsWith(this.pageBase) && href.charAt(this.pageBase.length) === '#') return { href, text, clean: true };
    // Same-host links share the page's verdict, unless their text shows a domain.
    const clean = sameHost && !this.options.checkSameHost && !DOT_LIKE.test(text);
    return { href, text, clean };
  }

  /** The prefilter for one link (the path is read only for a redirect wrapper's host). */
  private mayFlag(html: HTMLAnchorElement | HTMLAreaElement | null, href: string, text: string): boolean {
    if (html) {
      // The parts of the browser-serialized href, without more DOM calls (see serializedUrlParts).
      const parts = serializedUrlParts(href) ?? { protocol: html.protocol, hostname: html.hostname };
      return mayFlagLink(
        {
          ...parts,
          get pathname() {
            return html.pathname;
          },
          text,
        },
        this.options.prefilter,
      );
    }
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return true; // let the engine judge what the browser could not parse
    }
    return mayFlagLink({ protocol: url.protocol, hostname: url.hostname, pathname: url.pathname, text }, this.options.prefilter);
  }

  /**
   * Sends pending links: full batches as they fill, and (`all`) the rest; never two messages
   * within {@link SEND_INTERVAL_MS}: a send that comes too soon is put off to the window's end.
   */
  private async flush(all: boolean): Promise<void> {
    while (this.pending.length >= (all ? 1 : BATCH_SIZE)) {
      const wait = this.lastSent + SEND_INTERVAL_MS - nowMs();
      if (wait > 0) {
        if (this.sendTimer === undefined) {
          this.sendTimer = setTimeout(() => {
            this.sendTimer = undefined;
            if (!this.options.signal.aborted) void this.flush(true);
          }, wait);
        }
        return;
      }
      this.lastSent = nowMs();
      const batch = this.pending.splice(0, BATCH_SIZE);
      const settled = await this.options.check(
        batch.map((b) => b.element),
        batch.map((b) => b.sample),
      );
      settleHosts(this.options.prefilter, settled);
      // Judged (and marked, when flagged) only now: a click before the answer is held.
      for (const { element, sample } of batch) this.judged.set(element, sample.href);
    }
  }
}
