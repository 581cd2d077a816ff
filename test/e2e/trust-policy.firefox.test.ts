/**
 * The trust model under managed policy in real Firefox ESR (scenarios/trust-policy-scenarios.ts):
 * the policy is `/etc/firefox/policies/policies.json` (`3rdparty.Extensions.<gecko id>`),
 * written only when absent and removed right after start-up (Firefox reads it then). Needs
 * root; skipped otherwise.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe } from 'vitest';
import { GECKO_ID } from '../../src/build/manifest-for';
import { launchFirefox } from '../support/firefox';
import { trustPolicyScenarios } from './scenarios/trust-policy-scenarios';

const POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = path.join(POLICY_DIR, 'policies.json');
const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('Firefox policies.json', () => {
  trustPolicyScenarios(
    'Firefox',
    launchFirefox,
    (policy) => {
      if (existsSync(POLICY_FILE)) throw new Error(`${POLICY_FILE} exists already; not overwriting it`);
      mkdirSync(POLICY_DIR, { recursive: true });
      writeFileSync(POLICY_FILE, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: policy } } } }, null, 2));
      return { remove: () => rmSync(POLICY_FILE, { force: true }), removeAfterLaunch: true };
    },
    (port, host) => `https://${host}:${port}/feed.json`,
  );
});
