/**
 * Finds the page's links, including SVG links (`xlink:href`), links inside open shadow
 * roots, and links added or changed later (a webmail opening a message, infinite scroll),
 * and hands them to `check` in batches. Work is cut into slices of at most
 * {@link SLICE_MS} so the page never sees a long task; a mutation costs work in proportion
 * to the nodes it added, never a rescan of the page.
 */
import type { LinkSample } from '../shared/messaging/protocol';

/** Longest run of scanning before yielding to the page (ms). Long tasks start at 50 ms. */
export const SLICE_MS = 8;
/** Links per message to the background. */
export const BATCH_SIZE = 1000;
/** Visible text kept per link (characters). */
const TEXT_LIMIT = 300;
const XLINK = 'http://www.w3.org/1999/xlink';

export interface ScannerOptions {
  signal: AbortSignal;
  /** Also check links to the page's own host (the feed has path-level entries for it). */
  checkSameHost: boolean;
  /** Judges a batch; resolves when done. */
  check: (elements: Element[], samples: LinkSample[]) => Promise<void>;
  /** Called with the text of added subtrees, so new text (an opened message) is checked too. */
  onAddedText?: (text: string) => void;
}

/** The raw href of an HTML or SVG link, or null. */
function rawHref(element: Element): string | null {
  return element.getAttribute('href') ?? element.getAttributeNS(XLINK, 'href');
}

function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function nowMs(): number {
  return performance.now();
}

export class LinkScanner {
  private readonly queue: Node[] = [];
  private readonly seen = new WeakSet<Element>();
  private pending: Array<{ element: Element; sample: LinkSample }> = [];
  private running = false;
  private readonly observer: MutationObserver;
  private readonly pageHost = location.hostname;

  constructor(private readonly options: ScannerOptions) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
    options.signal.addEventListener('abort', () => this.observer.disconnect(), { once: true });
  }

  /** Scans `root` now and watches it for changes. */
  start(root: Node = document): void {
    this.watch(root);
    this.enqueue(root);
  }

  private watch(root: Node): void {
    this.observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['href', 'xlink:href'] });
  }

  private enqueue(node: Node): void {
    this.queue.push(node);
    if (!this.running) void this.run();
  }

  private onMutations(records: MutationRecord[]): void {
    let text = '';
    for (const record of records) {
      if (record.type === 'attributes') {
        const element = record.target as Element;
        this.seen.delete(element);
        this.enqueue(element);
        continue;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) {
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
      while (this.queue.length > 0 && !this.options.signal.aborted) {
        const root = this.queue.shift()!;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
        for (let node: Node | null = root.nodeType === Node.ELEMENT_NODE ? root : walker.nextNode(); node; node = walker.nextNode()) {
          this.visit(node as Element);
          if (nowMs() - sliceStart > SLICE_MS) {
            await this.flush(false);
            await yieldToPage();
            if (this.options.signal.aborted) return;
            sliceStart = nowMs();
          }
        }
      }
      await this.flush(true);
    } finally {
      this.running = false;
    }
    if (this.queue.length > 0) void this.run();
  }

  private visit(element: Element): void {
    const shadow = (element as HTMLElement).shadowRoot;
    if (shadow) {
      this.watch(shadow);
      this.queue.push(shadow);
    }
    const name = element.localName;
    if ((name !== 'a' && name !== 'area') || this.seen.has(element)) return;
    this.seen.add(element);
    const raw = rawHref(element);
    if (!raw || raw.startsWith('#')) return;
    let href: string;
    let host: string;
    try {
      const url = new URL(raw, document.baseURI);
      href = url.href;
      host = url.hostname;
    } catch {
      href = raw;
      host = '';
    }
    const text = (element.textContent ?? '').trim().slice(0, TEXT_LIMIT);
    // Same-host links share the page's verdict, unless their text shows a domain.
    if (host === this.pageHost && !this.options.checkSameHost && !/[.。．｡]/.test(text)) return;
    this.pending.push({ element, sample: { href, text } });
  }

  private async flush(all: boolean): Promise<void> {
    while (this.pending.length >= (all ? 1 : BATCH_SIZE)) {
      const batch = this.pending.splice(0, BATCH_SIZE);
      await this.options.check(
        batch.map((b) => b.element),
        batch.map((b) => b.sample),
      );
    }
  }
}
