/**
 * The `feed` commands' work (loaded only when a `feed` command runs, so `scam-alert check`
 * never loads the feed schema and validation code at start-up): keygen, validate, sign,
 * verify, diff. Registration and help texts are in `feed-command.ts`.
 */
import { acceptFeedUpdate } from '../shared/feed/accept-update';
import { diffFeeds, isEmptyDiff, type FeedDiff } from '../shared/feed/feed-diff';
import { FeedRejection } from '../shared/feed/feed-rejection';
import type { Feed } from '../shared/feed/feed-schema';
import { generateKeyPair, signatureFile, signFeedValue } from '../shared/feed/signature';
import { checkFeedForPublishing, type PublishingProblem } from '../shared/feed/accept-update';
import { normalizePathPrefix } from '../shared/feed/path-prefix';
import { toAsciiHost } from '../shared/match/host';
import { makeParentFolders, readBytes, refuseExisting, readPrivateKey, readPublicKey, writeNew } from './feed-files';
import { CliError, type Io } from './io';
import { loadFeedFile } from './load-feed';

/** Days before `expires_at` from which `validate` warns. */
const EXPIRY_WARNING_DAYS = 14;

/** Parses `--now` (ISO time) or returns the current time. */
function nowOf(now: string | undefined): number {
  if (now === undefined) return Date.now();
  const t = Date.parse(now);
  if (Number.isNaN(t)) throw new CliError(`--now: "${now}" is not an ISO date-time`, 2);
  return t;
}

export interface ValidationReport {
  feed: Feed | null;
  /** The feed's JSON value as read (what `sign` signs); null when the bytes are not a JSON object. */
  value: Record<string, unknown> | null;
  problems: PublishingProblem[];
  warnings: string[];
}

/**
 * Literal characters (host + path prefix) above which a path rule may exceed Chromium's
 * regex memory budget (measured: 18 + 79 fit; see `shared/dnr/block-rules.ts`).
 */
const PATH_RULE_WARNING_CHARS = 90;

/**
 * Validates a feed file for publishing with exactly the reader's rules (bytes, UTF-8, size,
 * strict JSON, schema, semantics with the Public Suffix List, lifetime, and with `published`
 * a sequence above the published feed's by at most the allowed step: `checkFeedForPublishing`),
 * plus warnings a reader would not reject for.
 */
export function validateForPublishing(body: Uint8Array, now: number, published: Feed | null): ValidationReport {
  const report = checkFeedForPublishing(body, now, published);
  const { feed } = report;
  const warnings: string[] = [];
  if (feed && report.problems.length === 0) {
    const expires = Date.parse(feed.expires_at);
    if (expires - now < EXPIRY_WARNING_DAYS * 86_400_000)
      warnings.push(`expires_at ${feed.expires_at} is less than ${EXPIRY_WARNING_DAYS} days away`);
    if (Date.parse(feed.issued_at) > now + 3_600_000) warnings.push(`issued_at ${feed.issued_at} is in the future`);
    feed.agencies.forEach((agency, i) =>
      agency.scam_entries.forEach((entry, j) => {
        const prefix = entry.path_prefix === undefined ? undefined : normalizePathPrefix(entry.path_prefix).prefix;
        const host = toAsciiHost(entry.host) ?? entry.host;
        if (prefix !== undefined && host.length + prefix.length > PATH_RULE_WARNING_CHARS) {
          warnings.push(
            `agencies.${i}.scam_entries.${j}: ${host}${prefix} is long; Chromium may not block it in advance (the banner still warns)`,
          );
        }
      }),
    );
  }
  return { feed, value: report.value, problems: report.problems, warnings };
}

