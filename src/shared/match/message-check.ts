/**
 * # Checking a whole message
 *
 * A scam message that claims to come from an agency carries more than a hyperlink: web
 * addresses typed as text (often disguised), email addresses, a number to call, a sender.
 * {@link MessageChecker.check} finds each (`text-addresses.ts`, `phone-numbers.ts`,
 * `sender-ids.ts`, the mention finder) and judges it with the same engine as links and
 * pages, so a pasted SMS, a webmail message and the admin CLI agree:
 * - a web address: `Matcher.matchUrl` (blocklisted, lookalike, official…), reason
 *   `plain-text-address`, plus `disguised-address` when the text disguised it;
 * - an email address: like a `mailto:` link; in addition a mailbox name that imitates an
 *   agency on another domain (`hongkongpost@xmail.com`, Hongkong Post's own example of a
 *   phishing sender) is a `lookalike` (`mail-user-imitates-agency`), and a `From:` line
 *   whose display name names an agency while its address is not the agency's is a
 *   `deceptive-link` at `caution` (`display-name-not-official`);
 * - a phone number: `official` when the feed lists it for an agency (`official-phone`) or
 *   as a general help line (`help-line:<id>`, no agency); when it is not listed but is
 *   presented as an agency's (the text names the agency within {@link PRESENTED_WITHIN}
 *   characters in the same paragraph, or the message claims to come from it) a `mentions`
 *   at `caution` with reason `unlisted-phone` and the agency's genuine numbers
 *   (`genuinePhones`); otherwise `unrelated` (numbers on text that names no agency are left
 *   alone);
 * - a sender: `official` when it is a registered SMS sender ID the feed lists
 *   (`sms_sender_ids`, reason `registered-sender-id`); when the message names (or the sender
 *   claims) an agency that has registered IDs and the sender is none of them, a `mentions`
 *   at `caution` with reason `sender-not-registered` (Hongkong Post: "will only use #HKPost");
 *   a sender that only names an agency without registered IDs is a mention;
 * - a mention: the text verdict of `Matcher.matchText` ("reporting is not asking").
 * The message's verdict is the loudest of all. On a page under `gov.hk` or of a trusted
 * publisher of the agency (when `pageUrl` is given) numbers and senders are not flagged:
 * such pages list numbers and IDs of many bodies.
 */
import type { Agency } from '../feed/feed-schema';
import { louder, type Verdict } from './verdict';
import { damerauLevenshtein } from './damerau-levenshtein';
import type { PhoneDirectory } from './phone-directory';
import { findPhoneNumbers, findShortNumbers, phoneKey, type PhoneHit } from './phone-numbers';
import { findSenderClaims, findSenderIdTokens, senderKey, type SenderClaim } from './sender-ids';
import { findEmailAddresses, findWebAddresses, undisguise } from './text-addresses';
import type { MentionSpan } from './text-mentions';

/** What a finding is. */
export type FindingKind = 'url' | 'email' | 'phone' | 'sender' | 'mention';

/** One thing found in a message, with its verdict. */
export interface MessageFinding {
  kind: FindingKind;
  /** As written in the message (or as given for `sender`). */
  text: string;
  /** UTF-16 offsets into the message; both -1 for a sender given beside the text. */
  start: number;
  end: number;
  /**
   * What was judged: an absolute URL (`url`), `user@host` (`email`), E.164 or short-number
   * digits (`phone`), the sender as given (`sender`), the agency id (`mention`).
   */
  value: string;
  /** True for the message's sender (a `From:` line, a signature, the given sender). */
  sender?: boolean;
  verdict: Verdict;
}

/** The result of {@link MessageChecker.check}. */
export interface MessageCheck {
  /** Everything found, in text order (a sender given beside the text first). */
  findings: MessageFinding[];
  /** The loudest verdict of the findings and of the text as a whole. */
  verdict: Verdict;
  /** The agency the message concerns (the loudest verdict's), or null. */
  agency: string | null;
}

export interface MessageOptions {
  /** The sender shown beside the message: an SMS sender ID, a phone number or an email address. */
  sender?: string;
  /** The page the text is on, when it is page text (government and trusted pages list many numbers). */
  pageUrl?: string;
}

/** A number counts as presented as an agency's when a name of it is this close (characters) in the same paragraph. */
export const PRESENTED_WITHIN = 300;

