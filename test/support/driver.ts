/**
 * The browser-driver interface every end-to-end test is written against, so the same test
 * file runs in Chromium (playwright-core over CDP, `chromium-driver.ts`) and Firefox
 * (puppeteer-core over WebDriver BiDi, `firefox-driver.ts`); `launchBrowser` in
 * `browser.ts` starts the browser the vitest project chose. Each browser's quirks (how URLs
 * carry the fixture server's port, how closed shadow roots are read, where a managed policy
 * is written, how an extension page is opened) stay in its driver. A driver implements the
 * small {@link PagePrimitives}; everything built on them (queries, overlay reads, clicks by
 * accessible name, runtime messages) is written once here, in {@link completePage}.
 */

/** One of the extension's in-page overlays, read from inside its closed shadow root. */
export interface OverlayInfo {
  /** Host element tag name (random per page load). */
  tag: string;
  text: string;
  severity: string | null;
  agency: string | null;
  role: string | null;
  links: Array<{ text: string; href: string }>;
  /** Not display:none, not hidden, not transparent, not zero-size. */
  visible: boolean;
  /** The overlay's box on screen, in CSS pixels of the viewport. */
  rect: { x: number; y: number; width: number; height: number };
}

/** A JSON value that can cross into the page as a function argument. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Viewport {
  width: number;
  height: number;
}

/** How {@link PagePrimitives.mouseClick} clicks: which button, which modifier keys held. */
export interface MouseClickOptions {
  button?: 'left' | 'middle';
  modifiers?: Array<'Control' | 'Shift' | 'Meta'>;
}

/** What each driver implements for one tab; {@link completePage} builds the rest. */
export interface PagePrimitives {
  /** Navigates and waits for the load (also when an extension rule redirects it). */
  goto(url: string): Promise<void>;
  /** Reloads and waits for the new document's load. */
  reload(): Promise<void>;
  /** The document's current URL. */
  url(): Promise<string>;
  /**
   * Evaluates a JavaScript expression in the page's main world (or a frame whose URL
   * contains `frameUrl`); a promise is awaited. The value comes back as JSON.
   */
  evaluate<T>(expression: string, frameUrl?: string): Promise<T>;
  /** Clicks the element matching `selector` in the page (or a frame whose URL contains `frameUrl`). */
  click(selector: string, frameUrl?: string): Promise<void>;
  /**
   * A real mouse click at viewport coordinates (CSS pixels), with the left button unless
   * `options.button` says otherwise, holding `options.modifiers` down.
   */
  mouseClick(x: number, y: number, options?: MouseClickOptions): Promise<void>;
  focus(selector: string): Promise<void>;
  /** Replaces the value of the input matching `selector` with `value`. */
  fill(selector: string, value: string): Promise<void>;
  /** Types `text` with real key events into the focused element. */
  type(text: string): Promise<void>;
  /** Presses one key (`Enter`, `Tab`, `Escape`, a character). */
  press(key: string): Promise<void>;
  /** Resizes the viewport (CSS pixels). */
  setViewport(viewport: Viewport): Promise<void>;
  /** Saves a PNG screenshot of the viewport (or the whole page) to `file`. */
  screenshot(file: string, options?: { fullPage?: boolean }): Promise<void>;
  /**
   * Calls `functionDeclaration` with `this` = the closed shadow root of each extension
   * overlay whose host tag ends with `-kind` (`banner`, `mark`, `confirm`), in the page's
   * main world, with `args`; awaits a returned promise and resolves the JSON results in
   * document order. Page scripts cannot reach these roots; the drivers use the DevTools
   * protocol (Chromium) or WebDriver BiDi's `includeShadowTree` (Firefox).
   */
  callInOverlays<T>(kind: string, functionDeclaration: string, args?: JsonValue[]): Promise<T[]>;
  /** URLs of the frames in the page (the main frame first). */
  frameUrls(): Promise<string[]>;
  close(): Promise<void>;
}

/** One tab, as the tests use it. */
export interface TestPage extends PagePrimitives {
  /** `selector`'s text content, or null when nothing matches. */
  text(selector: string): Promise<string | null>;
  /** `selector`'s attribute `name`, or null when no such element or attribute. */
  attribute(selector: string, name: string): Promise<string | null>;
  /** How many elements match `selector`. */
  count(selector: string): Promise<number>;
  /**
   * Polls until an element matches `selector`.
   *
   * @throws Error when none appears within `timeoutMs`.
   */
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  /**
   * A real mouse click on the element matching `selector` whose accessible name (its
   * `aria-label`, else its label's text, else its text) is `name` (or matches it).
   *
   * @throws Error when no such element exists.
   */
  clickByName(selector: string, name: string | RegExp): Promise<void>;
  /** Focuses the element found as {@link clickByName} finds it. */
  focusByName(selector: string, name: string | RegExp): Promise<void>;
  /**
   * Sends `message` with `runtime.sendMessage` from this page, which must be one of the
   * extension's own pages (options, popup); resolves the background's answer.
   */
  sendMessage<T>(message: JsonValue): Promise<T>;
  /** The extension's banner, or null. */
  readBanner(): Promise<OverlayInfo | null>;
  /** The link markers, in document order. */
  readMarkers(): Promise<OverlayInfo[]>;
  /** The confirm dialog of a marked link, or null. */
  readConfirm(): Promise<OverlayInfo | null>;
  /**
   * Clicks a control inside an overlay (`banner`, `confirm`) with a real mouse click.
   *
   * @throws Error `no <kind> overlay` or `no <selector> in <kind>`.
   */
  clickInOverlay(kind: string, selector: string): Promise<void>;
  /**
   * {@link PagePrimitives.callInOverlays} on the first overlay of `kind`.
   *
   * @throws Error `no <kind> overlay` when there is none.
   */
  callInOverlay<T>(kind: string, functionDeclaration: string, args?: JsonValue[]): Promise<T>;
}

