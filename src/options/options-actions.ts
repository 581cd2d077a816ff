/** What the options page can ask the background to do (wired in `main.tsx`, faked in tests). */
import type { FeedChange, FeedPreview, FeedStatus, SettingsPatch } from '../shared/messaging/protocol';
import type { Settings } from '../shared/settings/settings';

export interface OptionsActions {
  /** What a feed would add, checked by the background without subscribing. */
  preview(url: string, publicKey: string): Promise<FeedPreview>;
  subscribe(url: string, publicKey: string): Promise<FeedChange>;
  unsubscribe(url: string): Promise<FeedChange>;
  checkNow(): Promise<{ feeds: FeedStatus[] }>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
}

/**
 * Saves a settings change and offers to undo it: `message` is announced, and `undoPatch`
 * (when given) restores what was there before.
 */
export type SaveSettings = (patch: SettingsPatch, message: string, undoPatch?: SettingsPatch) => Promise<void>;

/** An error's message in plain words. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
