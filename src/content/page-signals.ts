/** What the content script reads from the page besides links: visible text and form inputs. */

/**
 * The text of `root`, up to `limit` characters: one native `textContent` read, so the cost
 * stays in the browser's C++ and needs no layout (a JavaScript walk over text nodes from
 * the extension's isolated world costs a wrapper per node: 100+ ms on a 10,000-link page;
 * `innerText` forces layout: 6–18 ms on a 2,000-element page). Text in scripts and hidden
 * elements counts too; the service worker's full check decides what it means.
 *
 * @param root - the element to read (usually `document.body`).
 * @param limit - maximum characters returned.
 */
export function readText(root: HTMLElement | null, limit: number): string {
  if (!root) return '';
  const text = root.textContent ?? '';
  return text.length > limit ? text.slice(0, limit) : text;
}

const SENSITIVE_INPUTS = [
  'input[type=password]',
  'input[autocomplete^="cc-"]',
  'input[name*="card" i]',
  'input[name*="cvv" i]',
  'input[name*="hkid" i]',
  'input[id*="hkid" i]',
  'input[id*="card" i]',
].join(',');

/** True when the page has inputs for passwords, card numbers or Hong Kong identity card numbers. */
export function hasSensitiveInputs(root: ParentNode): boolean {
  return root.querySelector(SENSITIVE_INPUTS) !== null;
}
