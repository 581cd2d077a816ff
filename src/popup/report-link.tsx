/**
 * "Report a mistake": a link with the report prepared (`prepareReport`), opened only by the
 * person's click. The extension sends nothing itself.
 */
import type { Feed } from '../shared/feed/feed-schema';
import { translate, type UiLanguage } from '../shared/i18n/i18n';
import type { Verdict } from '../shared/match/verdict';
import { prepareReport, type ReportKind } from '../shared/report/prepare-report';

export interface ReportLinkProps {
  address: string;
  kind: ReportKind;
  url: string;
  verdict: Verdict;
  feed: Feed;
  lang: UiLanguage;
  extensionVersion: string;
  message?: string;
  publisher: string;
}

export function ReportLink({ address, kind, url, verdict, feed, lang, extensionVersion, message, publisher }: ReportLinkProps) {
  const report = prepareReport({
    kind,
    address,
    url,
    verdict: verdict.verdict,
    reasons: verdict.reasons,
    agency: verdict.agency,
    feed: { id: feed.feed_id, sequence: feed.sequence, issuedAt: feed.issued_at },
    extensionVersion,
    message,
  });
  return (
    <p class="report">
      <a class="report-link" href={report.href} target={report.href.startsWith('https:') ? '_blank' : undefined} rel="noopener noreferrer">
        {translate(lang, kind === 'false-alarm' ? 'reportFalseAlarm' : 'reportMissedScam')}
      </a>
      <br />
      <span class="muted hint">{translate(lang, 'reportHint', publisher)}</span>
    </p>
  );
}
