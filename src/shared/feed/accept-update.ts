/**
 * The pure part of the feed update pipeline, in its fixed order: size cap → UTF-8 JSON
 * (a captive portal's HTML page stops here) → Ed25519 signature over the canonical bytes →
 * schema and semantic validation → same feed id → sequence strictly above the one in use
 * (rollback/replay protection) → not expired. The first failing step throws a
 * {@link FeedRejection}; nothing is stored or activated unless every step passes.
 * The background's updater does the fetching, storing and activating around it.
 */
import { canonicalJson } from './canonical-json';
import type { Feed } from './feed-schema';
import { FeedRejection } from './feed-rejection';
import { parseSignatureFile, verifyFeedValue } from './signature';
import { FeedValidationError, parseFeed } from './validate-feed';

/** Largest feed body accepted, in bytes (1 MiB: ~100× the embedded feed with three agencies). */
export const MAX_FEED_BYTES = 1024 * 1024;
/** Largest signature file accepted, in bytes (room for a dozen signatures). */
export const MAX_SIGNATURE_BYTES = 16 * 1024;

export interface UpdateCandidate {
  /** The feed body as received. */
  body: Uint8Array;
  /** The detached signature file as received. */
  signature: Uint8Array;
  /** base64 Ed25519 public keys trusted for this feed. */
  trustedKeys: readonly string[];
  /**
   * The feed in use for this subscription (null on the first fetch). When the whole feed is
   * given, a byte-for-byte (canonically) identical re-download counts as unchanged rather
   * than as a replay: servers without ETag support send the same feed on every check.
   */
  previous: Feed | Pick<Feed, 'feed_id' | 'sequence'> | null;
  /** Lowest sequence allowed for a feed id regardless of `previous` (e.g. the embedded feed's). */
  floor?: Pick<Feed, 'feed_id' | 'sequence'>;
  /** Current time, ms since the epoch. */
  now: number;
  maxBytes?: number;
}

export interface AcceptedUpdate {
  feed: Feed;
  /** Id of the trusted key whose signature verified. */
  keyId: string;
  /** True when the feed is the one already in use (same sequence, same canonical content). */
  unchanged: boolean;
}

/** Decodes UTF-8 text strictly; null for invalid UTF-8. */
function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Runs the checks on a downloaded feed and its signature.
 *
 * @returns the validated feed (defaults filled in) and the key that signed it.
 * @throws FeedRejection with code `too-large`, `not-json`, `missing-signature`,
 *   `bad-signature-file`, `untrusted-key`, `bad-signature`, `invalid-feed`,
 *   `feed-id-changed`, `not-newer` or `expired`.
 */
export async function acceptFeedUpdate(candidate: UpdateCandidate): Promise<AcceptedUpdate> {
  const maxBytes = candidate.maxBytes ?? MAX_FEED_BYTES;
  if (candidate.body.length > maxBytes) {
    throw new FeedRejection('too-large', `the feed is ${candidate.body.length} bytes, over the ${maxBytes}-byte limit`);
  }
  const text = utf8(candidate.body);
  let value: unknown;
  try {
    if (text === null) throw new Error('not UTF-8');
    value = JSON.parse(text);
  } catch {
    const looksHtml = text !== null && /^\s*</.test(text);
    throw new FeedRejection(
      'not-json',
      looksHtml
        ? 'the server sent an HTML page instead of the feed (a captive portal, a login page or an error page?)'
        : 'the feed is not valid JSON',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FeedRejection('not-json', 'the feed is JSON but not an object');
  }
  if (candidate.signature.length === 0) throw new FeedRejection('missing-signature', 'the feed has no signature file');
  if (candidate.signature.length > MAX_SIGNATURE_BYTES) throw new FeedRejection('bad-signature-file', 'the signature file is too large');
  const sigText = utf8(candidate.signature);
  if (sigText === null) throw new FeedRejection('bad-signature-file', 'the signature file is not UTF-8 text');
  const keyId = await verifyFeedValue(value, parseSignatureFile(sigText), candidate.trustedKeys);
  let feed: Feed;
  try {
    feed = parseFeed(value);
  } catch (error) {
    if (error instanceof FeedValidationError) throw new FeedRejection('invalid-feed', error.message);
    throw error;
  }
  const { previous, floor } = candidate;
  if (previous && previous.feed_id !== feed.feed_id) {
    throw new FeedRejection('feed-id-changed', `the feed id changed from "${previous.feed_id}" to "${feed.feed_id}"`);
  }
  if (previous && 'agencies' in previous && previous.sequence === feed.sequence && canonicalJson(previous) === canonicalJson(feed)) {
    return { feed, keyId, unchanged: true };
  }
  const minimum = Math.max(previous?.sequence ?? 0, floor && floor.feed_id === feed.feed_id ? floor.sequence : 0);
  if (feed.sequence <= minimum) {
    throw new FeedRejection(
      'not-newer',
      `sequence ${feed.sequence} is not above ${minimum}, the one in use (an old feed replayed, or the publisher forgot to raise it)`,
    );
  }
  if (Date.parse(feed.expires_at) <= candidate.now) {
    throw new FeedRejection('expired', `the feed expired at ${feed.expires_at}`);
  }
  return { feed, keyId, unchanged: false };
}
