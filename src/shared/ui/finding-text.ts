/**
 * What a message check says about each finding, in plain words (popup "Check a message",
 * `Matcher.matchMessage`). Pure: strings from the UI catalogs.
 */
import type { Agency } from '../feed/feed-schema';
import { localize, translate, type UiLanguage } from '../i18n/i18n';
import type { FindingKind, MessageFinding } from '../match/message-check';

/** The label of a finding's kind ("Web address", "Phone number"…). */
export function findingKindText(kind: FindingKind, lang: UiLanguage): string {
  return translate(lang, `msgKind_${kind}`);
}

/**
 * The verdict on one finding in plain words.
 *
 * @param finding - from `matchMessage`.
 * @param agency - the agency its verdict names, from the feed (undefined when none).
 * @param lang - the UI language.
 */
export function findingVerdictText(finding: MessageFinding, agency: Agency | undefined, lang: UiLanguage): string {
  const v = finding.verdict;
  const name = agency ? localize(agency.names, lang) : '';
  const has = (r: string) => v.reasons.includes(r);
  if (has('unlisted-phone')) return translate(lang, 'msgUnlistedPhone', name, (v.genuinePhones ?? [agency?.hotline ?? '']).join(' / '));
  if (has('sender-not-registered')) return translate(lang, 'msgSenderNotRegistered', name, (agency?.sms_sender_ids ?? []).join(', '));
  if (has('registered-sender-id')) return translate(lang, 'msgRegisteredSender', name);
  if (has('display-name-not-official')) return translate(lang, 'msgDisplayNameNotOfficial', name);
  if (has('mail-user-imitates-agency')) return translate(lang, 'msgMailboxImitates', name);
  if (v.reasons.some((r) => r.startsWith('help-line:'))) return translate(lang, 'msgHelpLine');
  switch (v.verdict) {
    case 'official':
      return translate(lang, finding.kind === 'phone' ? 'msgOfficialPhone' : 'msgOfficial', name);
    case 'blocklisted':
      return translate(lang, 'msgBlocklisted', name);
    case 'lookalike':
      return translate(lang, 'msgLookalike', name);
    case 'deceptive-link':
      return translate(lang, 'msgLookalike', name);
    case 'mentions':
      if (v.severity === 'caution') return translate(lang, 'msgMentionAsks', name);
      return translate(lang, 'msgMention', name);
    case 'unrelated':
      return translate(
        lang,
        finding.kind === 'phone' ? 'msgUnrelatedPhone' : finding.kind === 'sender' ? 'msgUnrelatedSender' : 'msgUnrelated',
      );
  }
}
