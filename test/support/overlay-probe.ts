/**
 * Reads the extension's in-page UI from outside, the way a test must: the banner lives in
 * a closed shadow root that page scripts cannot reach, so the probe uses the DevTools
 * protocol (DOM.getDocument with `pierce`), which sees closed shadow roots.
 */
import type { CDPSession, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

export interface OverlayInfo {
  /** Host element tag name (random per page load). */
  tag: string;
  text: string;
  severity: string | null;
  agency: string | null;
  role: string | null;
  links: Array<{ text: string; href: string }>;
  /** The host's box on screen and whether it is visible (not display:none, not zero-size). */
  visible: boolean;
  rect: { x: number; y: number; width: number; height: number };
}

async function session(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const child of node.children ?? []) yield* walk(child);
  for (const root of node.shadowRoots ?? []) yield* walk(root);
}

/** Finds extension hosts whose tag ends with `-kind` (banner, confirm, mark). */
async function findHosts(cdp: CDPSession, kind: string): Promise<DomNode[]> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const pattern = new RegExp(`^ASA-[A-Z0-9]+-${kind.toUpperCase()}$`);
  return [...walk(root)].filter((n) => pattern.test(n.nodeName));
}

async function describe(cdp: CDPSession, host: DomNode): Promise<OverlayInfo> {
  const shadow = host.shadowRoots?.[0];
  if (!shadow) throw new Error('host has no shadow root');
  const { object: shadowObject } = (await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })) as {
    object: { objectId: string };
  };
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: shadowObject.objectId,
    returnByValue: true,
    functionDeclaration: `function () {
      const section = this.querySelector('[data-severity]') || this.querySelector('[role]');
      const host = this.host;
      const r = host.getBoundingClientRect();
      const inner = (section || this.lastElementChild);
      const ir = inner ? inner.getBoundingClientRect() : r;
      const cs = getComputedStyle(host);
      return {
        text: (section || this).textContent.replace(/\\s+/g, ' ').trim(),
        severity: section ? section.getAttribute('data-severity') : null,
        agency: section ? section.getAttribute('data-agency') : null,
        role: section ? section.getAttribute('role') : null,
        links: [...this.querySelectorAll('a')].map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') })),
        visible: cs.display !== 'none' && cs.visibility !== 'hidden' && Number(cs.opacity) > 0 && ir.width > 0 && ir.height > 0,
        rect: { x: ir.x, y: ir.y, width: ir.width, height: ir.height },
      };
    }`,
  })) as { result: { value: Omit<OverlayInfo, 'tag'> } };
  return { tag: host.nodeName.toLowerCase(), ...result.value };
}

/** The banner on `page`, or null when none is shown. */
export async function readBanner(page: Page): Promise<OverlayInfo | null> {
  const cdp = await session(page);
  try {
    const hosts = await findHosts(cdp, 'banner');
    return hosts[0] ? await describe(cdp, hosts[0]) : null;
  } finally {
    await cdp.detach();
  }
}

/** Polls until a banner appears (or `timeoutMs` passes). */
export async function waitForBanner(
  page: Page,
  timeoutMs = 10_000,
  accept: (b: OverlayInfo) => boolean = () => true,
): Promise<OverlayInfo | null> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const banner = await readBanner(page).catch(() => null);
    if (banner && accept(banner)) return banner;
    if (Date.now() > end) return banner;
    await page.waitForTimeout(150);
  }
}

/** The link markers on `page` (their text and tooltip). */
export async function readMarkers(page: Page): Promise<OverlayInfo[]> {
  const cdp = await session(page);
  try {
    const hosts = await findHosts(cdp, 'mark');
    return await Promise.all(hosts.map((h) => describe(cdp, h)));
  } finally {
    await cdp.detach();
  }
}

/** The confirm dialog, or null. */
export async function readConfirm(page: Page): Promise<OverlayInfo | null> {
  const cdp = await session(page);
  try {
    const hosts = await findHosts(cdp, 'confirm');
    return hosts[0] ? await describe(cdp, hosts[0]) : null;
  } finally {
    await cdp.detach();
  }
}

/**
 * Clicks a control inside an overlay with a real mouse click at its position.
 *
 * @param kind - `banner` or `confirm`.
 * @param selector - CSS selector inside the shadow root (e.g. `.dismiss`).
 */
export async function clickInOverlay(page: Page, kind: string, selector: string): Promise<void> {
  const cdp = await session(page);
  try {
    const [host] = await findHosts(cdp, kind);
    if (!host?.shadowRoots?.[0]) throw new Error(`no ${kind} overlay`);
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: host.shadowRoots[0].backendNodeId })) as {
      object: { objectId: string };
    };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      returnByValue: true,
      arguments: [{ value: selector }],
      functionDeclaration: `function (sel) { const el = this.querySelector(sel); if (!el) return null; const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; }`,
    })) as { result: { value: { x: number; y: number } | null } };
    if (!result.value) throw new Error(`no ${selector} in ${kind}`);
    await page.mouse.click(result.value.x, result.value.y);
  } finally {
    await cdp.detach();
  }
}
