import { describe, expect, it } from 'vitest';
import base from '../../manifest.json' with { type: 'json' };
import { GECKO_ID, manifestFor } from './manifest-for';
import { storeManifest, storeManifestProblems } from './store-manifest';

const chromeBuild = manifestFor(base, 'chrome') as Record<string, unknown>;
const firefoxBuild = manifestFor(base, 'firefox') as Record<string, unknown>;

describe('storeManifest', () => {
  it('drops only "key" from the Chrome Web Store manifest, and leaves the build manifest alone', () => {
    const store = storeManifest(chromeBuild, 'chrome');
    expect(store).not.toHaveProperty('key');
    const { key, ...rest } = chromeBuild;
    expect(key).toMatch(/^MIIB/);
    expect(store).toEqual(rest);
    expect(chromeBuild.key).toBe(base.key); // dist/chrome keeps the fixed id for unpacked installs and tests
  });

  it('keeps the Firefox manifest as built, gecko id included', () => {
    const store = storeManifest(firefoxBuild, 'firefox');
    expect(store).toEqual(firefoxBuild);
    expect(store).not.toBe(firefoxBuild);
    expect(store).toMatchObject({ browser_specific_settings: { gecko: { id: GECKO_ID } } });
  });

  it('store manifests pass the checks; the build manifests as they are would not', () => {
    expect(storeManifestProblems(storeManifest(chromeBuild, 'chrome'), 'chrome')).toEqual([]);
    expect(storeManifestProblems(storeManifest(firefoxBuild, 'firefox'), 'firefox')).toEqual([]);
    expect(storeManifestProblems(chromeBuild, 'chrome')).toEqual([expect.stringMatching(/^has "key"/)]);
  });
});

describe('storeManifestProblems', () => {
  it('names a missing or wrong gecko id, a Firefox patch in the Chrome archive, and a manifest version other than 3', () => {
    const { browser_specific_settings: _bss, ...noGecko } = firefoxBuild;
    expect(storeManifestProblems(noGecko, 'firefox')).toEqual([expect.stringMatching(/gecko\.id is undefined/)]);
    const otherId = { ...firefoxBuild, browser_specific_settings: { gecko: { id: 'other@example.invalid' } } };
    expect(storeManifestProblems(otherId, 'firefox')).toEqual([expect.stringMatching(/gecko\.id is "other@example\.invalid"/)]);
    expect(storeManifestProblems({ ...storeManifest(chromeBuild, 'chrome'), browser_specific_settings: {} }, 'chrome')).toEqual([
      expect.stringMatching(/browser_specific_settings/),
    ]);
    expect(storeManifestProblems({ ...firefoxBuild, manifest_version: 2 }, 'firefox')).toEqual([expect.stringMatching(/not 3/)]);
  });
});