function formatDiff(d: FeedDiff): string {
  if (isEmptyDiff(d)) return 'no changes\n';
  const lines: string[] = [];
  for (const h of d.header) lines.push(`~ ${h.field}: ${JSON.stringify(h.old)} → ${JSON.stringify(h.new)}`);
  for (const id of d.agenciesAdded) lines.push(`+ agency ${id}`);
  for (const id of d.agenciesRemoved) lines.push(`- agency ${id}`);
  for (const c of d.agenciesChanged) {
    lines.push(`~ agency ${c.id}: ${c.fields.join(', ')}`);
    for (const x of c.officialAdded) lines.push(`    + official ${x}`);
    for (const x of c.officialRemoved) lines.push(`    - official ${x}`);
    for (const x of c.scamAdded) lines.push(`    + scam ${x}`);
    for (const x of c.scamRemoved) lines.push(`    - scam ${x}`);
  }
  for (const id of d.helpAdded) lines.push(`+ help ${id}`);
  for (const id of d.helpRemoved) lines.push(`- help ${id}`);
  for (const id of d.helpChanged) lines.push(`~ help ${id}`);
  if (d.domainsAdded.length) lines.push(`domains added: ${d.domainsAdded.join(', ')}`);
  if (d.domainsRemoved.length) lines.push(`domains removed: ${d.domainsRemoved.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** `feed keygen`: a new Ed25519 key pair as PREFIX.key (0600) and PREFIX.pub. */
export async function keygen(io: Io, options: { out: string; force?: boolean }): Promise<void> {
  if (!options.force) await refuseExisting([`${options.out}.key`, `${options.out}.pub`]);
  const key = await generateKeyPair();
  await makeParentFolders(options.out);
  await writeNew(`${options.out}.key`, `${JSON.stringify(key, null, 2)}\n`, !!options.force, 0o600);
  await writeNew(`${options.out}.pub`, `${key.public_key}\n`, !!options.force);
  io.out(`key id:     ${key.key_id}\npublic key: ${key.public_key}\nwrote ${options.out}.key (keep secret) and ${options.out}.pub\n`);
}

/** `feed validate`: the reader's rules ({@link validateForPublishing}); exit 1 on a problem. */
export async function validate(io: Io, file: string, options: { published?: string; now?: string; json?: boolean }): Promise<void> {
  const now = nowOf(options.now);
  const published = options.published ? await loadFeedFile(options.published) : null;
  const report = validateForPublishing(await readBytes(file, 'feed file'), now, published);
  const ok = report.problems.length === 0;
  if (options.json) {
    io.out(`${JSON.stringify({ ok, problems: report.problems, warnings: report.warnings })}\n`);
  } else {
    for (const p of report.problems) io.out(`error   ${p.path || '(feed)'}: ${p.message}\n`);
    for (const w of report.warnings) io.out(`warning ${w}\n`);
    if (ok && report.feed)
      io.out(
        `ok: ${report.feed.feed_id} sequence ${report.feed.sequence}, ${report.feed.agencies.length} agencies, expires ${report.feed.expires_at}\n`,
      );
  }
  if (!ok) throw new CliError(`${file}: ${report.problems.length} problem(s)`);
}

/** `feed sign`: applies the reader's rules, then writes the detached signature (FEED.sig by default). */
export async function sign(io: Io, file: string, options: { key: string[]; out?: string; now?: string; force?: boolean }): Promise<void> {
  const report = validateForPublishing(await readBytes(file, 'feed file'), nowOf(options.now), null);
  const value = report.value;
  if (report.problems.length > 0 || value === null) {
    for (const p of report.problems) io.err(`error   ${p.path || '(feed)'}: ${p.message}\n`);
    throw new CliError(`${file} is not valid; not signed`);
  }
  const keys = await Promise.all(options.key.map(readPrivateKey));
  const entries = await Promise.all(keys.map((k) => signFeedValue(value, k)));
  const out = options.out ?? `${file}.sig`;
  await writeNew(out, `${JSON.stringify(signatureFile(entries), null, 2)}\n`, options.force ?? options.out === undefined);
  io.out(`signed ${file} (sequence ${report.feed?.sequence}) with key ${entries.map((e) => e.key_id).join(', ')} → ${out}\n`);
}

/** `feed verify`: accepts the feed as the extension would, or exits 1 with the reason. */
export async function verify(
  io: Io,
  file: string,
  options: { pubkey: string[]; sig?: string; published?: string; now?: string },
): Promise<void> {
  const trustedKeys = await Promise.all(options.pubkey.map(readPublicKey));
  const published = options.published ? await loadFeedFile(options.published) : null;
  try {
    const accepted = await acceptFeedUpdate({
      body: await readBytes(file, 'feed file'),
      signature: await readBytes(options.sig ?? `${file}.sig`, 'signature file'),
      trustedKeys,
      previous: published ? { feed_id: published.feed_id, sequence: published.sequence } : null,
      now: nowOf(options.now),
    });
    io.out(`ok: ${accepted.feed.feed_id} sequence ${accepted.feed.sequence} signed by key ${accepted.keyId}\n`);
  } catch (error) {
    if (error instanceof FeedRejection) throw new CliError(`rejected (${error.code}): ${error.message}`);
    throw error;
  }
}

/** `feed diff`: what changed between two feeds. */
export async function diff(io: Io, oldFile: string, newFile: string, options: { json?: boolean }): Promise<void> {
  const d = diffFeeds(await loadFeedFile(oldFile), await loadFeedFile(newFile));
  io.out(options.json ? `${JSON.stringify(d)}\n` : formatDiff(d));
}
