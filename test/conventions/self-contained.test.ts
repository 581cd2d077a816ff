/**
 * The repository stands alone: a clone with nothing beside it runs every test, benchmark
 * and doc link. No tracked file may point at a path outside the repository (the team's
 * `../shared` folder of product notes, corpora and cases is not part of a clone), nor at a
 * relative path inside it that does not exist, nor cite product notes the repository does
 * not hold. Data that tests need lives in `test/fixtures/` with its source named.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TEXT = /\.(ts|tsx|js|mjs|cjs|json|md|html|css|sh|yml|yaml|txt)$|^\.ci\/run$/;
/** Product notes kept outside the repository by the team; cite `docs/` instead. */
const OUTSIDE_NOTES = /\b(PRODUCT|STYLE|AGENCIES)\.md\b/;
/** A relative path that climbs at least one level and names `shared`. */
const CLIMBING_SHARED = /(?:\.\.\/)+shared(?:\/[\w.-]+)*/g;

function trackedTextFiles(): string[] {
  return execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && TEXT.test(f) && f !== 'package-lock.json' && existsSync(path.join(ROOT, f)));
}

/**
 * Where a `../shared…` reference lands: resolved from the file's own folder, and, for
 * prose (docs, README, comments written from the repository root), from the root too.
 * It is fine when one of the two lands on an existing path (or module) inside the repository.
 */
function badReference(file: string, reference: string): boolean {
  const candidates = [path.resolve(ROOT, path.dirname(file), reference), path.resolve(ROOT, reference)];
  const exists = (p: string) => ['', '.ts', '.tsx', '.json'].some((ext) => existsSync(p + ext));
  return !candidates.some((p) => (p === ROOT || p.startsWith(`${ROOT}${path.sep}`)) && exists(p));
}

describe('the repository stands alone', () => {
  const files = trackedTextFiles();

  it('has tracked text files to check', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('test/fixtures/corpus/legit-popular.txt');
  });

  it('no tracked file refers to a path outside it', () => {
    const offenders: string[] = [];
    // This file names such paths on purpose, as examples of what the check catches.
    for (const file of files.filter((f) => f !== 'test/conventions/self-contained.test.ts')) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const match of text.matchAll(CLIMBING_SHARED)) {
        if (badReference(file, match[0])) offenders.push(`${file}: ${match[0]}`);
      }
      if (OUTSIDE_NOTES.test(text)) offenders.push(`${file}: cites ${OUTSIDE_NOTES.exec(text)![0]} (cite docs/product.md)`);
    }
    expect(offenders).toEqual([]);
  });

  it('catches a reference to the sibling folder (the check itself works)', () => {
    // Built from parts, so this file does not itself contain the references it looks for.
    const sibling = (up: number, rest: string) => [...Array<string>(up).fill('..'), 'shared', rest].join('/');
    expect(badReference('scripts/bench.ts', sibling(1, 'corpus'))).toBe(true);
    expect(badReference('src/options/main.tsx', sibling(1, 'ui/ui.css'))).toBe(false);
    expect(badReference('src/shared/match/matcher.ts', sibling(4, 'cases'))).toBe(true);
  });

  it('keeps the corpora the tests and benchmarks read, with their sources', () => {
    for (const name of ['legit-popular.txt', 'legit-hk.txt']) {
      const lines = readFileSync(path.join(ROOT, 'test/fixtures/corpus', name), 'utf8')
        .split('\n')
        .filter(Boolean);
      expect(lines.length).toBeGreaterThan(50);
    }
    const readme = readFileSync(path.join(ROOT, 'test/fixtures/corpus/README.md'), 'utf8');
    expect(readme).toContain('legit-popular.txt');
    expect(readme).toContain('legit-hk.txt');
  });
});
