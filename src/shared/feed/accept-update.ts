/**
 * The pure part of the feed update pipeline, as named steps in a fixed order:
 * 1. bytes: size cap, strict UTF-8 (`decodeFeedText`);
 * 2. JSON: a strict reader that refuses duplicate member names, deep nesting and numbers
 *    no reader can hold, before anything is verified (`readFeedJson`, `strict-json.ts`);
 *    a captive portal's HTML page is named as such;
 * 3. signature: Ed25519 over the canonical bytes by a trusted, safe key (`signature.ts`);
 * 4. content: schema and semantic validation, Public Suffix List included (`validateFeedValue`);
 * 5. identity: the same feed id as before at this URL; for user feeds, not a reserved id
 *    and signed by a key the id is bound to (`checkIdentity`, see `trust-model.ts`);
 * 6. sequence: strictly above the one in use, by at most {@link MAX_SEQUENCE_STEP} (`checkSequence`);
 * 7. lifetime: not issued in the future, not living longer than {@link MAX_FEED_LIFETIME_DAYS},
 *    not expired (`lifetimeProblem`).
 * The first failing step throws a {@link FeedRejection}; nothing is stored or activated
 * unless every step passes. The admin CLI runs the same steps (`checkFeedForPublishing`)
 * before it signs, so a feed it signs is a feed readers take. The background's updater does
 * the fetching, storing and activating around them.
 */
import { canonicalJson } from './canonical-json';
import type { Feed } from './feed-schema';
import { feedSchema } from './feed-schema';
import { FeedRejection, type RejectionCode } from './feed-rejection';
import { keyIdOf, parseSignatureFile, verifyFeedSignatures } from './signature';
import { parseStrictJson } from './strict-json';
import { isReservedFor, type FeedSource } from './trust-model';
import { FeedValidationError, parseFeed, semanticProblems, type FeedProblem } from './validate-feed';

/** Largest feed body accepted, in bytes (1 MiB: ~100× the embedded feed with three agencies). */
export const MAX_FEED_BYTES = 1024 * 1024;
/** Largest signature file accepted, in bytes (room for a dozen signatures). */
export const MAX_SIGNATURE_BYTES = 16 * 1024;
/**
 * Longest life of a fetched feed (`expires_at − issued_at`), in days. A feed that nobody
 * re-signs stops counting within this time, so a publisher that vanished, or an attacker
 * who replays an old signed copy to a reader cut off from updates, cannot keep it in use.
 */
export const MAX_FEED_LIFETIME_DAYS = 90;
/** How far `issued_at` may be ahead of the reader's clock (clock skew), in ms: one day. */
export const MAX_CLOCK_SKEW_MS = 24 * 3_600_000;
/**
 * Largest increase of `sequence` in one update: 2^32 (a counter, a date such as 20261201 or
 * Unix seconds all fit). With `MAX_SEQUENCE` (2^50) a leaked key needs 2^18 accepted
 * updates, not one, to exhaust the sequence space of a URL.
 */
export const MAX_SEQUENCE_STEP = 2 ** 32;

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
  /** Where the subscription comes from (default `policy`: no reservation or binding applies). */
  source?: Exclude<FeedSource, 'embedded'>;
  /** Feed ids a user feed may not use (the embedded feed's and the policy feeds'). */
  reservedIds?: readonly string[];
  /** Public keys each feed id is bound to (base64), from earlier deliveries of user feeds. */
  bindings?: Readonly<Record<string, readonly string[]>>;
  /** Current time, ms since the epoch. */
  now: number;
  maxBytes?: number;
}

export interface AcceptedUpdate {
  feed: Feed;
  /** The feed's JSON value as verified (stored, so a later 304 can be checked again). */
  value: Record<string, unknown>;
  /** Id of the trusted key whose signature verified. */
  keyId: string;
  /** Ids of every trusted key whose signature verified (for the feed id's binding). */
  signedBy: string[];
  /** True when the feed is the one already in use (same sequence, same canonical content). */
  unchanged: boolean;
}

