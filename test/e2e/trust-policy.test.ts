/**
 * The trust model under managed policy in real Chromium (scenarios/trust-policy-scenarios.ts):
 * the policy is a file in `/etc/chromium/policies/managed/` (`3rdparty.extensions.<id>`),
 * kept while the browser runs and removed afterwards. Needs root; skipped otherwise.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'vitest';
import { launchChromium } from '../support/chromium-driver';
import { EXTENSION_ID } from '../support/paths';
import { trustPolicyScenarios } from './scenarios/trust-policy-scenarios';

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, 'agency-scam-alert-trust-e2e.json');
const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('Chromium policy file', () => {
  trustPolicyScenarios(
    'Chromium',
    launchChromium,
    (policy) => {
      if (existsSync(POLICY_FILE)) throw new Error(`${POLICY_FILE} exists already; not overwriting it`);
      mkdirSync(POLICY_DIR, { recursive: true });
      writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }, null, 2));
      return { remove: () => rmSync(POLICY_FILE, { force: true }), removeAfterLaunch: false };
    },
    (_port, host) => `https://${host}/feed.json`,
  );
});
