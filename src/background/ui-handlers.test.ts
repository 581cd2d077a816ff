/** The settings patch from the extension pages: policy locks and allowlist rules (issue 12). */
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../shared/settings/settings';

vi.mock('webextension-polyfill', () => ({
  default: { storage: { local: { get: async () => ({}), set: async () => undefined }, managed: { get: async () => ({}) } }, runtime: {} },
}));

const { applySettingsPatch } = await import('./ui-handlers');

describe('applySettingsPatch', () => {
  it('keeps hosts and registrable domains, refuses public suffixes and wildcards', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, {
      allowlist: ['com', '*', 'gov.hk', 'github.io', 'Forum.Example.net', 'a.b.example.org.', '203.0.113.7'],
    });
    expect(next.allowlist).toEqual(['forum.example.net', 'a.b.example.org', '203.0.113.7']);
  });

  it('ignores the allowlist when policy locks it (allowDismiss: false cannot be bypassed)', () => {
    const current = { ...DEFAULT_SETTINGS, allowlist: ['kept.example.com'] };
    expect(applySettingsPatch(current, { allowlist: ['investhk.gov.hk.secure-pay.top'] }, ['dismissed', 'allowlist']).allowlist).toEqual([
      'kept.example.com',
    ]);
  });
});
