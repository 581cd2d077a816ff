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

export interface BannerViewProps {
  model: BannerModel;
  onDismiss: () => void;
  /** "N dangerous links are marked", or null. */
  linkCount: string | null;
  /** Details shown (reasons, every action); the compact bar otherwise. */
  expanded: boolean;
  onToggle: () => void;
  /** Where the host sits, for the border on the page side. */
  placement?: 'top' | 'bottom';
}

/**
 * The banner: a compact bar (source, title, the agency's hotline, "Details", "Dismiss") and
 * the agency's promise; "Details" adds the reasons, the marked-link count and every action.
 */
export function BannerView({ model, onDismiss, linkCount, expanded, onToggle, placement = 'top' }: BannerViewProps) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && model.dismissible) onDismiss();
  };
  const [hotline, ...others] = model.actions;
  const hotlineHref = hotline ? safeHref(hotline.href) : undefined;
  return (
    <section
      class={`banner ${model.severity} ${placement} ${expanded ? 'expanded' : 'compact'}`}
      role={model.severity === 'danger' ? 'alert' : 'status'}
      aria-live={model.severity === 'danger' ? 'assertive' : 'polite'}
      aria-label={model.source}
      lang={model.lang}
      data-severity={model.severity}
      data-agency={model.agency}
      onKeyDown={onKeyDown}
    >
      <div class="bar">
        <h2 class="title">
          <span class="source">⚠ {model.source}</span>
          {model.title}
        </h2>
        {hotline && (
          <a class="hotline" href={hotlineHref}>
            {hotline.label}
          </a>
        )}
        {/* A number the page presents as the agency's, said right next to the genuine hotline. */}
        {model.fakePhones.map((said) => (
          <span class="fake-phone" key={said}>
            {said}
          </span>
        ))}
        <div class="controls">
          <button type="button" class="more" aria-expanded={expanded ? 'true' : 'false'} aria-controls="details" onClick={onToggle}>
            {expanded ? model.lessText : model.detailsText}
          </button>
          {model.dismissible && (
            <button type="button" class="dismiss" aria-label={model.dismissLabel} onClick={onDismiss}>
              {model.dismissText}
            </button>
          )}
        </div>
      </div>
      <p class="promise">{model.promise}</p>
      <div id="details" class="details" hidden={!expanded}>
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
          {[hotline, ...others].flatMap((action) => {
            if (!action) return [];
            const href = safeHref(action.href);
            const external = href?.startsWith('http');
            return [
              <li key={action.href}>
                <a href={href} target={external ? '_blank' : undefined} rel={external ? 'noopener noreferrer' : undefined}>
                  {action.label}
                </a>
              </li>,
            ];
          })}
        </ul>
        {model.report && safeHref(model.report.href) && (
          <p class="report">
            <a class="report-link" href={safeHref(model.report.href)} target="_blank" rel="noopener noreferrer">
              {model.report.label}
            </a>{' '}
            <span class="hint">{model.report.hint}</span>
          </p>
        )}
        {model.provenance && <p class="provenance">{model.provenance}</p>}
        {model.listedBy && <p class="provenance listed-by">{model.listedBy}</p>}
      </div>
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