/**
 * Step 1: the body's text.
 *
 * @throws FeedRejection `too-large` over `maxBytes`, `not-json` when not UTF-8.
 */
export function decodeFeedText(body: Uint8Array, maxBytes = MAX_FEED_BYTES, what = 'feed'): string {
  if (body.length > maxBytes) {
    throw new FeedRejection('too-large', `the ${what} is ${body.length} bytes, over the ${maxBytes}-byte limit`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new FeedRejection('not-json', `the ${what} is not UTF-8 text`);
  }
}

/**
 * Step 2: the feed's JSON value, read strictly (`strict-json.ts`).
 *
 * @throws FeedRejection `not-json` (an HTML page is named as such; JSON that is not an
 *   object), `duplicate-key`, `too-deep`, `bad-number`, `bad-string`.
 */
export function readFeedJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseStrictJson(text, 'feed');
  } catch (error) {
    if (error instanceof FeedRejection && error.code === 'not-json' && /^\s*</.test(text)) {
      throw new FeedRejection(
        'not-json',
        'the server sent an HTML page instead of the feed (a captive portal, a login page or an error page?)',
      );
    }
    if (error instanceof FeedRejection && error.code === 'not-json')
      throw new FeedRejection('not-json', `the feed is not valid JSON: ${error.message}`);
    throw error;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FeedRejection('not-json', 'the feed is JSON but not an object');
  }
  return value as Record<string, unknown>;
}

/**
 * Step 4: schema and semantic validation.
 *
 * @throws FeedRejection `invalid-feed` listing the problems.
 */
export function validateFeedValue(value: unknown): Feed {
  try {
    return parseFeed(value);
  } catch (error) {
    if (error instanceof FeedValidationError) throw new FeedRejection('invalid-feed', error.message);
    throw error;
  }
}

/**
 * Step 7: whether a fetched feed may be used at `now`.
 *
 * @returns null, or the reason: `issued-in-future` (more than {@link MAX_CLOCK_SKEW_MS}
 *   ahead), `too-long-lived` (over {@link MAX_FEED_LIFETIME_DAYS}), `expired`.
 */
export function lifetimeProblem(
  feed: Pick<Feed, 'issued_at' | 'expires_at'>,
  now: number,
): { code: RejectionCode; message: string } | null {
  const issued = Date.parse(feed.issued_at);
  const expires = Date.parse(feed.expires_at);
  if (issued > now + MAX_CLOCK_SKEW_MS) {
    return {
      code: 'issued-in-future',
      message: `the feed says it was issued at ${feed.issued_at}, more than a day ahead of this computer's clock`,
    };
  }
  if (expires - issued > MAX_FEED_LIFETIME_DAYS * 86_400_000) {
    return {
      code: 'too-long-lived',
      message: `the feed is valid from ${feed.issued_at} to ${feed.expires_at}, longer than the ${MAX_FEED_LIFETIME_DAYS}-day limit`,
    };
  }
  if (expires <= now) return { code: 'expired', message: `the feed expired at ${feed.expires_at}` };
  return null;
}

/**
 * Step 6: the sequence goes up, by at most {@link MAX_SEQUENCE_STEP}.
 *
 * @throws FeedRejection `not-newer`, `sequence-jump`.
 */
export function checkSequence(
  feed: Feed,
  previous: Pick<Feed, 'feed_id' | 'sequence'> | null,
  floor?: Pick<Feed, 'feed_id' | 'sequence'>,
): void {
  const minimum = Math.max(previous?.sequence ?? 0, floor && floor.feed_id === feed.feed_id ? floor.sequence : 0);
  if (feed.sequence <= minimum) {
    throw new FeedRejection(
      'not-newer',
      `sequence ${feed.sequence} is not above ${minimum}, the one in use (an old feed replayed, or the publisher forgot to raise it)`,
    );
  }
  if (previous && feed.sequence - previous.sequence > MAX_SEQUENCE_STEP) {
    throw new FeedRejection(
      'sequence-jump',
      `sequence ${feed.sequence} jumps more than 2^32 above ${previous.sequence}, the one in use (a leaked key trying to freeze the feed?)`,
    );
  }
}

