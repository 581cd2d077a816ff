/** Paths shared by the end-to-end tests and the demo runner. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built Chrome extension (override with ASA_EXTENSION_DIR to test another build). */
export const CHROME_DIST = process.env.ASA_EXTENSION_DIR ?? path.join(ROOT, 'dist/chrome');
/** The bundled demo site: one folder per hostname. */
export const DEMO_SITE = path.join(ROOT, 'test/fixtures/demo-site');
/** The fixed extension id, derived from the `key` in manifest.json. */
export const EXTENSION_ID = 'cheiigpbhifnmbdjiiheiphfmgndccbf';
