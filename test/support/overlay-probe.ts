/**
 * Reads the extension's in-page UI in Chromium from outside, the way a test must: the
 * banner lives in a closed shadow root that page scripts cannot reach, so the probe uses the
 * DevTools protocol (`DOM.getDocument` with `pierce`), which sees closed shadow roots, and
 * calls functions with `this` = such a root (`Runtime.callFunctionOn`). Used by the Chromium
 * driver and by `npm run demo`.
 */
import type { CDPSession, Page } from 'playwright-core';
import { DESCRIBE_OVERLAY, pollFor, type JsonValue, type OverlayInfo } from './driver';

export type { OverlayInfo } from './driver';

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

function* walk(node: DomNode): Generator<DomNode> {
  yield node;
  for (const child of node.children ?? []) yield* walk(child);
  for (const root of node.shadowRoots ?? []) yield* walk(root);
}

/** Extension hosts whose tag ends with `-kind` (banner, confirm, mark), in document order. */
async function findHosts(cdp: CDPSession, kind: string): Promise<DomNode[]> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const pattern = new RegExp(`^ASA-[A-Z0-9]+-${kind.toUpperCase()}$`);
  return [...walk(root)].filter((n) => pattern.test(n.nodeName));
}

/**
 * Calls `functionDeclaration` with `this` = the closed shadow root of each overlay of
 * `kind` on `page` (main world), awaiting a returned promise; resolves the JSON results.
 *
 * @throws Error when the function throws in the page.
 */
export async function callInOverlays<T>(page: Page, kind: string, functionDeclaration: string, args: JsonValue[] = []): Promise<T[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const results: T[] = [];
    for (const host of await findHosts(cdp, kind)) {
      const shadow = host.shadowRoots?.[0];
      if (!shadow) continue;
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId })) as { object: { objectId: string } };
      const { result, exceptionDetails } = (await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration,
        arguments: args.map((value) => ({ value })),
        awaitPromise: true,
        returnByValue: true,
      })) as { result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } };
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      results.push(result.value);
    }
    return results;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The banner on `page`, or null when none is shown. */
export async function readBanner(page: Page): Promise<OverlayInfo | null> {
  return (await callInOverlays<OverlayInfo>(page, 'banner', DESCRIBE_OVERLAY))[0] ?? null;
}

/** The link markers on `page` (their text and tooltip). */
export function readMarkers(page: Page): Promise<OverlayInfo[]> {
  return callInOverlays<OverlayInfo>(page, 'mark', DESCRIBE_OVERLAY);
}

/** Polls until a banner that `accept` takes appears; resolves it, or the last read after `timeoutMs`. */
export function waitForBanner(
  page: Page,
  timeoutMs = 10_000,
  accept: (b: OverlayInfo) => boolean = () => true,
): Promise<OverlayInfo | null> {
  return pollFor(
    () => readBanner(page),
    (b) => !!b && accept(b),
    timeoutMs,
  ).then((b) => b ?? null);
}
