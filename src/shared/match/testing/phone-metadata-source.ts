/**
 * The phone-number metadata the engine carries, computed from the pinned
 * `libphonenumber-js` package: its "min" metadata (Google's libphonenumber
 * PhoneNumberMetadata.xml, reduced by the package) limited to {@link PHONE_REGIONS}.
 * Used by `scripts/generate-phone-metadata.ts` and by the test that keeps
 * `src/shared/match/data/phone-metadata.ts` equal to it. Test and build tooling only.
 */
import { createRequire } from 'node:module';

/**
 * Regions whose numbers the engine reads: Hong Kong (the feed's numbers and the scam
 * messages' fake hotlines), and Macao and mainland China, whose numbers Hong Kong scam
 * messages also give as a "hotline" (+853, +86).
 */
export const PHONE_REGIONS = ['HK', 'MO', 'CN'] as const;

interface MetadataJson {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
  nonGeographic?: Record<string, unknown>;
}

/** The subset of `libphonenumber-js/metadata.min.json` for {@link PHONE_REGIONS}. */
export function phoneMetadataFromSource(): MetadataJson {
  const full = createRequire(import.meta.url)('libphonenumber-js/metadata.min.json') as MetadataJson;
  const regions = new Set<string>(PHONE_REGIONS);
  const codes: Record<string, string[]> = {};
  for (const [code, list] of Object.entries(full.country_calling_codes)) {
    const kept = list.filter((r) => regions.has(r));
    if (kept.length > 0) codes[code] = kept;
  }
  const countries: Record<string, unknown> = {};
  for (const region of PHONE_REGIONS) countries[region] = full.countries[region];
  return { version: full.version, country_calling_codes: codes, countries };
}
