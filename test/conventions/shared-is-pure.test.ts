/**
 * `src/shared` (engine, feed pipeline, protocol, settings, UI models) runs in the service
 * worker, the extension pages and the admin CLI on Node: no extension APIs, no DOM, no Node
 * built-ins. The rule is ESLint's (`eslint.config.js`, run on the whole tree by `npm run lint`);
 * this test shows that it bites.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function problems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('src/shared is pure', { timeout: 60_000 }, () => {
  it('flags extension APIs, the DOM and Node built-ins in src/shared', async () => {
    expect(await problems(`export const t = document.title;\n`, 'src/shared/match/probe.ts')).toContain('no-restricted-globals');
    expect(await problems(`export const i = chrome.runtime.id;\n`, 'src/shared/feed/probe.ts')).toContain('no-restricted-globals');
    expect(await problems(`import browser from 'webextension-polyfill';\nexport const b = browser;\n`, 'src/shared/ui/probe.ts')).toContain(
      'no-restricted-imports',
    );
    expect(
      await problems(`import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`, 'src/shared/feed/probe.ts'),
    ).toContain('no-restricted-imports');
  });

  it('allows them outside src/shared', async () => {
    expect(await problems(`export const t = document.title;\n`, 'src/content/probe.ts')).toEqual([]);
  });
});
