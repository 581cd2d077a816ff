/** The popup's verdict panel: the tab's verdict, or a pasted address's, in plain words. */
import { translate, type UiLanguage } from '../shared/i18n/i18n';
import type { Feed } from '../shared/feed/feed-schema';
import type { Matcher } from '../shared/match/matcher';
import type { Verdict } from '../shared/match/verdict';
import type { Provenance } from '../shared/feed/trust-model';
import { bannerModel } from '../shared/ui/banner-model';
import { safeHref } from './agency-card';

/** The verdict for a page or a pasted address, in plain words. */
export function VerdictPanel({
  verdict,
  matcher,
  feed,
  lang,
  heading,
  headingId,
  noneText,
  provenance = {},
}: {
  /** Where each agency comes from (trust model). */
  provenance?: Record<string, Provenance>;
  /** Text when there is nothing to say (no verdict, or a verdict without severity). */
  noneText: string;
  verdict: Verdict | null;
  matcher: Matcher;
  feed: Feed;
  lang: UiLanguage;
  heading: string;
  headingId: string;
}) {
  const agency = verdict?.agency ? matcher.agency(verdict.agency) : undefined;
  const model = verdict
    ? bannerModel(verdict, agency, feed.help, lang, true, { agency: verdict.agency ? provenance[verdict.agency] : null })
    : null;
  const severity = model?.severity ?? 'none';
  return (
    <section
      class={`notice verdict ${severity}`}
      aria-labelledby={headingId}
      data-severity={severity}
      data-verdict={verdict?.verdict ?? ''}
    >
      <h2 id={headingId} class="verdict-heading">
        {heading}
      </h2>
      {model ? (
        <>
          <p class="verdict-title">
            <span class="tag">{translate(lang, `severity_${model.severity}`)}</span> <strong>{model.title}</strong>
          </p>
          {model.reasons.length > 0 && (
            <ul class="reasons">
              {model.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          {model.severity !== 'safe' && (
            <>
              <p class="promise">{model.promise}</p>
              <p class="todo">{model.whatToDo}</p>
              <ul class="actions">
                {model.actions.map((a) => (
                  <li key={a.href}>
                    <a href={safeHref(a.href)} target={a.href.startsWith('http') ? '_blank' : undefined} rel="noopener noreferrer">
                      {a.label}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          {model.provenance && <p class="provenance muted">{model.provenance}</p>}
        </>
      ) : (
        <p class="verdict-none">{noneText}</p>
      )}
    </section>
  );
}
