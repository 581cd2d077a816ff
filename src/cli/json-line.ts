/**
 * The two JSON line shapes of `scam-alert check -` (see `check-input.ts`), validated with
 * zod: `{"url"}` and `{"href","text"?,"page"?}`, strings only, no other field (a misspelt
 * `"txt"` is refused rather than silently ignored, which would judge a link without its
 * text). Imported when the first JSON line arrives.
 */
import { z } from 'zod';
import type { CheckInput, InputError } from './check-input';

const urlLine = z.strictObject({ url: z.string() });
const linkLine = z.strictObject({ href: z.string(), text: z.string().optional(), page: z.string().optional() });

/**
 * The input a JSON line's parsed value describes.
 *
 * @param value - the line's value after `JSON.parse`.
 * @returns the input, or an {@link InputError} naming the first problem: both `url` and
 *   `href`, neither, a field that is not a string, or an unknown field.
 */
export function parseJsonLine(value: unknown): CheckInput | InputError {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: EXPECTED };
  const hasUrl = Object.hasOwn(value, 'url');
  const hasHref = Object.hasOwn(value, 'href');
  if (hasUrl && hasHref) return { error: 'give "url" or "href", not both' };
  if (hasUrl) {
    const r = urlLine.safeParse(value);
    return r.success ? { kind: 'url', url: r.data.url } : { error: describeIssue(r.error) };
  }
  if (hasHref) {
    const r = linkLine.safeParse(value);
    if (!r.success) return { error: describeIssue(r.error) };
    const { href, text = '', page } = r.data;
    return page === undefined ? { kind: 'link', href, text } : { kind: 'link', href, text, page };
  }
  return { error: EXPECTED };
}

const EXPECTED = 'expected {"url": …} or {"href": …, "text": …, "page": …}';

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  return `${issue.path.length ? `"${issue.path.join('.')}": ` : ''}${issue.message}`;
}