/** What the checker needs from the matcher. */
export interface MessageDeps {
  agencies: readonly Agency[];
  phones: PhoneDirectory;
  matchUrl(url: string): Verdict;
  matchText(text: string, pageUrl: string): Verdict;
  locateMentions(text: string): MentionSpan[];
  isCampaignActive(agency: Agency): boolean;
  /** True when pages of `pageUrl` report on agency `index` (government or trusted publisher). */
  isTrustedPage(pageUrl: string, index: number): boolean;
  /** Agencies whose names, brand tokens or official labels a folded ID spells (`hkpost`). */
  agenciesSpelledBy(folded: string): number[];
}

export interface MessageChecker {
  /** Checks a whole message or block of text (see the module note). */
  check(text: string, options?: MessageOptions): MessageCheck;
  /**
   * Verdict for a phone number presented as agency `presentedAs`'s (or as nobody's):
   * `official`, `unlisted-phone` (as `deceptive-link` when `asLink`) or `unrelated`.
   */
  judgePhone(key: string, url: string, presentedAs: number | null, asLink: boolean): Verdict;
}

const EMAIL_ONLY = /^\s*(?:mailto:)?([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)\s*$/i;

/** Builds the checker over the matcher's parts. */
export function createMessageChecker(deps: MessageDeps): MessageChecker {
  const { agencies, phones } = deps;
  const registered = new Map<string, number>();
  agencies.forEach((a, i) => {
    for (const id of a.sms_sender_ids) registered.set(senderKey(id), i);
  });
  const idOf = (i: number | null) => (i === null ? null : agencies[i]!.id);
  const none = (url: string): Verdict => ({ url, verdict: 'unrelated', severity: 'none', agency: null, reasons: [] });

  function judgePhone(key: string, url: string, presentedAs: number | null, asLink: boolean): Verdict {
    const owner = phones.owner(key);
    if (owner && 'agency' in owner) {
      return { url, verdict: 'official', severity: 'safe', agency: idOf(owner.agency), reasons: ['official-phone'] };
    }
    if (owner) return { url, verdict: 'official', severity: 'safe', agency: null, reasons: [`help-line:${owner.help}`] };
    if (presentedAs === null) return none(url);
    return {
      url,
      verdict: asLink ? 'deceptive-link' : 'mentions',
      severity: asLink ? 'danger' : 'caution',
      agency: idOf(presentedAs),
      reasons: ['unlisted-phone'],
      genuinePhones: phones.genuine(presentedAs),
    };
  }

  /** The agencies a sender ID claims to be: by name, or by spelling a registered ID, brand token or official label (one edit allowed from 5 letters). */
  function claimedBy(id: string): number[] {
    const found = new Set(deps.locateMentions(id).map((m) => m.agency));
    const folded = senderKey(id).replace(/[^\p{L}\p{N}]/gu, '');
    for (const i of deps.agenciesSpelledBy(folded)) found.add(i);
    for (const [key, i] of registered) {
      const bare = key.replace(/[^\p{L}\p{N}]/gu, '');
      if (bare.length >= 5 && damerauLevenshtein(bare, folded, 1) <= 1) found.add(i);
    }
    return [...found];
  }

  function judgeSender(id: string, url: string, named: readonly number[], trusted: (i: number) => boolean): Verdict {
    const own = registered.get(senderKey(id));
    if (own !== undefined) {
      const other = named.find((i) => i !== own && agencies[i]!.sms_sender_ids.length > 0 && !trusted(i));
      if (other === undefined) return { url, verdict: 'official', severity: 'safe', agency: idOf(own), reasons: ['registered-sender-id'] };
      return { url, verdict: 'mentions', severity: 'caution', agency: idOf(other), reasons: ['sender-not-registered'] };
    }
    const claimed = claimedBy(id);
    const concerned = [...new Set([...claimed, ...named])].filter((i) => !trusted(i));
    const withIds = concerned.find((i) => agencies[i]!.sms_sender_ids.length > 0);
    if (withIds !== undefined)
      return { url, verdict: 'mentions', severity: 'caution', agency: idOf(withIds), reasons: ['sender-not-registered'] };
    const first = claimed.find((i) => !trusted(i));
    if (first !== undefined) {
      const active = deps.isCampaignActive(agencies[first]!);
      return { url, verdict: 'mentions', severity: active ? 'info' : 'none', agency: idOf(first), reasons: ['sender-names-agency'] };
    }
    return none(url);
  }

  function judgeEmail(address: string, displayName: string | null, trusted: (i: number) => boolean): Verdict {
    const url = `mailto:${address}`;
    const byDomain = deps.matchUrl(url);
    if (byDomain.verdict !== 'unrelated') return byDomain;
    const at = address.lastIndexOf('@');
    const mailbox = address
      .slice(0, at)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '');
    if (mailbox) {
      // The mailbox name read as a label of the mail domain: `hongkongpost.xmail.com`.
      const asHost = deps.matchUrl(`https://${mailbox}.${address.slice(at + 1)}/`);
      if (asHost.verdict === 'lookalike') {
        return {
          url,
          verdict: 'lookalike',
          severity: 'danger',
          agency: asHost.agency,
          reasons: ['mail-user-imitates-agency', ...asHost.reasons],
        };
      }
    }
    if (displayName) {
      const named = deps.locateMentions(displayName).find((m) => !trusted(m.agency));
      if (named) {
        return { url, verdict: 'deceptive-link', severity: 'caution', agency: idOf(named.agency), reasons: ['display-name-not-official'] };
      }
    }
    return byDomain;
  }

  function check(text: string, options: MessageOptions = {}): MessageCheck {
    const pageUrl = options.pageUrl ?? '';
    const trusted = (i: number) => pageUrl !== '' && deps.isTrustedPage(pageUrl, i);
    const findings: MessageFinding[] = [];
    const taken: Array<[number, number]> = [];
    const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
    const mentions = deps.locateMentions(text);
    const named = [...new Set(mentions.map((m) => m.agency))];

    // Senders: given beside the text, or claimed inside it.
    const claims: SenderClaim[] = findSenderClaims(text);
    const senderAgencies = new Set<number>();
    const given = options.sender?.trim();
    const senderTexts: Array<{ claim: SenderClaim | null; text: string }> = [];
    if (given) senderTexts.push({ claim: null, text: given });
    for (const claim of claims) senderTexts.push({ claim, text: claim.text });

    const undisguised = undisguise(text);
    const emails = findEmailAddresses(text, undisguised);
    for (const { claim, text: senderText } of senderTexts) {
      const start = claim?.start ?? -1;
      const end = claim?.end ?? -1;
      const emailOnly = EMAIL_ONLY.exec(senderText)?.[1];
      const emailInside = claim ? emails.find((e) => e.start >= claim.start && e.end <= claim.end) : undefined;
      if (emailOnly || emailInside) {
        const address = emailOnly ?? emailInside!.value;
        const displayName = emailInside
          ? text
              .slice(claim!.start, emailInside.start)
              .replace(/[<"'\s]+$/, '')
              .replace(/^["'\s]+/, '')
          : null;
        const v = judgeEmail(address, displayName || null, trusted);
        findings.push({
          kind: 'email',
          text: emailInside ? emailInside.text : senderText,
          start: emailInside ? emailInside.start : start,
          end: emailInside ? emailInside.end : end,
          value: address,
          sender: true,
          verdict: v,
        });
        if (emailInside) taken.push([emailInside.start, emailInside.end]);
        if (v.agency) senderAgencies.add(agencies.findIndex((a) => a.id === v.agency));
        if (displayName) for (const m of deps.locateMentions(displayName)) senderAgencies.add(m.agency);
        continue;
      }
      const key = /^[+(]?[\d\s()+-]{5,}$/.test(senderText) ? phoneKey(senderText) : null;
      if (key) {
        findings.push({
          kind: 'phone',
          text: senderText,
          start,
          end,
          value: key,
          sender: true,
          verdict: judgePhone(key, `tel:${key}`, null, false),
        });
        // A number as sender: the message's agencies must have said they send from it.
        const v = judgeSender(senderText, senderText, named, trusted);
        if (v.verdict !== 'unrelated' && v.verdict !== 'official')
          findings.push({ kind: 'sender', text: senderText, start, end, value: senderText, sender: true, verdict: v });
      } else {
        const v = judgeSender(senderText, senderText, named, trusted);
        findings.push({ kind: 'sender', text: senderText, start, end, value: senderText, sender: true, verdict: v });
        for (const i of claimedBy(senderText)) senderAgencies.add(i);
      }
      if (claim) taken.push([claim.start, claim.end]);
    }
    // A registered ID quoted in the text (a report: "only uses #HKPost").
    for (const token of findSenderIdTokens(text)) {
      if (overlaps(token.start, token.end)) continue;
      const own = registered.get(senderKey(token.text));
      if (own === undefined) continue;
      findings.push({
        kind: 'sender',
        text: token.text,
        start: token.start,
        end: token.end,
        value: token.text,
        verdict: { url: token.text, verdict: 'official', severity: 'safe', agency: idOf(own), reasons: ['registered-sender-id'] },
      });
      taken.push([token.start, token.end]);
    }

    for (const email of emails) {
      if (overlaps(email.start, email.end)) continue;
      const v = judgeEmail(email.value, null, trusted);
      findings.push({
        kind: 'email',
        text: email.text,
        start: email.start,
        end: email.end,
        value: email.value,
        verdict: withDisguise(v, email.disguised),
      });
      taken.push([email.start, email.end]);
    }
    for (const web of findWebAddresses(text, undisguised)) {
      if (overlaps(web.start, web.end)) continue;
      const v = deps.matchUrl(web.value);
      const reasons = ['plain-text-address', ...(web.disguised ? ['disguised-address'] : []), ...v.reasons];
      findings.push({ kind: 'url', text: web.text, start: web.start, end: web.end, value: web.value, verdict: { ...v, reasons } });
      taken.push([web.start, web.end]);
    }

    // Phone numbers: presented as the nearest named agency's, or the claimed sender's.
    const numbers: PhoneHit[] = [...findPhoneNumbers(text), ...findShortNumbers(text, phones.shortKeys)]
      .filter((p) => !overlaps(p.start, p.end))
      .sort((a, b) => a.start - b.start);
    const textMentions = mentions.filter((m) => !overlaps(m.start, m.end));
    const claimedSender = [...senderAgencies].find((i) => i >= 0);
    const phoneStarts = new Set(findings.filter((f) => f.kind === 'phone').map((f) => f.start));
    for (const number of numbers) {
      if (phoneStarts.has(number.start)) continue;
      let presentedAs = nearestAgency(text, textMentions, number) ?? claimedSender ?? null;
      if (presentedAs !== null && trusted(presentedAs)) presentedAs = null;
      const v = judgePhone(number.key, `tel:${number.key}`, presentedAs, false);
      findings.push({ kind: 'phone', text: number.text, start: number.start, end: number.end, value: number.key, verdict: v });
      taken.push([number.start, number.end]);
    }

    // Mentions, judged as the text as a whole is.
    const textVerdict = deps.matchText(text, pageUrl);
    for (const m of textMentions) {
      if (overlaps(m.start, m.end)) continue;
      const agency = agencies[m.agency]!;
      const v: Verdict =
        textVerdict.agency === agency.id
          ? textVerdict
          : {
              url: pageUrl,
              verdict: 'mentions',
              severity: trusted(m.agency) || !deps.isCampaignActive(agency) ? 'none' : 'info',
              agency: agency.id,
              reasons: ['mentions-name'],
            };
      findings.push({ kind: 'mention', text: text.slice(m.start, m.end), start: m.start, end: m.end, value: agency.id, verdict: v });
    }

    findings.sort((a, b) => a.start - b.start);
    let verdict: Verdict = { ...textVerdict, url: pageUrl };
    for (const f of findings) verdict = louder(verdict, f.verdict);
    return { findings, verdict, agency: verdict.agency };
  }

  return { check, judgePhone };
}

function withDisguise(v: Verdict, disguised: boolean): Verdict {
  return disguised ? { ...v, reasons: ['disguised-address', ...v.reasons] } : v;
}

/** The agency named nearest to `hit` within {@link PRESENTED_WITHIN} characters, with no blank line between. */
function nearestAgency(text: string, mentions: readonly MentionSpan[], hit: PhoneHit): number | null {
  let best: number | null = null;
  let bestDistance = Infinity;
  for (const m of mentions) {
    const distance = m.end <= hit.start ? hit.start - m.end : m.start >= hit.end ? m.start - hit.end : 0;
    if (distance > PRESENTED_WITHIN || distance >= bestDistance) continue;
    const between = text.slice(Math.min(m.end, hit.end), Math.max(m.start, hit.start));
    if (/\n[ \t]*\n/.test(between)) continue;
    best = m.agency;
    bestDistance = distance;
  }
  return best;
}
