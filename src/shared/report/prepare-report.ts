/**
 * # Report a mistake
 *
 * A person who meets a missed scam or a false alarm can tell the feed's publisher. The
 * feed (`report_address`) or managed policy (`reportAddress`, which wins) names where:
 * a `mailto:` address or an `https:` form. {@link prepareReport} builds the report as a
 * link: a `mailto:` URL with subject and body (RFC 6068), or the `https:` URL with the
 * report as query parameters. Nothing is sent by the extension: the link opens only when
 * the person clicks it, and then their mail program or browser shows the report before
 * anything leaves (docs/product.md, "Privacy promise"). Pure: no DOM, no `browser.*`.
 */

/** What kind of mistake. */
export type ReportKind = 'missed-scam' | 'false-alarm';

export interface ReportInput {
  kind: ReportKind;
  /** The report address from the feed or policy (`mailto:…` or `https://…`). */
  address: string;
  /** The page or address concerned, as the user saw it (may be empty for a pasted message). */
  url: string;
  /** The verdict shown (`lookalike`, `unrelated`…) and its reasons. */
  verdict: string;
  reasons: readonly string[];
  agency: string | null;
  /** The active feed: id, sequence, issue date. */
  feed: { id: string; sequence: number; issuedAt: string };
  /** The extension's version (`runtime.getManifest().version`). */
  extensionVersion: string;
  /** A checked message's text, when the report is about one (cut to {@link MAX_MESSAGE_IN_REPORT}). */
  message?: string;
  /** The user's own note. */
  note?: string;
}

/** The prepared report: the link to open, and what it carries (to show the user first). */
export interface PreparedReport {
  href: string;
  subject: string;
  body: string;
}

/** Characters of a message kept in a report; mail links over ~2,000 characters fail in some mail programs. */
export const MAX_MESSAGE_IN_REPORT = 1000;

/**
 * True for a usable report address: `mailto:` with one address, or an `https:` URL.
 *
 * @param address - from a feed or managed policy.
 */
export function isReportAddress(address: string): boolean {
  if (/^mailto:[^\s@,?]+@[^\s@,?]+\.[^\s@,?]+$/i.test(address)) return true;
  if (!/^https:\/\//i.test(address)) return false;
  try {
    return new URL(address).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Prepares a report.
 *
 * @param input - see {@link ReportInput}.
 * @returns the link and its subject and body (plain text).
 * @throws Error when `input.address` is not a report address ({@link isReportAddress}).
 */
export function prepareReport(input: ReportInput): PreparedReport {
  if (!isReportAddress(input.address)) throw new Error(`not a report address: ${input.address}`);
  const what = input.kind === 'missed-scam' ? 'Missed scam' : 'False alarm';
  const subject = `[Agency Scam Alert] ${what}${input.agency ? ` (${input.agency})` : ''}${input.url ? `: ${input.url}` : ''}`.slice(
    0,
    200,
  );
  const message =
    input.message && input.message.length > MAX_MESSAGE_IN_REPORT ? `${input.message.slice(0, MAX_MESSAGE_IN_REPORT)}…` : input.message;
  const fields: Array<[string, string]> = [
    ['kind', input.kind],
    ['url', input.url],
    ['verdict', input.verdict],
    ['reasons', input.reasons.join(', ')],
    ['agency', input.agency ?? ''],
    ['feed', `${input.feed.id} #${input.feed.sequence} (${input.feed.issuedAt})`],
    ['extension', input.extensionVersion],
  ];
  if (message) fields.push(['message', message]);
  if (input.note) fields.push(['note', input.note]);
  const body = fields.map(([k, v]) => `${k}: ${v}`).join('\n');
  if (/^mailto:/i.test(input.address)) {
    // RFC 6068: hfields percent-encoded; line breaks in the body as %0D%0A.
    const enc = (s: string) => encodeURIComponent(s).replace(/%0A/g, '%0D%0A');
    return { href: `${input.address}?subject=${enc(subject)}&body=${enc(body)}`, subject, body };
  }
  const url = new URL(input.address);
  url.searchParams.set('subject', subject);
  for (const [k, v] of fields) url.searchParams.set(k, v);
  return { href: url.href, subject, body };
}
