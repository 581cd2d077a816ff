/**
 * What a banner says, as plain strings: built by the service worker from a verdict, the
 * feed and the UI language, and rendered as text (never HTML) by the content script.
 * Keeping it here keeps the per-page script small and the wording testable in Node.
 */
import type { Agency, HelpContact } from '../feed/feed-schema';
import type { Provenance } from '../feed/trust-model';
import { hasMessage, htmlLang, localize, translate, type UiLanguage } from '../i18n/i18n';
import type { Severity, Verdict } from '../match/verdict';

/** A link in the banner. `href` is always `tel:`, `mailto:` or `https:`. */
export interface BannerLink {
  label: string;
  href: string;
}

/** "Report a mistake": the prepared report's link (`mailto:` or `https:`), opened only by the user. */
export interface ReportLinkModel {
  label: string;
  href: string;
  /** What opening it does, and that nothing is sent until the user sends it. */
  hint: string;
}

export interface BannerModel {
  severity: Exclude<Severity, 'none'>;
  /** BCP 47 tag for the `lang` attribute. */
  lang: string;
  agency: string;
  title: string;
  /** The agency's own promise from the feed. */
  promise: string;
  /** Plain-words reasons. */
  reasons: string[];
  whatToDo: string;
  /** Hotline (`tel:`), email (`mailto:`), official site or advisory, general helplines. */
  actions: BannerLink[];
  dismissLabel: string;
  dismissText: string;
  /** The compact banner's toggle: show the promise's details and every action, or fewer. */
  detailsText: string;
  lessText: string;
  /** False when managed policy forbids dismissing banners (`allowDismiss: false`). */
  dismissible: boolean;
  source: string;
  /** Which feed the agency's details come from, in plain words ("From: …"); '' when unknown. */
  provenance: string;
  /** Which feed listed the address as a scam, when another than the agency's; '' otherwise. */
  listedBy: string;
  /**
   * Numbers on the page presented as the agency's that are not its numbers, each in plain
   * words next to the genuine hotline ("3107 1080 is not a number of …"); empty when none.
   */
  fakePhones: string[];
  /** "Report a false alarm" to the feed's publisher (or policy's address); null when none is set. */
  report: ReportLinkModel | null;
}

/** Strings the content script needs for link markers and the confirm step. */
export interface LinkUiStrings {
  markerLabel: string;
  confirmTitle: string;
  confirmGoBack: string;
  confirmContinue: string;
  /** "N dangerous links are marked", with `{count}` where the number goes. */
  linksFound: string;
  /** Marker labels for a dangerous address and a fake number in the page's text. */
  markerAddressLabel: string;
  markerPhoneLabel: string;
}

/**
 * A `tel:` URI for a phone number as shown in the feed (RFC 3966, spaces and punctuation
 * removed). Hong Kong numbers are 8 digits (or short codes like 18222) and are dialled as is.
 */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

/** Plain-words text for a reason code, when the catalog has one. */
export function reasonText(reason: string, lang: UiLanguage): string | null {
  const key = `reason_${reason.replace(/[^A-Za-z0-9]/g, '_')}`;
  return hasMessage(key) ? translate(lang, key) : null;
}

/**
 * Where an agency or a listing comes from, in plain words: "From: <publisher> (<feed id>)",
 * or for a user feed, that it is a feed the user added and nobody vouches for.
 */
export function provenanceText(provenance: Provenance | undefined | null, lang: UiLanguage): string {
  if (!provenance) return '';
  const publisher = localize(provenance.publisher, lang);
  return translate(lang, provenance.source === 'user' ? 'provenanceFromUser' : 'provenanceFrom', publisher, provenance.feedId);
}

/** "Listed as a scam by a feed you added: …" for a listing from a user feed, else ''. */
export function listedByText(provenance: Provenance | undefined | null, lang: UiLanguage): string {
  if (!provenance) return '';
  return translate(lang, 'provenanceListedBy', localize(provenance.publisher, lang), provenance.feedId);
}