/**
 * Step 5: the feed speaks for the id it may speak for.
 *
 * @param signedBy - ids of the trusted keys whose signature verified.
 * @param verifyBound - checks the signatures against the keys the id is bound to (called
 *   only when none of `signedBy` is one of them); resolves true when one verifies.
 * @throws FeedRejection `feed-id-changed` (not the id this URL had), `reserved-feed-id`
 *   (a user feed using the embedded or a policy feed's id), `feed-id-bound` (a user feed
 *   using an id first delivered under other keys).
 */
export async function checkIdentity(
  feed: Feed,
  candidate: Pick<UpdateCandidate, 'previous' | 'source' | 'reservedIds' | 'bindings'>,
  signedBy: readonly string[],
  verifyBound: (keys: readonly string[]) => Promise<boolean>,
): Promise<void> {
  const { previous } = candidate;
  if (previous && previous.feed_id !== feed.feed_id) {
    throw new FeedRejection('feed-id-changed', `the feed id changed from "${previous.feed_id}" to "${feed.feed_id}"`);
  }
  const source = candidate.source ?? 'policy';
  if (isReservedFor(feed.feed_id, source, candidate.reservedIds ?? [])) {
    throw new FeedRejection(
      'reserved-feed-id',
      `the feed calls itself "${feed.feed_id}", the id of a feed built in or set by your organisation; a feed you add cannot replace it`,
    );
  }
  const bound = source === 'user' ? candidate.bindings?.[feed.feed_id] : undefined;
  if (!bound || bound.length === 0) return;
  const boundIds = await Promise.all(bound.map((k) => keyIdOf(k).catch(() => null)));
  if (signedBy.some((id) => boundIds.includes(id))) return;
  if (await verifyBound(bound)) return;
  throw new FeedRejection(
    'feed-id-bound',
    `the feed calls itself "${feed.feed_id}", but that feed came with other keys (${boundIds.filter(Boolean).join(', ')}); this one is signed by ${signedBy.join(', ')}`,
  );
}

/**
 * Runs the checks on a downloaded feed and its signature.
 *
 * @returns the validated feed (defaults filled in), its JSON value and the keys that signed it.
 * @throws FeedRejection with the code of the first failing step (see the module comment).
 */
export async function acceptFeedUpdate(candidate: UpdateCandidate): Promise<AcceptedUpdate> {
  const value = readFeedJson(decodeFeedText(candidate.body, candidate.maxBytes ?? MAX_FEED_BYTES));
  if (candidate.signature.length === 0) throw new FeedRejection('missing-signature', 'the feed has no signature file');
  if (candidate.signature.length > MAX_SIGNATURE_BYTES) throw new FeedRejection('bad-signature-file', 'the signature file is too large');
  let sigText: string;
  try {
    sigText = decodeFeedText(candidate.signature, MAX_SIGNATURE_BYTES, 'signature file');
  } catch {
    throw new FeedRejection('bad-signature-file', 'the signature file is not UTF-8 text');
  }
  const sig = parseSignatureFile(sigText);
  const verified = await verifyFeedSignatures(value, sig, candidate.trustedKeys);
  const feed = validateFeedValue(value);
  await checkIdentity(feed, candidate, verified.trusted, async (keys) => {
    const again = await verifyFeedSignatures(value, sig, candidate.trustedKeys, keys);
    return again.also.length > 0;
  });
  const { previous } = candidate;
  const accepted = { feed, value, keyId: verified.trusted[0]!, signedBy: verified.trusted };
  if (previous && 'agencies' in previous && previous.sequence === feed.sequence && canonicalJson(previous) === canonicalJson(feed)) {
    const problem = lifetimeProblem(feed, candidate.now);
    if (problem) throw new FeedRejection(problem.code, problem.message);
    return { ...accepted, unchanged: true };
  }
  checkSequence(feed, previous, candidate.floor);
  const problem = lifetimeProblem(feed, candidate.now);
  if (problem) throw new FeedRejection(problem.code, problem.message);
  return { ...accepted, unchanged: false };
}

