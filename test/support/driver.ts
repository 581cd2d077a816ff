/**
 * The small browser-driver interface the shared end-to-end scenarios are written against,
 * so the same scenario code runs in Chromium (playwright-core over CDP) and Firefox
 * (puppeteer-core over WebDriver BiDi). Each browser's quirks (how URLs carry the fixture
 * server's port, how closed shadow roots are read) stay in its driver.
 */
export interface OverlayInfo {
  /** Host element tag name (random per page load). */
  tag: string;
  text: string;
  severity: string | null;
  agency: string | null;
  role: string | null;
  links: Array<{ text: string; href: string }>;
  visible: boolean;
  rect: { x: number; y: number; width: number; height: number };
}

/** One tab. */
export interface TestPage {
  /** Navigates and waits for the load (also when an extension rule redirects it). */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** The document's current URL. */
  url(): Promise<string>;
  /** Evaluates a JavaScript expression in the page (or a frame whose URL contains `frameUrl`). */
  evaluate<T>(expression: string, frameUrl?: string): Promise<T>;
  /** Clicks the element matching `selector` in the page (or a frame whose URL contains `frameUrl`). */
  click(selector: string, frameUrl?: string): Promise<void>;
  focus(selector: string): Promise<void>;
  /** Replaces the value of the input matching `selector` by typing `value` (real key input). */
  fill(selector: string, value: string): Promise<void>;
  press(key: string): Promise<void>;
  /** The extension's banner (in its closed shadow root), or null. */
  readBanner(): Promise<OverlayInfo | null>;
  readMarkers(): Promise<OverlayInfo[]>;
  readConfirm(): Promise<OverlayInfo | null>;
  /** Clicks a control inside an overlay (`banner`, `confirm`) with a real mouse click. */
  clickInOverlay(kind: string, selector: string): Promise<void>;
  /** URLs of the frames in the page (the main frame first). */
  frameUrls(): Promise<string[]>;
  close(): Promise<void>;
}

/** A request the browser reported (its own network events), with who made it. */
export interface NetworkEvent {
  url: string;
  /**
   * `extension`: the extension's background (service worker / background script) or one of
   * its own pages; `page`: a web page or a frame in it (content scripts included).
   */
  from: 'extension' | 'page';
}

export interface BrowserDriver {
  name: 'chromium' | 'firefox';
  /**
   * Every request the browser reported since launch. Chromium (CDP through playwright)
   * reports the service worker's and the pages' requests; Firefox (WebDriver BiDi) reports
   * the pages' requests only, not the background script's: there the fixture server's log
   * is the record of what the extension fetched.
   */
  networkEvents(): NetworkEvent[];
  /** The URL of `path` on `host` served by the fixture server, as this browser reaches it. */
  url(host: string, path?: string): string;
  /** The extension's origin (`chrome-extension://id`, `moz-extension://uuid`). */
  extensionOrigin: string;
  newPage(): Promise<TestPage>;
  /**
   * Opens one of the extension's own pages (`/src/popup/index.html?...`) in a new tab of
   * `viewport` size and waits for its load. Its scripts can call the extension APIs.
   */
  openExtensionPage(path: string, viewport?: { width: number; height: number }): Promise<TestPage>;
  close(): Promise<void>;
}

export interface DriverOptions {
  /** Fixture server port. */
  port: number;
  /** Browser language, e.g. `zh-HK`. */
  locale?: string;
  /**
   * More hostnames the test visits besides the demo-site folders (Chromium maps every
   * hostname to the fixture server; Firefox needs the list).
   */
  extraHosts?: string[];
}

/** Starts a browser with the built extension. */
export type LaunchDriver = (options: DriverOptions) => Promise<BrowserDriver>;

/** Polls `read` until `accept` holds or `timeoutMs` passes; returns the last value read. */
export async function pollFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined as T);
    if (accept(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Page function (with `this` = an overlay's shadow root) that describes the overlay. */
export const DESCRIBE_OVERLAY = `function () {
  const section = this.querySelector('[data-severity]') || this.querySelector('[role]');
  const host = this.host;
  const r = host.getBoundingClientRect();
  const inner = (section || this.lastElementChild);
  const ir = inner ? inner.getBoundingClientRect() : r;
  const cs = getComputedStyle(host);
  return {
    tag: host.localName,
    text: (section || this).textContent.replace(/\\s+/g, ' ').trim(),
    severity: section ? section.getAttribute('data-severity') : null,
    agency: section ? section.getAttribute('data-agency') : null,
    role: section ? section.getAttribute('role') : null,
    links: [...this.querySelectorAll('a')].map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') })),
    visible: cs.display !== 'none' && cs.visibility !== 'hidden' && Number(cs.opacity) > 0 && ir.width > 0 && ir.height > 0,
    rect: { x: ir.x, y: ir.y, width: ir.width, height: ir.height },
  };
}`;

/** Page function (`this` = shadow root, argument = selector): the centre of the element. */
export const CENTRE_OF = `function (sel) { const el = this.querySelector(sel); if (!el) return null; const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; }`;
