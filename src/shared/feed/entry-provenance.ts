/**
 * Which feed listed the scam entry behind a `blocklisted` verdict, when it is another feed
 * than the one that defines the agency (a user feed adding a scam host to a policy
 * agency): the banner and the warning page then say so. Pure.
 */
import type { EntryProvenance } from './merge-feeds';
import { pathHasPrefix } from './path-prefix';
import type { Provenance } from './trust-model';
import { isSameOrSubdomain, toAsciiHost } from '../match/host';

/**
 * The provenance of the scam entry of `agency` that `url` matches, among the entries that
 * came from another feed; null when none does (the agency's own feed listed it).
 *
 * @param url - the (unwrapped) URL the verdict is about (`verdict.target ?? verdict.url`).
 */
export function findEntryProvenance(entries: readonly EntryProvenance[], agency: string, url: string): Provenance | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const host = toAsciiHost(parsed.hostname);
  if (!host) return null;
  for (const e of entries) {
    if (e.agency !== agency) continue;
    const entryHost = toAsciiHost(e.host);
    if (!entryHost) continue;
    if (e.pathPrefix !== null ? host === entryHost && pathHasPrefix(parsed.pathname, e.pathPrefix) : isSameOrSubdomain(host, entryHost)) {
      return e.provenance;
    }
  }
  return null;
}
