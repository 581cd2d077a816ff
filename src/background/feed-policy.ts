/**
 * Managed configuration: what an IT admin sets through browser policy. Chrome reads it from
 * managed storage (`storage.managed`, schema `public/managed-schema.json`, e.g. the file
 * `/etc/chromium/policies/managed/*.json` with `3rdparty.extensions.<id>`); Firefox from the
 * `3rdparty.Extensions.<id>` section of `policies.json`. Same keys in both.
 *
 * Policy wins over user settings: policy feeds cannot be removed by the user, and with
 * `allowUserFeeds: false` the user's own subscriptions are ignored.
 */
import browser from 'webextension-polyfill';
import { z } from 'zod';

/** The managed keys (see `public/managed-schema.json` and `docs/admin-guide.md`). */
export interface ManagedPolicy {
  /** Feed URLs every managed browser fetches (signature file at `URL.sig`). */
  feedUrls?: string[];
  /** base64 Ed25519 public keys trusted for the policy feeds. */
  trustedKeys?: string[];
  /** Overrides the feeds' suggested refresh interval (minutes; bounded to 15…1440). */
  refreshIntervalMinutes?: number;
  /** Whether users may add their own feeds (default true). */
  allowUserFeeds?: boolean;
  /** Whether users may dismiss banners (default true). Honoured by the banner (content script). */
  allowDismiss?: boolean;
}

const FIELDS = {
  feedUrls: z.array(z.string().url()),
  trustedKeys: z.array(z.string()),
  refreshIntervalMinutes: z.number().int().min(1),
  allowUserFeeds: z.boolean(),
  allowDismiss: z.boolean(),
} as const;

/**
 * Reads a managed-storage value field by field: an invalid field is ignored (and logged),
 * the others still apply.
 */
export function parsePolicy(raw: unknown): ManagedPolicy {
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const policy: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(FIELDS)) {
    if (input[key] === undefined) continue;
    const result = schema.safeParse(input[key]);
    if (result.success) policy[key] = result.data;
    else console.warn(`[feed-policy] ignoring invalid managed value "${key}"`);
  }
  return policy as ManagedPolicy;
}

/** The managed policy, or `{}` when none is set (or the browser has no managed storage). */
export async function loadPolicy(): Promise<ManagedPolicy> {
  try {
    return parsePolicy(await browser.storage.managed.get());
  } catch {
    // Firefox throws when no policy is installed for the add-on.
    return {};
  }
}

/** Names of the settings the policy locks, for `PolicyState.locked`. */
export function lockedSettings(policy: ManagedPolicy): string[] {
  const names: Array<[keyof ManagedPolicy, string]> = [
    ['feedUrls', 'feeds'],
    ['trustedKeys', 'trustedKeys'],
    ['refreshIntervalMinutes', 'refreshIntervalMinutes'],
    ['allowUserFeeds', 'allowUserFeeds'],
    ['allowDismiss', 'allowDismiss'],
  ];
  return names.filter(([key]) => policy[key] !== undefined).map(([, name]) => name);
}
