import { beforeEach, describe, expect, it } from 'vitest';
import type { DnrRule } from './block-rules';
import { clearRegexVerdicts, installIsolated, type RuleInstaller } from './isolate-rules';

const rule = (id: number, regexFilter?: string): DnrRule => ({
  id,
  priority: 30,
  action: { type: 'allow' },
  condition: { ...(regexFilter ? { regexFilter } : { requestDomains: [`h${id}.example`] }), resourceTypes: ['main_frame'] },
});

/** A fake browser that, like Chromium, refuses a whole update when one rule is bad. */
function fakeBrowser(bad: (r: DnrRule) => boolean, options: { namesRule: boolean; checksRegex: boolean }) {
  let installed: readonly DnrRule[] = [];
  let updates = 0;
  const api: RuleInstaller = {
    checkRegex: options.checksRegex ? async (regex) => (regex.includes('TOO-BIG') ? 'memoryLimitExceeded' : null) : undefined,
    replace: async (rules) => {
      updates++;
      const culprit = rules.find(bad);
      if (culprit) throw new Error(options.namesRule ? `Rule with id ${culprit.id} cannot have non-ascii characters` : 'Invalid rules');
      installed = rules;
    },
  };
  return { api, installed: () => installed, updates: () => updates };
}

describe('installIsolated', () => {
  beforeEach(() => clearRegexVerdicts());
  const rules = [rule(1), rule(2, '^https://a/申請'), rule(3, '^https://b/TOO-BIG'), rule(4), rule(5, '^https://c/ok')];
  const bad = (r: DnrRule) => /[^ -~]/.test(r.condition.regexFilter ?? '') || (r.condition.regexFilter ?? '').includes('TOO-BIG');

  it('sets aside what isRegexSupported refuses and what the browser names, and installs the rest', async () => {
    const browser = fakeBrowser(bad, { namesRule: true, checksRegex: true });
    const result = await installIsolated(rules, browser.api);
    expect(result.installed.map((r) => r.id)).toEqual([1, 4, 5]);
    expect(result.refused.map((r) => [r.rule.id, r.why])).toEqual([
      [3, expect.stringContaining('memoryLimitExceeded')],
      [2, expect.stringContaining('Rule with id 2')],
    ]);
    expect(browser.installed().map((r) => r.id)).toEqual([1, 4, 5]);
  });

  it('finds the bad rules by halves when the browser does not name them', async () => {
    const browser = fakeBrowser(bad, { namesRule: false, checksRegex: false });
    const many = [...rules, ...Array.from({ length: 20 }, (_, i) => rule(10 + i))];
    const result = await installIsolated(many, browser.api);
    expect(result.refused.map((r) => r.rule.id).sort()).toEqual([2, 3]);
    expect(browser.installed().map((r) => r.id)).toEqual(many.filter((r) => !bad(r)).map((r) => r.id));
    expect(browser.updates()).toBeLessThan(30);
  });

  it('makes one update when every rule is fine', async () => {
    const browser = fakeBrowser(() => false, { namesRule: true, checksRegex: true });
    expect((await installIsolated([rule(1), rule(2, '^x')], browser.api)).refused).toEqual([]);
    expect(browser.updates()).toBe(1);
  });
});
