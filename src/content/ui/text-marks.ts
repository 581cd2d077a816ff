/**
 * Marks dangerous addresses and numbers found in a page's text (`text-check` findings)
 * without changing the page's text: the CSS Custom Highlight API paints the characters where
 * the browser has it, and an isolated inline marker (the same as a link's, with the genuine
 * number for a fake one) goes right after the text node that ends the finding (no node is
 * split or edited). A finding the page later turns into a link is judged as a link and gets
 * the confirm step through the link guard.
 */
import type { TextFinding } from '../../shared/messaging/protocol';
import { MARKER_CSS } from './banner-styles';
import { createInlineHost, isOwnHost } from './isolated-host';

/** Text in these elements is not shown as text (or is the user's own input). */
const NOT_SHOWN = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title']);
/** Most markers placed on one page. */
const MAX_MARKS = 200;

interface TextIndex {
  text: string;
  nodes: Text[];
  /** Offset in `text` where each node starts. */
  starts: number[];
}

/** The page's shown text nodes outside links, in document order, concatenated. */
function indexText(root: Node): TextIndex {
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentElement;
    if (!parent || NOT_SHOWN.has(parent.localName) || isOwnHost(parent)) continue;
    // Text inside a link is judged with the link (its marker and confirm step).
    if (parent.closest('a[href], area[href]')) continue;
    nodes.push(node);
    starts.push(length);
    parts.push(node.data);
    length += node.data.length;
  }
  return { text: parts.join(''), nodes, starts };
}

/** The node containing offset `at` (the last node starting at or before it). */
function nodeAt(index: TextIndex, at: number): number {
  let lo = 0;
  let hi = index.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface TextMarkStrings {
  /** Marker label for an address (`markerAddressLabel`) and for a number (`markerPhoneLabel`). */
  address: string;
  phone: string;
}

export class TextMarks {
  private readonly markers: Array<() => void> = [];
  /** Text nodes already marked, with the offsets of their marked findings' ends. */
  private readonly done = new WeakMap<Text, Set<string>>();
  private readonly highlight: { add(range: Range): void } | null = null;
  private count = 0;

  constructor(signal: AbortSignal) {
    this.highlight = createHighlight(signal);
    signal.addEventListener('abort', () => this.clear(), { once: true });
  }

  /**
   * Marks every occurrence of each finding's text in the document's shown text.
   *
   * @returns how many were marked now.
   */
  mark(findings: readonly TextFinding[], strings: TextMarkStrings): number {
    if (findings.length === 0 || !document.body) return 0;
    const index = indexText(document.body);
    let marked = 0;
    for (const finding of findings) {
      if (!finding.text) continue;
      for (let at = index.text.indexOf(finding.text); at >= 0 && this.count < MAX_MARKS; at = index.text.indexOf(finding.text, at + 1)) {
        const first = nodeAt(index, at);
        const last = nodeAt(index, at + finding.text.length - 1);
        const startNode = index.nodes[first]!;
        const endNode = index.nodes[last]!;
        const endOffset = at + finding.text.length - index.starts[last]!;
        const key = `${finding.kind}:${finding.text}:${endOffset}`;
        const seen = this.done.get(endNode) ?? new Set<string>();
        if (seen.has(key)) continue;
        seen.add(key);
        this.done.set(endNode, seen);
        const range = document.createRange();
        range.setStart(startNode, at - index.starts[first]!);
        range.setEnd(endNode, endOffset);
        this.highlight?.add(range);
        this.addMarker(endNode, finding, finding.kind === 'phone' ? strings.phone : strings.address);
        this.count += 1;
        marked += 1;
      }
    }
    return marked;
  }

  private addMarker(after: Text, finding: TextFinding, label: string): void {
    const ui = createInlineHost(after, MARKER_CSS);
    const span = document.createElement('span');
    span.className = 'mark';
    span.setAttribute('role', 'img');
    const words = finding.note ? `${label} · ${finding.note}` : label;
    span.setAttribute('aria-label', `${words}: ${finding.title}`);
    span.title = finding.title;
    span.textContent = `⚠ ${words}`;
    ui.root.append(span);
    this.markers.push(ui.destroy);
  }

  /** Removes every marker and highlight. */
  clear(): void {
    for (const destroy of this.markers.splice(0)) destroy();
    this.count = 0;
  }
}

interface HighlightRegistry {
  set(name: string, highlight: unknown): void;
  delete(name: string): void;
}

/**
 * A custom highlight painted with a constructed style sheet (the page's text and DOM stay
 * as they are), or null where the browser lacks the API (the markers still show).
 */
function createHighlight(signal: AbortSignal): { add(range: Range): void } | null {
  const registry = (globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined)?.highlights;
  const HighlightClass = (globalThis as { Highlight?: new () => { add(range: Range): void } }).Highlight;
  if (!registry || !HighlightClass) return null;
  try {
    const name = `asa-${Math.random().toString(36).slice(2, 10)}`;
    const highlight = new HighlightClass();
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`::highlight(${name}){background-color:rgba(255,205,210,.9);color:#7f0015;text-decoration:underline wavy #b00020}`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    registry.set(name, highlight);
    signal.addEventListener(
      'abort',
      () => {
        registry.delete(name);
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
      },
      { once: true },
    );
    return highlight;
  } catch (error) {
    console.debug('[text-marks] no custom highlight', error);
    return null;
  }
}
