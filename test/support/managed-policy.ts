/**
 * Writes a browser policy file for the managed-policy tests and makes sure it goes away:
 * the files are system-wide (`/etc/...`), so a failed test must not leave one behind for
 * the next browser that starts on the machine. The drivers decide where and in which shape
 * (Chromium: `/etc/chromium/policies/managed/*.json`, Firefox: `/etc/firefox/policies/policies.json`).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A written policy file; `remove()` is idempotent. */
export interface PolicyFile {
  path: string;
  remove(): void;
}

const written = new Set<string>();
let hooked = false;

/** Last resort: the test worker exits (or is interrupted) with a policy file still written. */
function removeAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  const removeAll = () => {
    for (const file of written) rmSync(file, { force: true });
    written.clear();
  };
  process.once('exit', removeAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeAll();
      process.kill(process.pid, signal); // the default action, now that no handler is left
    });
  }
}

/**
 * Writes `content` as JSON to `file` (creating its folder).
 *
 * @throws Error when `file` exists already (another policy, or one left by a crash: it is
 *   not ours to overwrite or delete), or when the process may not write there (not root).
 */
export function writePolicyFile(file: string, content: unknown): PolicyFile {
  if (existsSync(file)) throw new Error(`${file} exists already; not overwriting it`);
  mkdirSync(path.dirname(file), { recursive: true });
  removeAllOnExit();
  writeFileSync(file, JSON.stringify(content, null, 2));
  written.add(file);
  return {
    path: file,
    remove: () => {
      if (!written.delete(file)) return;
      rmSync(file, { force: true });
    },
  };
}