/**
 * Checks a stored feed again before a `304 Not Modified` may confirm it: its signature with
 * today's trusted keys, its content with today's rules, and its lifetime at `now`.
 *
 * @param value - the stored JSON value; `signature` the stored signature file's text.
 * @throws FeedRejection `stored-copy-invalid` (no longer verifies or validates), `expired`,
 *   `too-long-lived`, `issued-in-future`.
 */
export async function reverifyStoredCopy(value: unknown, signature: string, trustedKeys: readonly string[], now: number): Promise<Feed> {
  let feed: Feed;
  try {
    await verifyFeedSignatures(value, parseSignatureFile(signature), trustedKeys);
    feed = validateFeedValue(value);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new FeedRejection('stored-copy-invalid', `the server says the feed is unchanged, but the stored copy no longer passes: ${why}`);
  }
  const problem = lifetimeProblem(feed, now);
  if (problem) throw new FeedRejection(problem.code, problem.message);
  return feed;
}

/** One problem a reader would reject a feed for, with the reader's reason code. */
export interface PublishingProblem extends FeedProblem {
  code: RejectionCode;
}

export interface PublishingReport {
  feed: Feed | null;
  /** The JSON value (null when the bytes are not a JSON object). */
  value: Record<string, unknown> | null;
  problems: PublishingProblem[];
}

/**
 * The reader's rules on a feed file, for the admin CLI (`feed validate`, `feed sign`):
 * bytes, strict JSON, schema and semantics (every problem listed), lifetime at `now`, and
 * the sequence against the published feed (when given). Signature and identity are not
 * checked (they depend on the signer and the reader).
 */
export function checkFeedForPublishing(
  body: Uint8Array,
  now: number,
  published: Pick<Feed, 'feed_id' | 'sequence'> | null = null,
): PublishingReport {
  let value: Record<string, unknown>;
  try {
    value = readFeedJson(decodeFeedText(body));
  } catch (error) {
    const r = error instanceof FeedRejection ? error : new FeedRejection('not-json', String(error));
    return { feed: null, value: null, problems: [{ code: r.code, path: '', message: r.message }] };
  }
  const shape = feedSchema.safeParse(value);
  if (!shape.success) {
    return {
      feed: null,
      value,
      problems: shape.error.issues.map((i) => ({ code: 'invalid-feed', path: i.path.map(String).join('.'), message: i.message })),
    };
  }
  const feed = shape.data;
  const problems: PublishingProblem[] = semanticProblems(feed).map((p) => ({ code: 'invalid-feed', ...p }));
  const lifetime = lifetimeProblem(feed, now);
  if (lifetime)
    problems.push({
      code: lifetime.code,
      path: lifetime.code === 'issued-in-future' ? 'issued_at' : 'expires_at',
      message: lifetime.message,
    });
  if (published) {
    if (published.feed_id !== feed.feed_id) {
      problems.push({ code: 'feed-id-changed', path: 'feed_id', message: `differs from the published feed's "${published.feed_id}"` });
    }
    try {
      checkSequence(feed, published);
    } catch (error) {
      const r = error as FeedRejection;
      problems.push({
        code: r.code,
        path: 'sequence',
        message:
          r.code === 'not-newer'
            ? `${feed.sequence} is not above the published sequence ${published.sequence}: readers would reject it`
            : r.message,
      });
    }
  }
  return { feed, value, problems };
}
