/**
 * Managed policy: what an IT admin sets through browser policy, in one place. Each key has
 * its type (a zod schema), its default, the user settings it locks, and its entry in the
 * `managed_schema` the manifest points at (`public/managed-schema.json`, generated from
 * {@link MANAGED_POLICY} by {@link managedSchemaJson}; a unit test fails when the file
 * drifts). Pure: reading `storage.managed` is `src/background/feed-policy.ts`.
 *
 * Chrome delivers the values from managed storage (e.g. `/etc/chromium/policies/managed/*.json`
 * with `3rdparty.extensions.<id>`); Firefox from `policies.json` (`3rdparty.Extensions.<id>`).
 * Same keys in both. Chrome's managed_schema accepts a subset of JSON Schema (type,
 * properties, items, title, description: https://developer.chrome.com/docs/extensions/reference/manifest/storage),
 * so the generated file uses only those.
 */
import { z } from 'zod';
import { checkFeedUrl } from '../feed/feed-url';
import { decodePublicKey } from '../feed/signature';
import { isReportAddress } from '../report/prepare-report';

/** Refresh interval bounds, minutes: 15 (no hammering of publishers) to 1440 (a day). */
export const MIN_REFRESH_MINUTES = 15;
export const MAX_REFRESH_MINUTES = 1440;

/** Bounds a refresh interval to {@link MIN_REFRESH_MINUTES}…{@link MAX_REFRESH_MINUTES}. */
export function clampRefreshMinutes(minutes: number): number {
  return Math.min(MAX_REFRESH_MINUTES, Math.max(MIN_REFRESH_MINUTES, minutes));
}

/** User settings that managed policy can lock (the options page disables them). */
export type LockableSetting = 'feeds' | 'dismissed' | 'allowlist' | 'language' | 'continueAnyway';

type JsonType = { type: 'boolean' | 'integer' | 'string' } | { type: 'array'; items: { type: 'string' } };

interface PolicyKey<S extends z.ZodType, D = z.infer<S> | undefined> {
  schema: S;
  /** The value in force when the policy does not set the key (`undefined`: no value). */
  default: D;
  /** Name used in the options page's list (`optPolicyKey_<label>`). */
  label: string;
  /** The user settings this key locks, given its value. */
  locks: (value: z.infer<S>) => LockableSetting[];
  json: JsonType & { title: string; description: string };
}

function key<S extends z.ZodType, D extends z.infer<S> | undefined>(def: PolicyKey<S, D>): PolicyKey<S, D> {
  return def;
}

const none = (): LockableSetting[] => [];

/** Every managed key. Add a key here; the schema file, defaults and locks follow. */
export const MANAGED_POLICY = {
  feedUrls: key({
    // https only (loopback http for development): `shared/feed/feed-url.ts`.
    schema: z.array(z.string().refine((u) => checkFeedUrl(u).problem === undefined, 'feed URLs must be https (http only on localhost)')),
    default: [] as string[],
    label: 'feeds',
    locks: none,
    json: {
      type: 'array',
      items: { type: 'string' },
      title: 'Feed URLs',
      description:
        'Signed feeds every managed browser fetches (https only). The detached signature must be at the same URL with .sig appended.',
    },
  }),
  trustedKeys: key({
    // Small-order and non-canonical keys are refused (`shared/feed/public-key.ts`).
    schema: z.array(
      z.string().refine((k) => {
        try {
          decodePublicKey(k);
          return true;
        } catch {
          return false;
        }
      }, 'every trusted key must be a safe Ed25519 public key (32 bytes of base64; not small-order or non-canonical)'),
    ),
    default: [] as string[],
    label: 'trustedKeys',
    locks: none,
    json: {
      type: 'array',
      items: { type: 'string' },
      title: 'Trusted public keys',
      description:
        'Base64 Ed25519 public keys (as printed by `scam-alert feed keygen`) trusted to sign the policy feeds. List several while rotating keys.',
    },
  }),
  refreshIntervalMinutes: key({
    schema: z.number().int().min(1),
    default: undefined,
    label: 'refreshIntervalMinutes',
    locks: none,
    json: {
      type: 'integer',
      title: 'Refresh interval (minutes)',
      description: "How often to check the feeds, overriding the feeds' suggestion. Bounded to 15-1440.",
    },
  }),
  allowUserFeeds: key({
    schema: z.boolean(),
    default: true,
    label: 'allowUserFeeds',
    locks: (allowed) => (allowed ? [] : ['feeds']),
    json: {
      type: 'boolean',
      title: 'Allow user feeds',
      description:
        'Whether users may subscribe to feeds of their own (default true). When false, only the policy feeds and the embedded feed are used.',
    },
  }),
  allowDismiss: key({
    schema: z.boolean(),
    default: true,
    label: 'allowDismiss',
    // Not dismissing must not be bypassed by allowlisting the site instead.
    locks: (allowed) => (allowed ? [] : ['dismissed', 'allowlist']),
    json: {
      type: 'boolean',
      title: 'Allow dismissing banners',
      description:
        'Whether users may dismiss warning banners (default true). When false, the user allowlist is locked too and its entries stop silencing warnings.',
    },
  }),
  allowUserAllowlist: key({
    schema: z.boolean(),
    default: true,
    label: 'allowUserAllowlist',
    locks: (allowed) => (allowed ? [] : ['allowlist']),
    json: {
      type: 'boolean',
      title: 'Allow the user allowlist',
      description: 'Whether users may mark sites as false alarms (default true). When false, existing entries stop silencing warnings.',
    },
  }),
  allowContinueAnyway: key({
    schema: z.boolean(),
    default: true,
    label: 'allowContinueAnyway',
    locks: (allowed) => (allowed ? [] : ['continueAnyway']),
    json: {
      type: 'boolean',
      title: 'Allow "Continue anyway"',
      description:
        'Whether the warning page that replaces a known scam page offers "Continue anyway" (default true), like Chrome\'s SafeBrowsingProceedAnywayDisabled policy.',
    },
  }),
  reportAddress: key({
    schema: z.string().trim().refine(isReportAddress, 'expected mailto:ADDRESS or an https: URL'),
    default: undefined,
    label: 'reportAddress',
    locks: none,
    json: {
      type: 'string',
      title: 'Report address',
      description:
        "Where users report a missed scam or a false alarm (mailto:ADDRESS or an https: form), instead of the feed's report_address. Reports are prepared by the extension and sent only by the user.",
    },
  }),
};

