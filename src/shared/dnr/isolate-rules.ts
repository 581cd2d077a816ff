/**
 * Installs declarativeNetRequest rules so that one rule the browser refuses cannot take the
 * others down with it.
 *
 * Design note. `updateDynamicRules` is all or nothing: Chromium refuses the whole update
 * when one rule is invalid (a non-ASCII regex, a regex over RE2's memory budget) and keeps
 * the previous rules (checked in `test/e2e/trust-model.test.ts`). Before this module, one
 * unusable path prefix in a feed silently stopped all pre-blocking. So:
 * 1. every regex is first checked with the browser's own `isRegexSupported` (Chromium;
 *    Firefox 113+), results cached by regex: refused rules are set aside with the reason;
 * 2. the rest is installed in one update (atomic, no moment without rules);
 * 3. if the browser still refuses, and its message names a rule id (Chromium: "Rule with id
 *    N …"), that rule is set aside and the update retried; otherwise the set is split in
 *    halves to find the rules it refuses (each half tried on its own), and the update is
 *    made with every rule that passed.
 * What was set aside is returned, so the options page and the log can say what is not
 * pre-blocked (the banner still judges those pages). Pure: the browser calls are passed in.
 */
import type { DnrRule } from './block-rules';

export interface RuleInstaller {
  /** The browser's verdict on a regex: null when supported, else its reason. Optional. */
  checkRegex?(regex: string, caseSensitive: boolean): Promise<string | null>;
  /** Replaces every dynamic rule with `rules` in one update; rejects with the browser's error. */
  replace(rules: readonly DnrRule[]): Promise<void>;
}

export interface RefusedRule {
  rule: DnrRule;
  why: string;
}

export interface InstallResult {
  installed: DnrRule[];
  refused: RefusedRule[];
}

const regexVerdicts = new Map<string, string | null>();

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Installs `rules`, isolating the ones the browser refuses.
 *
 * @returns what was installed and what was refused (with the browser's reason).
 * @throws Error when the rules that pass one by one are refused together.
 */
export async function installIsolated(rules: readonly DnrRule[], api: RuleInstaller): Promise<InstallResult> {
  const refused: RefusedRule[] = [];
  let candidates: DnrRule[] = [];
  for (const rule of rules) {
    const regex = rule.condition.regexFilter;
    if (regex !== undefined && api.checkRegex) {
      const key = `${rule.condition.isUrlFilterCaseSensitive === false ? 'i' : 's'}:${regex}`;
      if (!regexVerdicts.has(key)) {
        regexVerdicts.set(key, await api.checkRegex(regex, rule.condition.isUrlFilterCaseSensitive !== false).catch(() => null));
      }
      const why = regexVerdicts.get(key);
      if (why) {
        refused.push({ rule, why: `the browser cannot use its regex (${why})` });
        continue;
      }
    }
    candidates.push(rule);
  }
  const tryReplace = async (set: readonly DnrRule[]): Promise<string | null> => {
    try {
      await api.replace(set);
      return null;
    } catch (error) {
      return messageOf(error);
    }
  };
  // Rules named by the browser's error, one at a time (bounded).
  for (let attempt = 0; attempt <= rules.length; attempt++) {
    const error = await tryReplace(candidates);
    if (error === null) return { installed: candidates, refused };
    const named = /rule with id (\d+)/i.exec(error);
    const id = named ? Number(named[1]) : NaN;
    const culprit = candidates.find((r) => r.id === id);
    if (!culprit) break;
    refused.push({ rule: culprit, why: error });
    candidates = candidates.filter((r) => r !== culprit);
  }
  // No rule named: find the refused ones by halves.
  const good: DnrRule[] = [];
  const search = async (set: DnrRule[]): Promise<void> => {
    if (set.length === 0) return;
    const error = await tryReplace(set);
    if (error === null) {
      good.push(...set);
      return;
    }
    if (set.length === 1) {
      refused.push({ rule: set[0]!, why: error });
      return;
    }
    const half = Math.ceil(set.length / 2);
    await search(set.slice(0, half));
    await search(set.slice(half));
  };
  await search(candidates);
  good.sort((a, b) => a.id - b.id);
  const error = await tryReplace(good);
  // Each passed on its own but not together (a count limit?): report it to the caller.
  if (error !== null) throw new Error(`the browser refused the rules together: ${error}`);
  return { installed: good, refused };
}

/** Forgets the cached regex verdicts (tests). */
export function clearRegexVerdicts(): void {
  regexVerdicts.clear();
}
