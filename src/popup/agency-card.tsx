/**
 * An agency's card: names, genuine hotline (tel: link and copy button), email, official
 * website and advisory, campaign status, the agency's own promise. Feed strings are text
 * nodes only; link targets are limited to tel:, mailto: and http(s):.
 */
import { useState } from 'preact/hooks';
import type { Agency, HelpContact } from '../shared/feed/feed-schema';
import { localize, translate, type UiLanguage } from '../shared/i18n/i18n';
import { formatDate } from '../shared/ui/feed-freshness';
import { telHref } from '../shared/ui/banner-model';

/** Copies text to the clipboard; resolves false when it could not. */
export type CopyText = (text: string) => Promise<boolean>;

/** Only these schemes may appear in links built from feed data. */
export function safeHref(href: string | undefined): string | undefined {
  return href && /^(tel:|mailto:|https?:)/i.test(href) ? href : undefined;
}

/** A link that opens in a new tab, saying so to screen readers. */
export function ExternalLink({ href, label, lang }: { href: string; label: string; lang: UiLanguage }) {
  return (
    <a href={safeHref(href)} target="_blank" rel="noopener noreferrer">
      {label}
      <span class="visually-hidden"> {translate(lang, 'cardOpensNewTab')}</span>
    </a>
  );
}

/** A phone number as a tel: link with a copy button and a polite status for the result. */
export function PhoneLine({ number, label, lang, copy }: { number: string; label: string; lang: UiLanguage; copy: CopyText }) {
  const [status, setStatus] = useState('');
  const onCopy = async () => {
    const ok = await copy(number).catch(() => false);
    setStatus(translate(lang, ok ? 'cardCopied' : 'cardCopyFailed', number));
  };
  return (
    <span class="phone">
      <a class="tel" href={telHref(number)} aria-label={label}>
        {number}
      </a>{' '}
      <button type="button" class="copy" aria-label={translate(lang, 'cardCopyLabel', number)} onClick={onCopy}>
        {translate(lang, 'cardCopy')}
      </button>
      <span class="copy-status" role="status">
        {status}
      </span>
    </span>
  );
}

/** Campaign line: active since …, or over. */
export function campaignText(agency: Agency, lang: UiLanguage, active: boolean): string {
  const since = formatDate(agency.campaign.since, lang);
  if (active) return translate(lang, 'cardCampaignActive', since);
  if (agency.campaign.until) return translate(lang, 'cardCampaignEndedUntil', since, formatDate(agency.campaign.until, lang));
  return translate(lang, 'cardCampaignEnded', since);
}

export interface AgencyCardProps {
  agency: Agency;
  lang: UiLanguage;
  /** Whether the campaign is active now (`matcher.isCampaignActive`). */
  active: boolean;
  copy: CopyText;
  /** Compact: name, hotline and campaign only, with a "Details" button. */
  compact?: boolean;
  onDetails?: () => void;
  /** Heading level of the agency name. */
  level?: 2 | 3;
  /** Where the agency's details come from, in plain words (`provenanceText`); '' to omit. */
  provenance?: string;
}

/** The card of one agency. */
export function AgencyCard({ agency, lang, active, copy, compact = false, onDetails, level = 3, provenance = '' }: AgencyCardProps) {
  const name = localize(agency.names, lang);
  const Heading = level === 2 ? 'h2' : 'h3';
  const otherNames = [agency.names.en, agency.names['zh-Hant'], agency.names['zh-Hans'], ...agency.aliases].filter(
    (n, i, all): n is string => !!n && n !== name && all.indexOf(n) === i,
  );
  return (
    <article class={`card${compact ? ' compact' : ''}`} data-agency={agency.id} aria-label={name} tabIndex={-1}>
      <Heading class="name">{name}</Heading>
      <p class={`campaign ${active ? 'active' : 'ended'}`}>
        <span class="tag">{campaignText(agency, lang, active)}</span>
      </p>
      {provenance && <p class="provenance muted">{provenance}</p>}
      <p class="hotline">
        <span class="label">{translate(lang, 'cardHotline')}: </span>
        <PhoneLine number={agency.hotline} label={translate(lang, 'cardCallLabel', name, agency.hotline)} lang={lang} copy={copy} />
      </p>
      {compact ? (
        onDetails && (
          <button type="button" class="details" aria-label={translate(lang, 'cardDetailsLabel', name)} onClick={onDetails}>
            {translate(lang, 'cardDetails')}
          </button>
        )
      ) : (
        <>
          {otherNames.length > 0 && (
            <p class="aliases">
              <span class="label">{translate(lang, 'cardOtherNames')}: </span>
              {otherNames.join(' · ')}
            </p>
          )}
          {agency.other_phones.map((p) => (
            <p class="other-phone" key={p.number}>
              <span class="label">{localize(p.label, lang)}: </span>
              <PhoneLine number={p.number} label={`${localize(p.label, lang)} ${p.number}`} lang={lang} copy={copy} />
            </p>
          ))}
          {agency.email && (
            <p class="email">
              <span class="label">{translate(lang, 'cardEmail')}: </span>
              <a href={`mailto:${agency.email}`}>{agency.email}</a>
            </p>
          )}
          <ul class="plain links">
            <li>
              <ExternalLink href={agency.website} label={translate(lang, 'cardWebsite')} lang={lang} />
            </li>
            {agency.advisory_url && (
              <li>
                <ExternalLink href={agency.advisory_url} label={translate(lang, 'cardAdvisory')} lang={lang} />
              </li>
            )}
          </ul>
          <p class="domains">
            <span class="label">{translate(lang, 'cardDomains')}: </span>
            {agency.official_domains.join(', ')}
          </p>
          <div class="promise">
            <p class="label">{translate(lang, 'cardPromise')}:</p>
            <blockquote>{localize(agency.promise, lang)}</blockquote>
          </div>
          <p class="summary muted">{localize(agency.campaign.summary, lang)}</p>
        </>
      )}
    </article>
  );
}

/** The feed's general help contacts (e.g. the Anti-Scam Helpline 18222). */
export function HelpContacts({ help, lang, copy }: { help: readonly HelpContact[]; lang: UiLanguage; copy: CopyText }) {
  if (help.length === 0) return null;
  return (
    <section class="help" aria-labelledby="help-heading">
      <h2 id="help-heading">{translate(lang, 'helpHeading')}</h2>
      <ul class="plain">
        {help.map((contact) => {
          const name = localize(contact.name, lang);
          return (
            <li key={contact.id} class="help-contact">
              <p class="name">
                <strong>{name}</strong>
              </p>
              {contact.description && <p class="muted">{localize(contact.description, lang)}</p>}
              {contact.phone && (
                <p>
                  <PhoneLine number={contact.phone} label={`${name} ${contact.phone}`} lang={lang} copy={copy} />
                </p>
              )}
              {contact.url && (
                <p>
                  <ExternalLink href={contact.url} label={contact.url.replace(/^https?:\/\//, '').replace(/\/$/, '')} lang={lang} />
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
