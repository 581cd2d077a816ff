/**
 * The banner and the confirm dialog as Preact components. Every string is rendered as a
 * text node; hrefs are limited to tel:, mailto: and http(s): (see `safeHref`).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { BannerModel } from '../../shared/ui/banner-model';

/** Only these schemes may appear in banner links, whatever the feed says. */
export function safeHref(href: string): string | undefined {
  return /^(tel:|mailto:|https?:)/i.test(href) ? href : undefined;
}

export function BannerView({ model, onDismiss, linkCount }: { model: BannerModel; onDismiss: () => void; linkCount: string | null }) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && model.dismissible) onDismiss();
  };
  return (
    <section
      class={`banner ${model.severity}`}
      role={model.severity === 'danger' ? 'alert' : 'status'}
      aria-live={model.severity === 'danger' ? 'assertive' : 'polite'}
      aria-label={model.source}
      lang={model.lang}
      data-severity={model.severity}
      data-agency={model.agency}
      onKeyDown={onKeyDown}
    >
      <p class="source">⚠ {model.source}</p>
      <h2 class="title">{model.title}</h2>
      <p class="promise">{model.promise}</p>
      {model.reasons.length > 0 && (
        <ul class="reasons">
          {model.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {linkCount && <p class="links">{linkCount}</p>}
      <p class="todo">{model.whatToDo}</p>
      <ul class="actions">
        {model.actions.map((action) => {
          const href = safeHref(action.href);
          const external = href?.startsWith('http');
          return (
            <li key={action.href}>
              <a href={href} target={external ? '_blank' : undefined} rel={external ? 'noopener noreferrer' : undefined}>
                {action.label}
              </a>
            </li>
          );
        })}
      </ul>
      {model.provenance && <p class="provenance">{model.provenance}</p>}
      {model.listedBy && <p class="provenance listed-by">{model.listedBy}</p>}
      {model.dismissible && (
        <button type="button" class="dismiss" aria-label={model.dismissLabel} onClick={onDismiss}>
          {model.dismissText}
        </button>
      )}
    </section>
  );
}

export interface ConfirmProps {
  title: string;
  body: string;
  goBack: string;
  proceed: string | null;
  onDone: (proceed: boolean) => void;
}

/** A modal confirm step before opening a dangerous link. "Don't open it" has the focus. */
export function ConfirmView({ title, body, goBack, proceed, onDone }: ConfirmProps) {
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  return (
    <div
      class="backdrop"
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Escape') onDone(false);
      }}
    >
      <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="asa-confirm-title" aria-describedby="asa-confirm-body">
        <h2 id="asa-confirm-title">{title}</h2>
        <p id="asa-confirm-body">{body}</p>
        <div class="buttons">
          {proceed && (
            <button type="button" class="secondary" onClick={() => onDone(true)}>
              {proceed}
            </button>
          )}
          <button type="button" class="primary" ref={back} onClick={() => onDone(false)}>
            {goBack}
          </button>
        </div>
      </div>
    </div>
  );
}
