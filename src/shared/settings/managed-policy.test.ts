import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { managedSchemaJson, parsePolicy, policyState, policyValue } from './managed-policy';

const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../../public/managed-schema.json');

describe('managed policy', () => {
  it('reads key by key: an invalid or unknown key is reported and ignored, the others apply', () => {
    const { policy, problems } = parsePolicy({
      feedUrls: ['https://a.example/f.json'],
      allowDismiss: 'no',
      refreshIntervalMinutes: 30,
      surprise: true,
    });
    expect(policy).toEqual({ feedUrls: ['https://a.example/f.json'], refreshIntervalMinutes: 30 });
    expect(problems).toEqual([expect.stringContaining('"allowDismiss"'), 'unknown managed key "surprise"']);
    expect(parsePolicy(undefined)).toEqual({ policy: {}, problems: [] });
    expect(parsePolicy(['feedUrls']).policy).toEqual({});
  });

  it('refuses feed URLs that are not https (loopback http for development), item by item', () => {
    const { policy, problems } = parsePolicy({
      feedUrls: ['file:///etc/passwd', 'http://feeds.example/f.json', 'https://feeds.example/f.json', 'http://127.0.0.1:8080/f.json'],
    });
    expect(policy).toEqual({ feedUrls: ['https://feeds.example/f.json', 'http://127.0.0.1:8080/f.json'] });
    expect(problems).toEqual([expect.stringContaining('feedUrls[0]'), expect.stringContaining('feedUrls[1]')]);
  });

  it('refuses small-order and non-canonical trusted keys, keeping the safe ones', () => {
    const identity = btoa(String.fromCharCode(1, ...new Array(31).fill(0)));
    const safe = 'Seco155LtcQJmUaehn2cUz7DvypbVfaPpS0r7XkWi1I=';
    const { policy, problems } = parsePolicy({ trustedKeys: [identity, safe, 'not a key'] });
    expect(policy).toEqual({ trustedKeys: [safe] });
    expect(problems).toHaveLength(2);
  });

  it('allowDismiss: false also locks the allowlist; allowUserAllowlist and allowContinueAnyway lock theirs', () => {
    expect(policyState({ allowDismiss: false })).toMatchObject({ locked: ['dismissed', 'allowlist'], allowUserAllowlist: false });
    expect(policyState({ allowUserAllowlist: false })).toMatchObject({
      locked: ['allowlist'],
      allowUserAllowlist: false,
      allowDismiss: true,
    });
    expect(policyState({ allowContinueAnyway: false })).toMatchObject({ locked: ['continueAnyway'], allowContinueAnyway: false });
  });

  it('gives defaults for what the policy does not set', () => {
    expect(policyValue({}, 'allowUserFeeds')).toBe(true);
    expect(policyValue({}, 'allowDismiss')).toBe(true);
    expect(policyValue({}, 'feedUrls')).toEqual([]);
    expect(policyValue({}, 'refreshIntervalMinutes')).toBeUndefined();
    expect(policyValue({ allowDismiss: false }, 'allowDismiss')).toBe(false);
  });

  it('locks the user settings the policy takes away, and names what it sets', () => {
    expect(policyState({})).toEqual({
      set: [],
      locked: [],
      allowUserFeeds: true,
      allowDismiss: true,
      allowUserAllowlist: true,
      allowContinueAnyway: true,
      refreshIntervalMinutes: null,
      reportAddress: null,
    });
    const state = policyState({
      feedUrls: ['https://a.example/f.json'],
      allowUserFeeds: false,
      allowDismiss: false,
      refreshIntervalMinutes: 1,
    });
    expect(state.set).toEqual(['feeds', 'refreshIntervalMinutes', 'allowUserFeeds', 'allowDismiss']);
    expect(state.locked.sort()).toEqual(['allowlist', 'dismissed', 'feeds']);
    expect(state.refreshIntervalMinutes).toBe(15);
    // Allowing explicitly locks nothing.
    expect(policyState({ allowUserFeeds: true, allowDismiss: true }).locked).toEqual([]);
  });

  it('public/managed-schema.json is generated from the module (UPDATE_MANAGED_SCHEMA=1 rewrites it)', () => {
    if (process.env.UPDATE_MANAGED_SCHEMA) writeFileSync(SCHEMA_FILE, `${JSON.stringify(managedSchemaJson(), null, 2)}\n`);
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(managedSchemaJson());
  });

  it('the schema uses only what Chrome managed_schema accepts', () => {
    const allowed = ['type', 'title', 'description', 'properties', 'items'];
    const used = new Set<string>();
    const walk = (schema: Record<string, unknown>): void => {
      for (const k of Object.keys(schema)) used.add(k);
      for (const child of Object.values((schema.properties as Record<string, Record<string, unknown>>) ?? {})) walk(child);
      if (schema.items) walk(schema.items as Record<string, unknown>);
    };
    walk(managedSchemaJson());
    expect([...used].filter((k) => !allowed.includes(k))).toEqual([]);
    expect(used.has('items')).toBe(true);
  });
});

describe('reportAddress', () => {
  it('takes a mailto: or https: address and rejects others', () => {
    expect(parsePolicy({ reportAddress: 'mailto:reports@it.example.hk' }).policy.reportAddress).toBe('mailto:reports@it.example.hk');
    expect(policyState(parsePolicy({ reportAddress: 'https://it.example.hk/report' }).policy).reportAddress).toBe(
      'https://it.example.hk/report',
    );
    const bad = parsePolicy({ reportAddress: 'javascript:alert(1)' });
    expect(bad.policy.reportAddress).toBeUndefined();
    expect(bad.problems[0]).toMatch(/invalid managed value "reportAddress"/);
  });
});
