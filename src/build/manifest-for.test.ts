import { describe, expect, it } from 'vitest';
import base from '../../manifest.json' with { type: 'json' };
import { GECKO_ID, manifestFor } from './manifest-for';

describe('manifestFor', () => {
  it('keeps the Chrome manifest as written, with its key (fixed extension id)', () => {
    const chrome = manifestFor(base, 'chrome');
    expect(chrome).toEqual(base);
    expect(chrome).not.toBe(base);
    expect(chrome.key).toMatch(/^MIIB/);
  });

  it('patches Firefox: background.scripts, gecko id and minimum version, no key', () => {
    const firefox = manifestFor(base, 'firefox') as unknown as Record<string, unknown> & {
      background: { scripts?: string[]; service_worker?: string };
      browser_specific_settings: { gecko: { id: string; strict_min_version: string } };
    };
    expect(firefox.background.scripts).toEqual([base.background.service_worker]);
    expect(firefox.background.service_worker).toBeUndefined();
    expect(firefox.browser_specific_settings.gecko.id).toBe(GECKO_ID);
    expect(firefox.key).toBeUndefined();
    expect(firefox.minimum_chrome_version).toBeUndefined();
    expect(base.key).toBeDefined(); // the source is untouched
  });

  it('swaps the navigation judge permission: webNavigation in Chrome, blocking webRequest in Firefox', () => {
    const chrome = manifestFor(base, 'chrome') as { permissions: string[] };
    const firefox = manifestFor(base, 'firefox') as unknown as { permissions: string[] };
    expect(chrome.permissions).toContain('webNavigation');
    expect(chrome.permissions).not.toContain('webRequestBlocking');
    expect(firefox.permissions).toEqual(expect.arrayContaining(['webRequest', 'webRequestBlocking', 'storage', 'scripting']));
    expect(firefox.permissions).not.toContain('webNavigation');
  });

  it('runs the content script in every frame, from document_start, including blank and srcdoc frames', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const [script] = (manifestFor(base, browser) as unknown as { content_scripts: Array<Record<string, unknown>> }).content_scripts;
      expect(script).toMatchObject({ all_frames: true, match_about_blank: true, match_origin_as_fallback: true, run_at: 'document_start' });
    }
  });
});
