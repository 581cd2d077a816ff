/**
 * Reads managed policy from `storage.managed` (Chrome managed storage; Firefox
 * `policies.json` `3rdparty.Extensions`). The keys, their types, defaults and locks are in
 * `src/shared/settings/managed-policy.ts`; this module fetches, caches and logs.
 *
 * Why a cache and a snapshot: every page check needs the policy (allowlist lock, dismiss
 * lock, report address), and in Chromium the first `storage.managed.get()` after the browser
 * starts takes seconds (measured with `npm run bench:browser`, docs/performance.md), so a
 * page opened at start-up waited that long for its verdict. The live read is now made once
 * and kept until managed storage changes; the last live read is also kept in
 * `storage.local` (`managedPolicySnapshot`), and {@link loadPolicyFast} answers from that
 * snapshot while the first live read is still pending. When the live read then differs from
 * the snapshot, {@link onPolicyCorrected} listeners run (the feed updater re-checks feeds).
 */
import browser from 'webextension-polyfill';
import { parsePolicy, type ManagedPolicy } from '../shared/settings/managed-policy';

export type { ManagedPolicy };

const SNAPSHOT_KEY = 'managedPolicySnapshot';

/** The live read in flight or done, until managed storage changes. */
let live: Promise<ManagedPolicy> | null = null;
/** The live policy once read (null while the read is pending). */
let resolved: ManagedPolicy | null = null;
/** Bumped when managed storage changes, so a read started before the change is not kept. */
let generation = 0;
let watching = false;
const correctedListeners = new Set<() => void>();

function parse(raw: unknown, from: string): ManagedPolicy {
  const { policy, problems } = parsePolicy(raw);
  for (const problem of problems) console.warn(`[feed-policy] ignoring ${problem} (${from})`);
  return policy;
}

async function readManaged(): Promise<unknown> {
  try {
    return await browser.storage.managed.get();
  } catch {
    // Firefox throws when no policy is installed for the add-on.
    return {};
  }
}

async function readSnapshot(): Promise<unknown> {
  try {
    return (await browser.storage.local.get(SNAPSHOT_KEY))[SNAPSHOT_KEY];
  } catch {
    return undefined;
  }
}

function watch(): void {
  if (watching) return;
  watching = true;
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') forgetPolicy();
  });
}

/** Drops the cached policy: the next read asks managed storage again. */
export function forgetPolicy(): void {
  generation++;
  live = null;
  resolved = null;
}

/**
 * The managed policy, or `{}` when none is set (or the browser has no managed storage).
 * Read live once, then cached until managed storage changes.
 */
export function loadPolicy(): Promise<ManagedPolicy> {
  watch();
  if (live) return live;
  const started = generation;
  const read = (async () => {
    const raw = await readManaged();
    const before = await readSnapshot();
    const policy = parse(raw, 'managed storage');
    if (started === generation) resolved = policy;
    if (JSON.stringify(before ?? null) !== JSON.stringify(raw ?? {})) {
      await browser.storage.local.set({ [SNAPSHOT_KEY]: raw ?? {} }).catch(() => undefined);
      // Only a snapshot that was there and differs was used by mistake; a first read has nothing to correct.
      if (before !== undefined) for (const listener of correctedListeners) listener();
    }
    return policy;
  })();
  live = read;
  return read;
}

/**
 * The policy for a check that must not wait: the live policy when already read, else the
 * snapshot of the last live read (see the module note), else the live read. Just after
 * install there is no snapshot and the check waits: an organisation's locks hold from the
 * first page (measured cost: the first page after install, `npm run bench:browser`).
 */
export async function loadPolicyFast(): Promise<ManagedPolicy> {
  const pending = loadPolicy();
  if (resolved) return resolved;
  const snapshot = await readSnapshot();
  if (resolved) return resolved;
  return snapshot === undefined ? pending : parse(snapshot, 'last managed policy read');
}

/**
 * Calls `listener` when the first live read of managed storage differs from the snapshot
 * {@link loadPolicyFast} may have answered with (the policy changed while the browser was closed).
 *
 * @returns a function that unsubscribes.
 */
export function onPolicyCorrected(listener: () => void): () => void {
  correctedListeners.add(listener);
  return () => correctedListeners.delete(listener);
}
