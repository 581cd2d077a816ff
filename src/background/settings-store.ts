/** Settings in `storage.local`, validated on every read (see `src/shared/settings`). */
import browser from 'webextension-polyfill';
import { parseSettings, type Settings } from '../shared/settings/settings';

const KEY = 'settings';

/** The current settings (defaults for anything missing or invalid). */
export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return parseSettings(stored[KEY]);
}

/** Applies `change` to the current settings and stores the result. */
export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = parseSettings(change(await loadSettings()));
  await browser.storage.local.set({ [KEY]: next });
  return next;
}
