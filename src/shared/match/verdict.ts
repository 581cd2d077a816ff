/**
 * Verdicts: the shared vocabulary of the product (see `docs/product.md`, "Verdicts").
 * Every part (engine, content script, popup, admin CLI) speaks in these names.
 */

/** What the engine concluded about a URL, a link or a text. */
export type VerdictName = 'official' | 'blocklisted' | 'lookalike' | 'deceptive-link' | 'mentions' | 'unrelated';

/**
 * How loud the product should be. `info` is a plain mention of an agency under an active
 * campaign (no payment or personal-data cue); `none` means nothing to say.
 */
export type Severity = 'danger' | 'caution' | 'info' | 'safe' | 'none';

/** A structured result, as printed by `scam-alert check --json` (plus `target`). */
export interface Verdict {
  /** The URL (or page URL for text) that was judged, as given. */
  url: string;
  /** The URL actually judged after redirect wrappers were removed, when it differs from `url`. */
  target?: string;
  verdict: VerdictName;
  severity: Severity;
  /** The `id` of the agency concerned, or null when none. */
  agency: string | null;
  /** Machine-readable reasons, e.g. `typo-distance-1`, `unwrapped-redirect:safelinks`. */
  reasons: string[];
  /**
   * For a phone number presented as an agency's that the feed does not list (reason
   * `unlisted-phone`): the agency's genuine numbers as the feed writes them, hotline first,
   * so a warning can show the real number next to the fake one.
   */
  genuinePhones?: string[];
}

const SEVERITY_RANK: Record<Severity, number> = { none: 0, safe: 1, info: 2, caution: 3, danger: 4 };

/** Orders severities: positive when `a` is louder than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

/** True for the severities that warn (`danger`, `caution`). */
export function isWarning(severity: Severity): boolean {
  return severity === 'danger' || severity === 'caution';
}

/** The louder of two verdicts; on a tie, the first. */
export function louder(a: Verdict, b: Verdict): Verdict {
  return compareSeverity(b.severity, a.severity) > 0 ? b : a;
}

/** The default severity of each verdict name (mentions are set by the text matcher). */
export const DEFAULT_SEVERITY: Record<VerdictName, Severity> = {
  official: 'safe',
  blocklisted: 'danger',
  lookalike: 'danger',
  'deceptive-link': 'danger',
  mentions: 'info',
  unrelated: 'none',
};