export type PolicyKeyName = keyof typeof MANAGED_POLICY;

/** The managed values that were set (and valid); absent keys take their default. */
export type ManagedPolicy = { [K in PolicyKeyName]?: z.infer<(typeof MANAGED_POLICY)[K]['schema']> };

/** What managed policy means for the UI: what it sets, what it locks, the values in force. */
export interface PolicyState {
  /** Labels of the keys the policy sets (`optPolicyKey_<label>` names them). */
  set: string[];
  /** User settings the policy locks. */
  locked: LockableSetting[];
  allowUserFeeds: boolean;
  allowDismiss: boolean;
  /** Whether the user allowlist may be edited and silences warnings (false when `allowDismiss` or `allowUserAllowlist` is false). */
  allowUserAllowlist: boolean;
  /** Whether the warning page offers "Continue anyway". */
  allowContinueAnyway: boolean;
  /** The policy's refresh interval, bounded; null when the policy sets none. */
  refreshIntervalMinutes: number | null;
  /** The policy's report address (overrides the feed's); null when the policy sets none. */
  reportAddress: string | null;
}

/**
 * Reads a managed-storage value key by key: an invalid key is ignored (reported in
 * `problems`), the others still apply; unknown keys are reported too.
 *
 * @param raw - what `storage.managed.get()` returned (any value).
 */
export function parsePolicy(raw: unknown): { policy: ManagedPolicy; problems: string[] } {
  const input = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const policy: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(input)) {
    const def = (MANAGED_POLICY as Record<string, PolicyKey<z.ZodType>>)[name];
    if (!def) {
      problems.push(`unknown managed key "${name}"`);
      continue;
    }
    const result = def.schema.safeParse(value);
    if (result.success) {
      policy[name] = result.data;
    } else if (def.schema instanceof z.ZodArray && Array.isArray(value)) {
      // A list keeps its valid items: one http:// URL or unsafe key does not drop the others.
      const element = def.schema.element as z.ZodType;
      policy[name] = value.filter((item, i) => {
        const r = element.safeParse(item);
        if (!r.success) problems.push(`invalid managed value "${name}[${i}]": ${r.error.issues[0]?.message ?? 'wrong type'}`);
        return r.success;
      });
    } else {
      problems.push(`invalid managed value "${name}": ${result.error.issues[0]?.message ?? 'wrong type'}`);
    }
  }
  return { policy: policy as ManagedPolicy, problems };
}

/** The value in force for `name`: the policy's, else the default. */
export function policyValue<K extends PolicyKeyName>(
  policy: ManagedPolicy,
  name: K,
): NonNullable<ManagedPolicy[K]> | (typeof MANAGED_POLICY)[K]['default'] {
  return policy[name] ?? MANAGED_POLICY[name].default;
}

/** The UI's view of a policy. */
export function policyState(policy: ManagedPolicy): PolicyState {
  const names = Object.keys(MANAGED_POLICY) as PolicyKeyName[];
  const present = names.filter((n) => policy[n] !== undefined);
  const locked = new Set<LockableSetting>();
  for (const name of present) {
    const def = MANAGED_POLICY[name] as PolicyKey<z.ZodType>;
    for (const setting of def.locks(policy[name])) locked.add(setting);
  }
  return {
    set: present.map((n) => MANAGED_POLICY[n].label),
    locked: [...locked],
    allowUserFeeds: policyValue(policy, 'allowUserFeeds'),
    allowDismiss: policyValue(policy, 'allowDismiss'),
    allowUserAllowlist: !locked.has('allowlist'),
    allowContinueAnyway: policyValue(policy, 'allowContinueAnyway'),
    refreshIntervalMinutes: policy.refreshIntervalMinutes === undefined ? null : clampRefreshMinutes(policy.refreshIntervalMinutes),
    reportAddress: policy.reportAddress ?? null,
  };
}

/** The `managed_schema` document for the manifest (`public/managed-schema.json`). */
export function managedSchemaJson(): { type: 'object'; properties: Record<string, unknown> } {
  const properties: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(MANAGED_POLICY)) {
    const { title, description, ...type } = def.json;
    properties[name] = { title, description, ...type };
  }
  return { type: 'object', properties };
}
