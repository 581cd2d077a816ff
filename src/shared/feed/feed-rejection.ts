/**
 * Why a feed update was not used. Every step of the update pipeline (fetch, size, JSON,
 * signature, schema, sequence, expiry) throws a {@link FeedRejection} with a stable `code`
 * for tests and logs and a plain-words `message` for the options page.
 */

export const REJECTION_CODES = [
  'network-error',
  'http-error',
  'too-large',
  'not-json',
  'missing-signature',
  'bad-signature-file',
  'untrusted-key',
  'bad-signature',
  'invalid-feed',
  'feed-id-changed',
  'not-newer',
  'expired',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** A feed update that must not be used. The last good feed stays active. */
export class FeedRejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'FeedRejection';
  }
}
