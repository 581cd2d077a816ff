/** What the content script reads from the page besides links: visible text and form inputs. */

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG']);

/**
 * The text of `root`'s text nodes, skipping scripts, styles and templates, up to `limit`
 * characters. Uses `textContent`-style reading (no layout), so hidden text counts too.
 *
 * @param root - the node to read (usually `document.body`).
 * @param limit - maximum characters returned.
 */
export function readText(root: Node | null, limit: number): string {
  if (!root) return '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement && SKIP.has(node.parentElement.nodeName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  let out = '';
  for (let node = walker.nextNode(); node && out.length < limit; node = walker.nextNode()) {
    const text = node.nodeValue;
    if (text && text.trim()) out += `${text} `;
  }
  return out.slice(0, limit);
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
