#!/usr/bin/env node
// The CLI is the bundle dist/cli/scam-alert.js (package.json "bin"), built by
// `npm run build:cli` (run by `npm ci` through `prepare`, and by `npm run build`).
// This path stays for callers that spawn bin/scam-alert.js (test/e2e/feed-publisher.ts).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/scam-alert.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('scam-alert: dist/cli/scam-alert.js is missing: run `npm run build:cli`\n');
  process.exit(1);
}
await import(bundle.href);
