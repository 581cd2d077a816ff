/**
 * The popup's "Check a message": someone holding a suspicious SMS, email or chat message
 * pastes all of it (and, if they like, the sender shown above it). The same engine as the
 * banner (`Matcher.matchMessage`) lists every web address, email address, phone number,
 * sender and agency name in it, each with its verdict in plain words, then answers with the
 * agency's own promise and genuine contacts. Runs in the popup, offline: nothing leaves the
 * browser. A "report a mistake" link is prepared from the result when the feed or policy
 * names a report address; it opens only on the person's click.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Feed } from '../shared/feed/feed-schema';
import { localize, translate, type UiLanguage } from '../shared/i18n/i18n';
import type { Matcher } from '../shared/match/matcher';
import type { MessageCheck } from '../shared/match/message-check';
import { findingKindText, findingVerdictText } from '../shared/ui/finding-text';
import { AgencyCard, type CopyText } from './agency-card';
import { ReportLink } from './report-link';
import { VerdictPanel } from './verdict-panel';

export interface MessageCheckSectionProps {
  matcher: Matcher;
  feed: Feed;
  lang: UiLanguage;
  copy: CopyText;
  /** Where reports go (policy's, else the feed's), or null. */
  reportAddress: string | null;
  extensionVersion: string;
  initialMessage?: string;
}

export function MessageCheckSection({
  matcher,
  feed,
  lang,
  copy,
  reportAddress,
  extensionVersion,
  initialMessage = '',
}: MessageCheckSectionProps) {
  const [text, setText] = useState(initialMessage);
  const [sender, setSender] = useState('');
  const [checked, setChecked] = useState<{ text: string; sender: string } | null>(null);
  const result: MessageCheck | null = useMemo(
    () => (checked && checked.text.trim() ? matcher.matchMessage(checked.text, { sender: checked.sender || undefined }) : null),
    [checked, matcher],
  );
  const agency = result?.agency ? matcher.agency(result.agency) : undefined;
  const severity = result?.verdict.severity ?? 'none';

  return (
    <section class="message-check" aria-labelledby="msg-heading">
      <h2 id="msg-heading">{translate(lang, 'popupMessageHeading')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setChecked({ text, sender: sender.trim() });
        }}
      >
        <label for="msg-text">{translate(lang, 'popupMessageLabel')}</label>
        <textarea
          id="msg-text"
          rows={4}
          value={text}
          spellcheck={false}
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
        />
        <label for="msg-sender">{translate(lang, 'popupMessageSenderLabel')}</label>
        <input
          id="msg-sender"
          type="text"
          value={sender}
          autoComplete="off"
          spellcheck={false}
          onInput={(e) => setSender((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="check-message">
          {translate(lang, 'popupMessageCheck')}
        </button>
      </form>
      <div class="message-result" aria-live="polite">
        {checked && !result && <p class="muted">{translate(lang, 'popupMessageEmpty')}</p>}
        {result && (
          <>
            <VerdictPanel
              verdict={severity === 'none' ? null : result.verdict}
              matcher={matcher}
              feed={feed}
              lang={lang}
              heading={translate(lang, 'popupMessageResult')}
              headingId="msg-verdict-heading"
              noneText={translate(lang, 'popupMessageNothing')}
            />
            {result.findings.length > 0 && (
              <>
                <h3 class="findings-heading">{translate(lang, 'popupMessageFound')}</h3>
                <ul class="plain findings">
                  {result.findings.map((f) => {
                    const about = f.verdict.agency ? matcher.agency(f.verdict.agency) : undefined;
                    return (
                      <li
                        key={`${f.kind}-${f.start}-${f.text}`}
                        class={`finding ${f.verdict.severity}`}
                        data-kind={f.kind}
                        data-severity={f.verdict.severity}
                        data-verdict={f.verdict.verdict}
                      >
                        <span class="kind">{findingKindText(f.kind, lang)}</span> <bdi class="found">{f.text}</bdi>
                        <br />
                        <span class="what">{findingVerdictText(f, about, lang)}</span>
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
            {agency && (severity === 'safe' || severity === 'none') && (
              <AgencyCard agency={agency} lang={lang} active={matcher.isCampaignActive(agency)} copy={copy} level={3} />
            )}
            {reportAddress && (
              <ReportLink
                address={reportAddress}
                kind={severity === 'danger' || severity === 'caution' ? 'false-alarm' : 'missed-scam'}
                url={result.findings.find((f) => f.kind === 'url' || f.kind === 'email')?.value ?? ''}
                verdict={result.verdict}
                feed={feed}
                lang={lang}
                extensionVersion={extensionVersion}
                message={checked?.text}
                publisher={localize(feed.publisher.name, lang)}
              />
            )}
          </>
        )}
      </div>
    </section>
  );
}
