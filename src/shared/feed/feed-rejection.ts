/**
 * Why a feed update was not used. Every step of the update pipeline (fetch, bytes, JSON,
 * signature, schema, identity, sequence, lifetime) throws a {@link FeedRejection} with a
 * stable `code` for tests and logs and a plain-words `message` for the options page.
 * `network-error` is only for a fetch that failed; anything unexpected is `internal-error`
 * with its message, never a network error (see `docs/feed-format.md`, "Reasons").
 */

export const REJECTION_CODES = [
  // transport
  'network-error',
  'http-error',
  'insecure-url',
  // bytes and JSON
  'too-large',
  'not-json',
  'duplicate-key',
  'too-deep',
  'bad-number',
  'bad-string',
  // signature and keys
  'missing-signature',
  'bad-signature-file',
  'untrusted-key',
  'weak-key',
  'bad-signature',
  // content
  'invalid-feed',
  // identity (trust model)
  'feed-id-changed',
  'reserved-feed-id',
  'feed-id-bound',
  // sequence and lifetime
  'not-newer',
  'sequence-jump',
  'issued-in-future',
  'too-long-lived',
  'expired',
  // a stored copy that a 304 would confirm no longer verifies
  'stored-copy-invalid',
  'internal-error',
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

/**
 * Any error as a rejection: a {@link FeedRejection} as is, anything else as
 * `internal-error` carrying its message (so the options page says what broke).
 */
export function asRejection(error: unknown): FeedRejection {
  if (error instanceof FeedRejection) return error;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new FeedRejection('internal-error', `unexpected error while checking the feed (${message})`);
}
