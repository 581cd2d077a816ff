/**
 * The interstitial: which agency is impersonated, its promise, its genuine contacts and the
 * Anti-Scam Helpline; "Go back" is the main action, "Continue anyway" needs a second,
 * deliberate confirmation. Feed strings are rendered as text only.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { InterstitialInfo } from '../shared/messaging/protocol';

export interface InterstitialViewProps {
  info: InterstitialInfo;
  /**
   * Shown inside a frame of another page: no "Go back", links open at the top level, and
   * "Continue anyway" is replaced by opening this warning in its own tab (a page that frames
   * the warning could trick a click on it: the choice is only made at the top level).
   */
  framed: boolean;
  onGoBack(): void;
  /** Framed only: opens the same warning as a top-level tab. */
  onOpenInTab(): void;
  /** Asks the background for the allowance; resolves false when refused. */
  onContinue(): Promise<boolean>;
}

/** Renders the interstitial for `info`. */
export function InterstitialView({ info, framed, onGoBack, onOpenInTab, onContinue }: InterstitialViewProps) {
  const [confirming, setConfirming] = useState(false);
  const goBackRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else goBackRef.current?.focus();
  }, [confirming]);

  return (
    <div class="interstitial" role="alert" aria-labelledby="title" data-agency={info.agency ?? ''} data-verdict={info.verdict.verdict}>
      <h1 id="title">{info.title}</h1>
      <p id="explanation">{info.explanation}</p>
      {info.promise && (
        <blockquote id="promise">
          <p class="lead">{info.promiseLead}</p>
          <p>{info.promise}</p>
        </blockquote>
      )}
      {info.actions.length > 0 && (
        <section aria-labelledby="what-to-do">
          <h2 id="what-to-do">{info.whatToDo}</h2>
          <ul id="actions">
            {info.actions.map((action) => (
              <li key={action.href}>
                <a href={action.href} target={framed && /^https?:/.test(action.href) ? '_top' : undefined} rel="noopener noreferrer">
                  {action.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {info.report && /^(mailto:|https:)/i.test(info.report.href) && (
        <p id="report" class="report">
          <a class="report-link" href={info.report.href} target="_blank" rel="noopener noreferrer">
            {info.report.label}
          </a>{' '}
          <span class="hint">{info.report.hint}</span>
        </p>
      )}
      {(info.provenance || info.listedBy) && (
        <p id="provenance" class="provenance">
          {info.provenance}
          {info.provenance && info.listedBy ? ' · ' : ''}
          {info.listedBy}
        </p>
      )}
      {!confirming ? (
        <div class="buttons">
          {!framed && (
            <button id="go-back" class="primary" type="button" ref={goBackRef} onClick={onGoBack}>
              {info.goBack}
            </button>
          )}
          {info.host && !framed && info.continueAllowed && (
            <button id="continue" class="link" type="button" onClick={() => setConfirming(true)}>
              {info.continueAnyway}
            </button>
          )}
          {info.host && framed && (
            <button id="open-in-tab" class="link" type="button" onClick={onOpenInTab}>
              {info.openInTab}
            </button>
          )}
        </div>
      ) : (
        <section id="confirm" class="confirm" role="group" aria-labelledby="confirm-title">
          <h2 id="confirm-title">{info.confirmTitle}</h2>
          <p>{info.confirmBody}</p>
          <div class="buttons">
            <button id="confirm-no" class="primary" type="button" ref={cancelRef} onClick={() => setConfirming(false)}>
              {info.confirmNo}
            </button>
            <button
              id="confirm-yes"
              class="danger"
              type="button"
              onClick={() => void onContinue().then((ok) => ok || setConfirming(false))}
            >
              {info.confirmYes}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
