/**
 * The feed format, as a zod schema. One source of truth: the TypeScript types, the
 * runtime validation (extension and admin CLI) and the JSON Schema shipped in
 * `docs/feed.schema.json` are all derived from the schemas in this file.
 *
 * Field names are snake_case because feeds are JSON documents written by admins;
 * see `docs/feed-format.md` for the prose description of every field.
 */
import { z } from 'zod';
import { isReportAddress } from '../report/prepare-report';

/** Languages a feed can carry text in. `en` is required everywhere; the others fall back to it. */
export const FEED_LANGUAGES = ['en', 'zh-Hant', 'zh-Hans'] as const;
export type FeedLanguage = (typeof FEED_LANGUAGES)[number];

const nonEmpty = z.string().trim().min(1);

/** A text in several languages; English is required and is the fallback. */
export const localizedTextSchema = z
  .object({
    en: nonEmpty,
    'zh-Hant': nonEmpty.optional(),
    'zh-Hans': nonEmpty.optional(),
  })
  .strict();
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * A hostname as admins write it: lower-case ASCII or Unicode labels, no scheme, no port,
 * no trailing dot. Normalised to its ASCII (punycode) form by the matcher.
 */
const hostnameSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^(?!-)[^\s/:@?#]+(?<![.-])$/u, 'expected a bare hostname such as example.com (no scheme, port, path or trailing dot)');

/** An http(s) URL. */
const httpUrlSchema = z.url({ protocol: /^https?$/ });

/** A phone number as shown to people: digits, spaces, +, -, parentheses. */
const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{2,24}$/, 'expected a phone number such as "3107 1000" or "+852 3107 1000"');

/**
 * A known scam entry. `host` covers the host and all its subdomains. With `path_prefix`
 * it covers only URLs on exactly that host whose path starts with the prefix: use it for
 * scam pages on shared hosts (a free hosting service) so the whole host is not flagged.
 */
export const scamEntrySchema = z
  .object({
    host: hostnameSchema,
    path_prefix: z.string().startsWith('/').optional(),
    note: z.string().optional(),
  })
  .strict();
export type ScamEntry = z.infer<typeof scamEntrySchema>;

export const CAMPAIGN_STATUSES = ['active', 'ended'] as const;

/** The breach-related scam campaign that puts an agency in the feed. */
export const campaignSchema = z
  .object({
    /** What happened to the agency, e.g. `ransomware`, `data-breach`. */
    kind: z.string().regex(/^[a-z0-9-]+$/),
    /** ISO date (YYYY-MM-DD) the campaign (or the incident that started it) became known. */
    since: z.iso.date(),
    /** ISO date the agency said the campaign is over; omitted while it lasts. */
    until: z.iso.date().optional(),
    status: z.enum(CAMPAIGN_STATUSES),
    summary: localizedTextSchema,
  })
  .strict();
export type Campaign = z.infer<typeof campaignSchema>;

/** A secondary phone line with what it is for. */
const extraPhoneSchema = z.object({ number: phoneSchema, label: localizedTextSchema }).strict();

export const agencySchema = z
  .object({
    /** Stable machine id, lower-case: `investhk`. Verdicts name it. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
    names: localizedTextSchema,
    /** Other names people use (abbreviations, old names), any language. */
    aliases: z.array(nonEmpty).default([]),
    /** Registrable domains (or hosts) the agency owns; subdomains are official too. */
    official_domains: z.array(hostnameSchema).min(1),
    /**
     * Further distinctive words a lookalike domain would borrow (ASCII, lower-case letters
     * and digits), besides those the engine derives from each official domain (its label,
     * the distinctive part of a compound label, the label glued to its second-level suffix;
     * see `src/shared/match/name-tokens.ts`). An ordinary word (consumer.org.hk) counts only
     * beside a place or government word, so list a distinctive form too (`consumercouncil`).
     */
    brand_tokens: z.array(z.string().regex(/^[a-z0-9]{4,63}$/)).optional(),
    scam_entries: z.array(scamEntrySchema).default([]),
    hotline: phoneSchema,
    other_phones: z.array(extraPhoneSchema).default([]),
    email: z.email().optional(),
    website: httpUrlSchema,
    advisory_url: httpUrlSchema.optional(),
    /**
     * Publishers whose pages report on this agency without a mention banner (a news
     * service, another public body). Pages under `gov.hk` never get one anyway. Lookalike,
     * scam-entry and deceptive-link verdicts are not affected.
     */
    trusted_publishers: z.array(hostnameSchema).default([]),
    /** SMS sender IDs the agency has registered (e.g. `#HKPost`). */
    sms_sender_ids: z.array(nonEmpty).default([]),
    /** The agency's own statement: what it never asks for by link. */
    promise: localizedTextSchema,
    campaign: campaignSchema,
  })
  .strict();
export type Agency = z.infer<typeof agencySchema>;
export type AgencyInput = z.input<typeof agencySchema>;

/** A general help line published with the feed (e.g. the Anti-Scam Helpline 18222). */
export const helpContactSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
    name: localizedTextSchema,
    phone: phoneSchema.optional(),
    url: httpUrlSchema.optional(),
    description: localizedTextSchema.optional(),
  })
  .strict();
export type HelpContact = z.infer<typeof helpContactSchema>;

/** Current version of the format. Readers reject other major versions. */
export const FEED_FORMAT_VERSION = 1;

export const feedSchema = z
  .object({
    $schema: z.string().optional(),
    format_version: z.literal(FEED_FORMAT_VERSION),
    /** Identifies the feed across updates, e.g. `hk-default`. */
    feed_id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,62}$/),
    /** Only goes up: a reader rejects a feed whose sequence is not above the one it has. */
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    issued_at: z.iso.datetime({ offset: true }),
    expires_at: z.iso.datetime({ offset: true }),
    /** Suggested time between update checks, in minutes (15 minutes to 7 days). */
    refresh_interval_minutes: z.number().int().min(15).max(10080),
    publisher: z.object({ name: localizedTextSchema, url: httpUrlSchema.optional() }).strict(),
    help: z.array(helpContactSchema).default([]),
    /**
     * Where people report a missed scam or a false alarm to the publisher: `mailto:` with
     * one address, or an `https:` form (the report goes in query parameters). Managed
     * policy `reportAddress` overrides it. The extension only prepares the report; the
     * person sends it (src/shared/report/prepare-report.ts).
     */
    report_address: z.string().trim().refine(isReportAddress, 'expected mailto:ADDRESS or an https: URL').optional(),
    agencies: z.array(agencySchema),
  })
  .strict();
export type Feed = z.infer<typeof feedSchema>;
export type FeedInput = z.input<typeof feedSchema>;
