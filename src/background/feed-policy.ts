/**
 * Reads managed policy from `storage.managed` (Chrome managed storage; Firefox
 * `policies.json` `3rdparty.Extensions`). The keys, their types, defaults and locks are in
 * `src/shared/settings/managed-policy.ts`; this module only fetches and logs.
 */
import browser from 'webextension-polyfill';
import { parsePolicy, type ManagedPolicy } from '../shared/settings/managed-policy';

export type { ManagedPolicy };

/** The managed policy, or `{}` when none is set (or the browser has no managed storage). */
export async function loadPolicy(): Promise<ManagedPolicy> {
  let raw: unknown;
  try {
    raw = await browser.storage.managed.get();
  } catch {
    // Firefox throws when no policy is installed for the add-on.
    return {};
  }
  const { policy, problems } = parsePolicy(raw);
  for (const problem of problems) console.warn(`[feed-policy] ignoring ${problem}`);
  return policy;
}
