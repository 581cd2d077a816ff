/** Where a warning comes from (trust model provenance), for the banner and the warning page. */
import { findEntryProvenance } from '../shared/feed/entry-provenance';
import type { Verdict } from '../shared/match/verdict';
import type { BannerProvenance } from '../shared/ui/banner-model';
import { getEngine } from './engine-state';

/** Where the banner's agency (and, for a known scam address, its listing) come from. */
export function bannerOrigin(verdict: Verdict): BannerProvenance {
  if (!verdict.agency) return {};
  const { merge } = getEngine();
  return {
    agency: merge.agencyProvenance[verdict.agency] ?? null,
    listing:
      verdict.verdict === 'blocklisted' ? findEntryProvenance(merge.entryProvenance, verdict.agency, verdict.target ?? verdict.url) : null,
  };
}
