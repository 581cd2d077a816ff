/**
 * "Report a mistake" from a warning (the banner, the warning page): the report prepared by
 * `prepareReport` (`src/shared/report/prepare-report.ts`) as a link to the report address of
 * managed policy (`reportAddress`) or else the active feed (`report_address`). Nothing is
 * sent: the link opens the user's mail program or the publisher's form only on their click.
 */
import browser from 'webextension-polyfill';
import { localize, translate, type UiLanguage } from '../shared/i18n/i18n';
import type { Verdict } from '../shared/match/verdict';
import { prepareReport } from '../shared/report/prepare-report';
import type { ReportLinkModel } from '../shared/ui/banner-model';
import { getEngine } from './engine-state';

/** The extension's version, for the report ('' where the manifest cannot be read). */
function extensionVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return '';
  }
}

/**
 * The report link for a warning about `url`, or null when neither policy nor feed names a
 * report address.
 *
 * @param verdict - the verdict the warning shows (a false alarm is reported against it).
 * @param url - the page or address warned about.
 * @param policyAddress - managed policy's `reportAddress` (wins over the feed's), or null.
 */
export function warningReportLink(verdict: Verdict, url: string, lang: UiLanguage, policyAddress: string | null): ReportLinkModel | null {
  const { feed } = getEngine();
  const address = policyAddress ?? feed.report_address ?? null;
  if (!address) return null;
  try {
    const report = prepareReport({
      kind: 'false-alarm',
      address,
      url,
      verdict: verdict.verdict,
      reasons: verdict.reasons,
      agency: verdict.agency,
      feed: { id: feed.feed_id, sequence: feed.sequence, issuedAt: feed.issued_at },
      extensionVersion: extensionVersion(),
    });
    return {
      label: translate(lang, 'reportFalseAlarm'),
      href: report.href,
      hint: translate(lang, 'reportHint', localize(feed.publisher.name, lang)),
    };
  } catch (error) {
    console.warn('[report] no report link:', error);
    return null;
  }
}
