/**
 * The phone numbers a feed lists, indexed by their comparison key (`phone-numbers.ts`):
 * each agency's `hotline` and `other_phones`, and the general help lines (`help[].phone`,
 * e.g. the Anti-Scam Helpline 18222). A number found in a message is one of these, or it
 * is not a number the feed knows.
 */
import type { Agency, HelpContact } from '../feed/feed-schema';
import { phoneKey } from './phone-numbers';

/** Whose number a key is: an agency (by index in the feed) or a help contact (by id). */
export type PhoneOwner = { agency: number } | { help: string };

export class PhoneDirectory {
  private readonly owners = new Map<string, PhoneOwner>();
  /** Keys that are short numbers (not found by the numbering-plan search). */
  readonly shortKeys: string[] = [];

  /**
   * @param agencies - the feed's agencies, in feed order.
   * @param help - the feed's general help contacts.
   */
  constructor(
    private readonly agencies: readonly Agency[],
    help: readonly HelpContact[],
  ) {
    agencies.forEach((agency, index) => {
      for (const number of [agency.hotline, ...agency.other_phones.map((p) => p.number)]) this.add(number, { agency: index });
    });
    for (const contact of help) if (contact.phone) this.add(contact.phone, { help: contact.id });
  }

  private add(number: string, owner: PhoneOwner): void {
    const key = phoneKey(number);
    if (!key || this.owners.has(key)) return;
    this.owners.set(key, owner);
    if (!key.startsWith('+')) this.shortKeys.push(key);
  }

  /** Whose number `key` is, if the feed lists it. */
  owner(key: string): PhoneOwner | undefined {
    return this.owners.get(key);
  }

  /** The agency's genuine numbers as the feed writes them: hotline first. */
  genuine(agency: number): string[] {
    const a = this.agencies[agency]!;
    return [a.hotline, ...a.other_phones.map((p) => p.number)];
  }
}
