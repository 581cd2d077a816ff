/**
 * User settings: one schema with defaults, a type derived from it, and validation on every
 * read (a damaged or older stored value falls back field by field to the defaults).
 * Pure: the storage itself is in `src/background/settings-store.ts`.
 */
import { z } from 'zod';

export const SETTINGS_VERSION = 1;

/** UI language: follow the browser, or a fixed language. */
export const languagePreferenceSchema = z.enum(['browser', 'en', 'zh-Hant', 'zh-Hans']);

/** Hosts where the user dismissed a banner: host → agency id → ISO time of dismissal. */
export const dismissedSchema = z.record(z.string().max(253), z.record(z.string().max(64), z.string().max(64)));

/** Hosts the user marked as false alarms: no verdict above `none` for them. */
export const allowlistSchema = z.array(z.string().max(253)).max(10_000);

export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION).catch(SETTINGS_VERSION),
  language: languagePreferenceSchema.catch('browser'),
  dismissed: dismissedSchema.catch({}),
  allowlist: allowlistSchema.catch([]),
  /**
   * Feeds the user subscribed to (options page → `feed-subscribe`): the feed URL and the
   * publisher's base64 Ed25519 public keys. Ignored when managed policy sets
   * `allowUserFeeds: false`. See `src/background/feed-updater.ts`.
   */
  feeds: z.array(z.object({ url: z.string(), publicKeys: z.array(z.string()) })).catch([]),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  version: SETTINGS_VERSION,
  language: 'browser',
  dismissed: {},
  allowlist: [],
  feeds: [],
});

/**
 * Reads settings from any stored value (missing, partial, damaged, older version).
 *
 * @returns valid settings; invalid fields take their default.
 */
export function parseSettings(stored: unknown): Settings {
  const input = typeof stored === 'object' && stored !== null ? stored : {};
  return settingsSchema.parse({ ...DEFAULT_SETTINGS, ...input });
}

/** True when the user dismissed the banner for `agency` on `host`. */
export function isDismissed(settings: Settings, host: string, agency: string): boolean {
  return settings.dismissed[host]?.[agency] !== undefined;
}