/** Where the banner's agency and listing come from (see `provenanceText`). */
export interface BannerProvenance {
  agency?: Provenance | null;
  listing?: Provenance | null;
}

/**
 * The banner for `verdict`.
 *
 * @param verdict - a page, link or text verdict with an agency.
 * @param agency - that agency from the feed.
 * @param help - the feed's general help contacts (18222…), shown as extra actions.
 * @param lang - the UI language.
 * @param dismissible - whether the user may dismiss it (managed policy `allowDismiss`).
 * @param origin - where the agency and (for `blocklisted`) the listing come from.
 * @returns the model, or null when the verdict warrants no banner (`none`, or no agency).
 */
export function bannerModel(
  verdict: Verdict,
  agency: Agency | undefined,
  help: readonly HelpContact[],
  lang: UiLanguage,
  dismissible = true,
  origin: BannerProvenance = {},
): BannerModel | null {
  if (!agency || verdict.severity === 'none') return null;
  const name = localize(agency.names, lang);
  const titleKey = {
    danger: 'bannerDangerTitle',
    caution: 'bannerCautionTitle',
    info: 'bannerInfoTitle',
    safe: 'bannerSafeTitle',
  }[verdict.severity];
  const actions: BannerLink[] = [{ label: translate(lang, 'bannerCallHotline', name, agency.hotline), href: telHref(agency.hotline) }];
  if (agency.email) actions.push({ label: translate(lang, 'bannerWriteEmail', agency.email), href: `mailto:${agency.email}` });
  actions.push({ label: translate(lang, 'bannerAdvisory'), href: agency.advisory_url ?? agency.website });
  for (const contact of help) {
    if (contact.phone)
      actions.push({ label: translate(lang, 'bannerHelpline', localize(contact.name, lang)), href: telHref(contact.phone) });
  }
  return {
    severity: verdict.severity,
    lang: htmlLang(lang),
    agency: agency.id,
    title: translate(lang, titleKey, name),
    promise: localize(agency.promise, lang),
    reasons: verdict.reasons.map((r) => reasonText(r, lang)).filter((r): r is string => r !== null),
    whatToDo: translate(lang, 'bannerWhatToDo'),
    actions,
    dismissLabel: translate(lang, 'bannerDismissLabel'),
    dismissText: translate(lang, 'bannerDismiss'),
    detailsText: translate(lang, 'bannerDetails'),
    lessText: translate(lang, 'bannerLess'),
    dismissible,
    source: translate(lang, 'bannerSource'),
    provenance: provenanceText(origin.agency, lang),
    listedBy: listedByText(origin.listing, lang),
    fakePhones: [],
    report: null,
  };
}

/**
 * `model` with the numbers a page presented as its agency's (reason `unlisted-phone`) said
 * next to the genuine hotline. Numbers of other agencies are left out.
 *
 * @param numbers - the numbers as written on the page.
 */
export function withFakePhones(model: BannerModel, numbers: readonly string[], agency: Agency, lang: UiLanguage): BannerModel {
  const name = localize(agency.names, lang);
  const said = [...new Set(numbers.map((n) => n.trim()).filter(Boolean))].map((n) => translate(lang, 'bannerFakePhone', n, name));
  return said.length === 0 ? model : { ...model, fakePhones: [...new Set([...model.fakePhones, ...said])] };
}

/** The strings for link markers and the confirm step in `lang`. */
export function linkUiStrings(lang: UiLanguage): LinkUiStrings {
  return {
    markerLabel: translate(lang, 'markerLabel'),
    confirmTitle: translate(lang, 'confirmTitle'),
    confirmGoBack: translate(lang, 'confirmGoBack'),
    confirmContinue: translate(lang, 'confirmContinue'),
    linksFound: translate(lang, 'bannerLinksFound', '{count}'),
    markerAddressLabel: translate(lang, 'markerAddressLabel'),
    markerPhoneLabel: translate(lang, 'markerPhoneLabel'),
  };
}