/**
 * A managed policy for the extension (the keys of `public/managed-schema.json`). Drivers
 * write it where their browser reads policies: Chromium a JSON file in
 * `/etc/chromium/policies/managed/`, Firefox `/etc/firefox/policies/policies.json`. Needs root.
 */
export type ManagedPolicy = Record<string, JsonValue>;

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
  /**
   * Installs this managed policy before the browser starts and removes it again (when the
   * browser no longer needs it, at the latest in {@link BrowserDriver.close}, also when the
   * launch fails). Refuses to overwrite a policy file that exists already.
   */
  managedPolicy?: ManagedPolicy;
}

export type BrowserName = 'chromium' | 'firefox';

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
  name: BrowserName;
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
  /** A new tab (1280×800 unless `viewport` says otherwise). */
  newPage(viewport?: Viewport): Promise<TestPage>;
  /**
   * Opens one of the extension's own pages (`/src/popup/index.html?...`) in a new tab of
   * `viewport` size and waits for its load. Its scripts can call the extension APIs.
   */
  openExtensionPage(path: string, viewport?: Viewport): Promise<TestPage>;
  /** Closes the browser (and removes its managed policy file, if any is still there). */
  close(): Promise<void>;
}

/** Starts a browser with the built extension. */
export type LaunchDriver = (options: DriverOptions) => Promise<BrowserDriver>;

/**
 * Polls `read` until `accept` holds or `timeoutMs` passes; returns the last value read (a
 * read that throws counts as `undefined`). The caller asserts on the value, so a timeout
 * fails with the value actually seen.
 */
export async function pollFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined as T);
    if (accept(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Reads `read` repeatedly for `ms` and resolves the first value that breaks `accept`, or
 * the last value when it held throughout. For "stays so" checks after the event that could
 * break them has been awaited (e.g. a banner that must stay away once the page was judged).
 */
export async function holdsFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (!accept(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
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

/** Page function (`this` = shadow root, argument = selector): the centre of the element, or null. */
export const CENTRE_OF = `function (sel) { const el = this.querySelector(sel); if (!el) return null; const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; }`;

/**
 * An expression for the first element matching `selector` whose accessible name is `name`
 * (exact) or matches it (RegExp): `aria-label`, else the text of its first `<label>`, else
 * its own text, white space collapsed.
 */
function byNameExpression(selector: string, name: string | RegExp): string {
  const test =
    typeof name === 'string'
      ? `(n) => n === ${JSON.stringify(name)}`
      : `(n) => new RegExp(${JSON.stringify(name.source)}, ${JSON.stringify(name.flags)}).test(n)`;
  return `(() => {
    const accept = ${test};
    const nameOf = (el) => (el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '').replace(/\\s+/g, ' ').trim();
    return [...document.querySelectorAll(${JSON.stringify(selector)})].find((el) => accept(nameOf(el))) ?? null;
  })()`;
}

/** Builds the whole {@link TestPage} from a driver's primitives. */
export function completePage(p: PagePrimitives): TestPage {
  const q = (selector: string) => `document.querySelector(${JSON.stringify(selector)})`;
  const first = async <T>(kind: string, fn: string, args?: JsonValue[]): Promise<T> => {
    const [result] = await p.callInOverlays<T>(kind, fn, args);
    if (result === undefined) throw new Error(`no ${kind} overlay`);
    return result;
  };
  const page: TestPage = {
    ...p,
    text: (selector) => p.evaluate(`${q(selector)}?.textContent ?? null`),
    attribute: (selector, name) => p.evaluate(`${q(selector)}?.getAttribute(${JSON.stringify(name)}) ?? null`),
    count: (selector) => p.evaluate(`document.querySelectorAll(${JSON.stringify(selector)}).length`),
    waitFor: async (selector, timeoutMs = 10_000) => {
      const found = await pollFor(
        () => page.count(selector),
        (n) => n > 0,
        timeoutMs,
      );
      if (!found) throw new Error(`no ${selector} after ${timeoutMs} ms (at ${await p.url().catch(() => '?')})`);
    },
    clickByName: async (selector, name) => {
      const centre = await p.evaluate<{ x: number; y: number } | null>(`(() => {
        const el = ${byNameExpression(selector, name)};
        if (!el) return null;
        el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
        const r = el.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      })()`);
      if (!centre) throw new Error(`no ${selector} named ${String(name)}`);
      await p.mouseClick(centre.x, centre.y);
    },
    focusByName: async (selector, name) => {
      const found = await p.evaluate<boolean>(`(() => { const el = ${byNameExpression(selector, name)}; el?.focus(); return !!el; })()`);
      if (!found) throw new Error(`no ${selector} named ${String(name)}`);
    },
    sendMessage: (message) => p.evaluate(`chrome.runtime.sendMessage(${JSON.stringify(message)})`),
    readBanner: async () => (await p.callInOverlays<OverlayInfo>('banner', DESCRIBE_OVERLAY))[0] ?? null,
    readMarkers: () => p.callInOverlays<OverlayInfo>('mark', DESCRIBE_OVERLAY),
    readConfirm: async () => (await p.callInOverlays<OverlayInfo>('confirm', DESCRIBE_OVERLAY))[0] ?? null,
    clickInOverlay: async (kind, selector) => {
      const centre = await first<{ x: number; y: number } | null>(kind, CENTRE_OF, [selector]);
      if (!centre) throw new Error(`no ${selector} in ${kind}`);
      await p.mouseClick(centre.x, centre.y);
    },
    callInOverlay: first,
  };
  return page;
}
